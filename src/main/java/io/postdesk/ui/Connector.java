package io.postdesk.ui;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.PoolSettings;
import io.postdesk.model.Health;
import io.postdesk.model.SchemaPlan;
import io.postdesk.model.SchemaStatus;
import io.postdesk.model.StartupTimes;
import io.postdesk.service.DatabaseConnection;
import io.postdesk.service.Workspace;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.Tasks;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Opens the database behind the window, step by step on the background executor, and keeps
 * checking that it is still there: connect, read the schema, migrate (asking first on a server
 * database), open the workspace. While the server is unreachable the health check retries, so
 * the window recovers by itself when the server comes back.
 */
public final class Connector implements AutoCloseable {
    static final Duration HEALTH_INTERVAL = Duration.seconds(30);
    /** While a server database is unreachable, it is looked for this often (issue 14). */
    static final Duration RECONNECT_INTERVAL = Duration.seconds(5);
    static final String CONNECTION_BACK = "The connection to the database was lost and is back; the rows were reloaded.";
    /** Writes wait while the server is gone: the controls say why through the rights they bind to. */
    static final io.postdesk.model.Rights CONNECTION_LOST = new io.postdesk.model.Rights(false, false, false, false,
            false, false, true, "the database cannot be reached. PostDesk reconnects by itself when it is back.");
    static final String RESTARTING = "The built-in database has stopped; PostDesk is restarting it…";
    static final String RESTARTED = "The built-in database had stopped; PostDesk restarted it.";
    /** See {@link #prepareHibernate()}. */
    static final Duration PREPARE_HIBERNATE_AT_MOST = Duration.seconds(5);

    // Not final: File > Connect… replaces them (see switchTo).
    private DatabaseTarget target;
    private PoolSettings poolSettings;
    private LaunchOptions options;
    private final AppState state;
    private final Tasks tasks;
    private final Dialogs dialogs;
    private final StartupTimes times;
    private Duration healthInterval = HEALTH_INTERVAL;
    private Timeline healthChecks;
    /** Set while a server database that was open cannot be reached; cleared when it answers again. */
    private boolean lost;
    private DatabaseConnection connection;
    /** The connection being opened, before {@link #connection} is set: its lock waits show too. */
    private volatile DatabaseConnection openingConnection;
    /** The opening's step now, shown again when a lock wait ends (see {@link OpeningWaits}). */
    private String step = "";
    private boolean busy;
    /**
     * The last failure is the user's to retry (a declined migration; a lock wait cancelled or run
     * out): a server that answers is then no reason to try again by itself.
     */
    private boolean retryOnlyByUser;
    /** The built-in server did not start again: no more tries by themselves, Retry tries again. */
    private boolean restartFailed;
    /** Counts switches: a result of an opening started for an earlier target is dropped (see switchTo). */
    private int generation;
    /**
     * Counts the changes of the connection's status. A health check answers for the moment it
     * started: one that started before the latest change (a check that met the server while it was
     * restarting, answering after Ready) is out of date and must not undo what came after it.
     */
    private long statusChanges;

    public Connector(DatabaseTarget target, PoolSettings poolSettings, LaunchOptions options, AppState state,
                     Tasks tasks, Dialogs dialogs, StartupTimes times) {
        this.target = target;
        this.times = times;
        this.poolSettings = poolSettings;
        this.options = options;
        this.state = state;
        this.tasks = tasks;
        this.dialogs = dialogs;
        // Tasks that show their lock waits ask the open database (the window's views, issue 12).
        tasks.watchLockWaitsOf(() -> connection != null ? connection : openingConnection);
    }

    /** Starts opening the database; call once, on the FX thread (before or after the window shows). */
    public void start() {
        start(null);
    }

    /**
     * As {@link #start()}, but the opening is {@code early}'s, begun by the launcher before the window
     * (null: begin one now). Its target must be this connector's; its steps and its outcome, a
     * failure too, reach the window as an opening begun here would.
     */
    public void start(EarlyOpening early) {
        if (early != null && !early.target().equals(target)) {
            throw new IllegalArgumentException("The early opening is for another database");
        }
        healthChecks = new Timeline(new KeyFrame(healthInterval, event -> checkHealth()));
        healthChecks.setCycleCount(Timeline.INDEFINITE);
        healthChecks.play();
        connect(early);
    }

    /** Tries again after a failure (the Retry button). */
    public void retry() {
        if (busy) {
            return;
        }
        if (isReady()) {
            checkHealth(); // open already: look now whether the server is (still, again) there
            return;
        }
        restartFailed = false;
        if (connection == null) {
            connect();
        } else {
            open(false);
        }
    }

    /**
     * How far one run on the background executor got. The steps follow each other there, without a
     * round trip through the FX thread (which is busy building the window at start-up); only the
     * question whether to migrate a server database comes back to it.
     */
    sealed interface Outcome {
        /** {@code notice}: what the window should say about how it got here, or null. */
        record Opened(Workspace workspace, SchemaStatus schema, String notice) implements Outcome {
        }

        record AskToMigrate(SchemaStatus schema) implements Outcome {
        }

        record Failed(String what, Throwable error) implements Outcome {
        }

        record RestartFailed(Throwable error) implements Outcome {
        }
    }

    /** A started connection and how far opening it got (a dead server still gives a connection). */
    record Connected(DatabaseConnection connection, Outcome outcome) {
    }

    /**
     * A whole opening, on any thread but the FX thread: connect, then the steps of {@link #openSteps}.
     * What {@link #connect} runs on the executor, and {@link EarlyOpening} on a thread of its own.
     *
     * @param report hears each step as it begins
     */
    static Connected open(DatabaseTarget target, PoolSettings pool, LaunchOptions options, StartupTimes times,
                          java.util.function.Consumer<String> report,
                          java.util.function.Consumer<Workspace> readAhead,
                          java.util.function.Consumer<DatabaseConnection> connected) {
        DatabaseConnection opened = DatabaseConnection.connectForWindow(target, pool, options.readOnly(), times);
        connected.accept(opened); // its lock waits show while it opens (the window's task only)
        Outcome outcome = openSteps(opened, false, options, report);
        if (outcome instanceof Outcome.Opened open) {
            readAhead(open.workspace(), readAhead, times);
        }
        return new Connected(opened, outcome);
    }

    /**
     * The first page the window will ask for, read while the FX thread still builds the views; a
     * failure here is the view's to meet (it asks again), not the opening's.
     */
    private static void readAhead(Workspace workspace, java.util.function.Consumer<Workspace> readAhead,
                                  StartupTimes times) {
        try {
            times.time("read-ahead", () -> readAhead.accept(workspace));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Connector.class).info("Reading the first page ahead failed: {}",
                    e.getMessage());
        }
    }

    /** What the first opening reads ahead once the database is open (see {@link #readFirstAhead}). */
    private java.util.function.Consumer<Workspace> firstReadAhead = workspace -> { };

    /** {@code readAhead}: what the first opening reads once open, for the views to find at Ready. */
    public void readFirstAhead(java.util.function.Consumer<Workspace> readAhead) {
        this.firstReadAhead = readAhead;
    }

    private void connect() {
        connect(null);
    }

    private void connect(EarlyOpening early) {
        busy = true;
        setConnection(new ConnectionStatus.Working(target instanceof DatabaseTarget.Embedded
                ? "Starting the embedded database…" : "Connecting to " + target.displayName() + "…"));
        DatabaseTarget opening = target;
        PoolSettings pool = poolSettings;
        LaunchOptions opened = options;
        java.util.function.Consumer<Workspace> readAhead = firstReadAhead;
        firstReadAhead = workspace -> { }; // the first opening's only
        int started = generation;
        tasks.run("Opening the database", () -> early != null
                        ? early.await(this::report, connecting -> openingConnection = connecting)
                        : open(opening, pool, opened, times, this::report, readAhead,
                                connecting -> openingConnection = connecting))
                .showWaitsIn(new OpeningWaits())
                .onSuccess(connected -> {
                    if (started != generation) {
                        closeLater(connected.connection()); // the user switched elsewhere meanwhile
                        return;
                    }
                    connection = connected.connection();
                    finish(connected.outcome());
                })
                .onError(message -> {
                    if (started == generation) {
                        fail(message);
                    }
                })
                .start();
    }

    /** From reading the schema on; {@code migrationAgreed} when the user said yes to migrating. */
    private void open(boolean migrationAgreed) {
        busy = true;
        setConnection(new ConnectionStatus.Working("Checking the schema…"));
        DatabaseConnection opened = connection;
        LaunchOptions openedWith = options;
        int started = generation;
        tasks.run("Opening the database", () -> openSteps(opened, migrationAgreed, openedWith, this::report))
                .showWaitsIn(new OpeningWaits())
                .onSuccess(outcome -> {
                    if (started == generation) {
                        finish(outcome);
                    }
                })
                .onError(message -> {
                    if (started == generation) {
                        fail(message);
                    }
                })
                .start();
    }

    /** Background thread: read the schema, migrate where that needs no question, open the workspace. */
    private static Outcome openSteps(DatabaseConnection opened, boolean migrationAgreed, LaunchOptions options,
                                     java.util.function.Consumer<String> report) {
        String notice = null;
        if (opened.isEmbeddedServerStopped()) {
            report.accept(RESTARTING);
            try {
                opened.restartEmbeddedServerIfStopped();
                notice = RESTARTED;
            } catch (RuntimeException e) {
                return new Outcome.RestartFailed(e);
            }
        }
        report.accept("Checking the schema…");
        SchemaStatus schema;
        try {
            schema = opened.schema();
        } catch (RuntimeException e) {
            return new Outcome.Failed("Reading the schema", e);
        }
        boolean needsMigration = !schema.pending().isEmpty() && !schema.isNewerThanKnown() && !options.readOnly();
        if (needsMigration) {
            if (!opened.isEmbedded() && !options.migrate() && !migrationAgreed) {
                return new Outcome.AskToMigrate(schema);
            }
            report.accept("Applying schema changes…");
            try {
                opened.migrate();
                schema = opened.schema();
            } catch (RuntimeException e) {
                return new Outcome.Failed("Applying the schema changes", e);
            }
        }
        report.accept("Opening…");
        try {
            return new Outcome.Opened(opened.openWorkspace(schema), schema, notice);
        } catch (RuntimeException e) {
            return new Outcome.Failed("Opening the database", e);
        }
    }

    /** Background thread: the step under way, for the views (in order: the task's result comes after it). */
    private void report(String step) {
        Platform.runLater(() -> {
            if (busy) {
                setConnection(new ConnectionStatus.Working(step));
            }
        });
    }

    private void finish(Outcome outcome) {
        if (outcome instanceof Outcome.Opened opened) {
            ready(opened.workspace(), opened.schema(), opened.notice());
        } else if (outcome instanceof Outcome.AskToMigrate ask) {
            if (dialogs.confirmMigration(target.displayName(), ask.schema().pending())) {
                retryOnlyByUser = false;
                open(true);
            } else {
                retryOnlyByUser = true;
                fail("The database needs PostDesk's schema changes before PostDesk can show it. Nothing was changed."
                        + " Retry to see them again, or start PostDesk with --migrate.");
            }
        } else if (outcome instanceof Outcome.Failed failed) {
            retryOnlyByUser = io.postdesk.service.ErrorMessages.isLockWait(failed.error());
            fail(tasks.describe(failed.what(), failed.error()));
        } else if (outcome instanceof Outcome.RestartFailed failed) {
            restartFailed = true;
            fail(tasks.describe("Restarting the built-in database", failed.error()));
        }
    }

    private void ready(Workspace workspace, SchemaStatus schema, String notice) {
        busy = false;
        retryOnlyByUser = false;
        back(); // a new opening (the built-in server restarted, a Retry) ends a lost connection: its notice wins
        times.mark("ready");
        setConnection(new ConnectionStatus.Ready(workspace, notice));
        prepareHibernate();
        if (schema.isNewerThanKnown()) {
            dialogs.warn("This database was changed by a newer PostDesk (schema version "
                    + schema.newerVersion() + "). This PostDesk opened it read-only, so nothing"
                    + " can be changed. Update PostDesk to edit it.");
        }
        checkHealth();
        checkRights(workspace);
    }

    /**
     * Hibernate (for forms, details, writes) is built once the first page is painted, so its boot does
     * not compete for the CPU with the first page; at once when the start is over (a switch, a restart),
     * and at the latest {@link #PREPARE_HIBERNATE_AT_MOST} after the database is open (the posts are not
     * on top). Whatever needs it earlier builds it then.
     */
    private void prepareHibernate() {
        DatabaseConnection opened = connection;
        times.whenFinished(done -> opened.prepareHibernate());
        javafx.animation.PauseTransition fallback = new javafx.animation.PauseTransition(PREPARE_HIBERNATE_AT_MOST);
        fallback.setOnFinished(event -> opened.prepareHibernate());
        fallback.play();
    }

    /** After a failed write: when the database refused it for lack of rights, they may have changed. */
    public void writeFailed(Throwable error, Workspace workspace) {
        if (io.postdesk.service.ErrorMessages.isPermissionProblem(error)) {
            checkRights(workspace);
        }
    }

    /** Asks the database what the role may do; again after a refused write (rights can change). */
    public void checkRights(Workspace workspace) {
        tasks.run("Checking your rights", () -> workspace.rights().check())
                .onSuccess(state::setRights)
                .onError(message -> state.setRights(AppState.NO_RIGHTS_YET))
                .start();
    }

    /**
     * An opening step that waits for a lock (a migration's DDL, the first start's demo rows) says so
     * where the step shows, with Cancel: which ends the statement, and the opening fails with Retry.
     * A migration waits under a short lock_timeout and tries again after a pause, so its waits come
     * and go (named while the watch sees them, about every half second).
     */
    private final class OpeningWaits implements io.postdesk.ui.common.WaitDisplay {
        @Override
        public void showWait(String text, Runnable cancel) {
            if (busy) {
                setConnection(new ConnectionStatus.Working(text, cancel));
            }
        }

        @Override
        public void hideWait() {
            if (busy && state.connection() instanceof ConnectionStatus.Working working && working.cancel() != null) {
                setConnection(new ConnectionStatus.Working(step, null));
            }
        }
    }

    private void setConnection(ConnectionStatus status) {
        if (status instanceof ConnectionStatus.Working working && working.cancel() == null) {
            step = working.step();
        }
        statusChanges++;
        state.setConnection(status);
    }

    private void fail(String message) {
        busy = false;
        state.setRights(AppState.NO_RIGHTS_YET);
        setConnection(new ConnectionStatus.Failed(message));
        if (connection != null) {
            checkHealth();
        }
    }

    private void checkHealth() {
        if (connection == null) {
            return;
        }
        DatabaseConnection checked = connection;
        long startedAt = statusChanges;
        // Empty: PostDesk's own server has stopped, which no query needs to wait to find out.
        tasks.run("Checking the database", () -> checked.isEmbeddedServerStopped() ? java.util.Optional.<Health>empty()
                        : java.util.Optional.of(checkAndCut(checked)))
                .onSuccess(checkedHealth -> {
                    if (startedAt != statusChanges || checked != connection) {
                        return; // out of date (the status changed while it ran), or a database switched away from
                    }
                    checkedHealth.ifPresentOrElse(health -> {
                        state.setHealth(health);
                        followServer(health);
                        recoverIfBack(health);
                    }, this::restartEmbedded);
                })
                .onError(message -> {
                    if (startedAt == statusChanges && checked == connection) {
                        state.setHealth(Health.down(message));
                        followServer(Health.down(message));
                    }
                })
                .start();
    }

    /**
     * Background thread: the health check, and when it fails, statements stuck on connections to a
     * server that has gone without a word are cut, so their views say so now (issue 14).
     */
    private static Health checkAndCut(DatabaseConnection checked) {
        Health health = checked.checkHealth();
        if (!health.reachable()) {
            checked.cutConnectionsIfServerGone();
        }
        return health;
    }

    /** How often the health check runs (POSTDESK_HEALTH_INTERVAL_MS); before {@link #start()}. */
    public void setHealthInterval(java.time.Duration interval) {
        healthInterval = Duration.millis(Math.max(1_000, interval.toMillis())); // 0 would spin
    }

    /**
     * Issue 14: an open database whose server goes away and comes back. While it is gone, writes
     * are refused up front (the rights say why) and the server is looked for every few seconds;
     * when it answers again the pool has already dropped the dead connections, so the same
     * workspace works again: the views reload (they follow a new Ready), the rights are read again,
     * and open forms, which kept what was typed, can save.
     */
    private void followServer(Health health) {
        if (busy || !(state.connection() instanceof ConnectionStatus.Ready ready)) {
            return;
        }
        if (!health.reachable() && !lost) {
            lost = true;
            state.setRights(CONNECTION_LOST);
            healthChecks.setRate(Math.max(1, healthInterval.toMillis() / RECONNECT_INTERVAL.toMillis()));
        } else if (health.reachable() && lost) {
            back();
            setConnection(new ConnectionStatus.Working("The database is back; reconnecting…"));
            setConnection(new ConnectionStatus.Ready(ready.workspace(), CONNECTION_BACK));
            checkRights(ready.workspace());
        }
    }

    private void back() {
        lost = false;
        if (healthChecks != null) {
            healthChecks.setRate(1);
        }
    }

    /**
     * A view's query failed: the server may have gone, so look now rather than at the next check
     * (PostDesk's own server is then restarted at once).
     */
    public void queryFailed() {
        checkHealth();
    }

    /** PostDesk owns the embedded server: when it has stopped (kill -9, a crash), start it again and reopen. */
    private void restartEmbedded() {
        if (restartFailed) {
            state.setHealth(Health.down("The built-in database has stopped."));
            return; // it did not start again: Retry tries again
        }
        if (busy) {
            return; // the opening under way restarts it, or fails and looks again
        }
        open(false); // its first step restarts the server
        setConnection(new ConnectionStatus.Working(RESTARTING));
        state.setHealth(Health.down(RESTARTING));
    }

    /** A server that comes back after a failed start gets the start finished without a click. */
    private void recoverIfBack(Health health) {
        if (health.reachable() && state.connection() instanceof ConnectionStatus.Failed && !busy
                && !retryOnlyByUser) {
            retry();
        }
    }

    /**
     * The query for the server's version (Help > About), to run on the background executor.
     *
     * @throws IllegalStateException when no database is open yet
     */
    public java.util.concurrent.Callable<String> serverVersionQuery() {
        DatabaseConnection open = connection;
        if (open == null) {
            throw new IllegalStateException("Not connected yet");
        }
        return () -> open.show("server_version");
    }

    /** The Diagnostics view's service once a database is open (ready or not: it shows why not). */
    public java.util.Optional<io.postdesk.service.DiagnosticsService> diagnostics() {
        DatabaseConnection open = connection;
        return open == null ? java.util.Optional.empty() : java.util.Optional.of(open.diagnostics());
    }

    /**
     * After File › Schema version changed the open database's schema (issue 17): the views and the
     * workspace were made for the schema as it was, and would fail on what an undo took away. The
     * schema is read again: at a version this PostDesk works with, the database opens again and
     * the views reload; below it (taken back, uninstalled), the views say so, and Retry applies the
     * missing changes (a server database asks first, as at a start). Nothing is migrated by itself
     * right after the user took it back.
     */
    public void schemaChanged() {
        DatabaseConnection opened = connection;
        if (opened == null || busy) {
            return;
        }
        busy = true;
        state.setRights(AppState.NO_RIGHTS_YET);
        setConnection(new ConnectionStatus.Working("Reading the changed schema…"));
        int started = generation;
        tasks.run("Reading the changed schema", opened::schema)
                .onSuccess(schema -> {
                    if (started != generation) {
                        return;
                    }
                    busy = false;
                    if (schema.pending().isEmpty() || schema.isNewerThanKnown() || options.readOnly()) {
                        open(false);
                        return;
                    }
                    retryOnlyByUser = true; // no reopening by itself: the user chose this version
                    fail((SchemaPlan.NONE.equals(schema.currentVersion())
                            ? "PostDesk's changes were removed from this database."
                            : "The schema is now at version " + schema.currentVersion() + ".")
                            + " This PostDesk needs " + schema.pending().size() + " more of its changes to show"
                            + " the data: Retry applies them again; nothing else is changed meanwhile.");
                })
                .onError(message -> {
                    if (started == generation) {
                        fail(message);
                    }
                })
                .start();
    }

    /** Changing the open database's schema version (File › Schema version); empty before one is open. */
    public java.util.Optional<io.postdesk.service.SchemaChanges> schemaChanges() {
        DatabaseConnection open = connection;
        return open == null ? java.util.Optional.empty() : java.util.Optional.of(open.schemaChanges());
    }

    public boolean isReady() {
        return state.connection() instanceof ConnectionStatus.Ready;
    }

    // ---- Switching to another database (File > Connect…, issue 14) ----

    /**
     * Closes the open database and opens {@code newTarget} in its place, in the same window: the
     * views see Working, then Ready with the new workspace, and reload. The old pool closes on the
     * background executor before the new one opens (the embedded server's folder must be free again
     * when switching back to it). A result still coming from the old target is dropped.
     *
     * @param name what the title and the status bar call it (never a password)
     */
    public void switchTo(DatabaseTarget newTarget, PoolSettings newPool, boolean readOnly, String name) {
        generation++;
        DatabaseConnection old = connection;
        connection = null;
        openingConnection = null;
        target = newTarget;
        poolSettings = newPool;
        options = new LaunchOptions(options.databaseUrl(), options.migrate(), readOnly);
        retryOnlyByUser = false;
        restartFailed = false;
        busy = true;
        state.setDatabaseName(name);
        state.setRights(AppState.NO_RIGHTS_YET);
        setConnection(new ConnectionStatus.Working("Closing the previous database…"));
        int started = generation;
        tasks.run("Closing the previous database", () -> {
                    if (old != null) {
                        old.close();
                    }
                    return started;
                })
                .onSuccess(this::openAfterSwitch)
                .onFailure(error -> openAfterSwitch(started)) // a pool that closed badly is closed all the same
                .start();
    }

    /** At start with saved connections: the views wait while the connection dialog is open. */
    public void awaitChoice(String step) {
        setConnection(new ConnectionStatus.Working(step));
    }

    /** True once {@link #start} or {@link #switchTo} has run. */
    public boolean isStarted() {
        return busy || connection != null || generation > 0;
    }

    private void openAfterSwitch(int started) {
        if (started == generation) {
            back(); // a switch starts from a connection not known to be lost
            if (healthChecks == null) { // the first connection, chosen in the dialog at start
                start();
            } else {
                healthChecks.play();
                connect();
            }
        }
    }

    private void closeLater(DatabaseConnection stale) {
        tasks.run("Closing the previous database", () -> {
            stale.close();
            return null;
        }).onError(message -> { }).start(); // logged; nothing the user needs to hear
    }

    /** Stops the checks and closes the database (and the embedded server) on exit. */
    @Override
    public void close() {
        if (healthChecks != null) {
            healthChecks.stop();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
