package io.postdesk.ui;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.PoolSettings;
import io.postdesk.model.Health;
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
    static final String RESTARTING = "The built-in database has stopped; PostDesk is restarting it…";
    static final String RESTARTED = "The built-in database had stopped; PostDesk restarted it.";

    private final DatabaseTarget target;
    private final PoolSettings poolSettings;
    private final LaunchOptions options;
    private final AppState state;
    private final Tasks tasks;
    private final Dialogs dialogs;
    private final StartupTimes times;
    private final Timeline healthChecks = new Timeline(new KeyFrame(HEALTH_INTERVAL, event -> checkHealth()));
    private DatabaseConnection connection;
    private boolean busy;
    private boolean migrationDeclined;
    /** The built-in server did not start again: no more tries by themselves, Retry tries again. */
    private boolean restartFailed;
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
        healthChecks.setCycleCount(Timeline.INDEFINITE);
        // Tasks that show their lock waits ask the open database (the window's views, issue 12).
        tasks.watchLockWaitsOf(() -> connection);
    }

    /** Starts opening the database; call once, on the FX thread (before or after the window shows). */
    public void start() {
        healthChecks.play();
        connect();
    }

    /** Tries again after a failure (the Retry button). */
    public void retry() {
        if (busy) {
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
    private sealed interface Outcome {
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
    private record Connected(DatabaseConnection connection, Outcome outcome) {
    }

    private void connect() {
        busy = true;
        setConnection(new ConnectionStatus.Working(target instanceof DatabaseTarget.Embedded
                ? "Starting the embedded database…" : "Connecting to " + target.displayName() + "…"));
        tasks.run("Opening the database", () -> {
                    DatabaseConnection opened = DatabaseConnection.connect(target, poolSettings, options.readOnly(), times);
                    return new Connected(opened, openSteps(opened, false));
                })
                .onSuccess(connected -> {
                    connection = connected.connection();
                    finish(connected.outcome());
                })
                .onError(this::fail)
                .start();
    }

    /** From reading the schema on; {@code migrationAgreed} when the user said yes to migrating. */
    private void open(boolean migrationAgreed) {
        busy = true;
        setConnection(new ConnectionStatus.Working("Checking the schema…"));
        DatabaseConnection opened = connection;
        tasks.run("Opening the database", () -> openSteps(opened, migrationAgreed))
                .onSuccess(this::finish)
                .onError(this::fail)
                .start();
    }

    /** Background thread: read the schema, migrate where that needs no question, open the workspace. */
    private Outcome openSteps(DatabaseConnection opened, boolean migrationAgreed) {
        String notice = null;
        if (opened.isEmbeddedServerStopped()) {
            report(RESTARTING);
            try {
                opened.restartEmbeddedServerIfStopped();
                notice = RESTARTED;
            } catch (RuntimeException e) {
                return new Outcome.RestartFailed(e);
            }
        }
        report("Checking the schema…");
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
            report("Applying schema changes…");
            try {
                opened.migrate();
                schema = opened.schema();
            } catch (RuntimeException e) {
                return new Outcome.Failed("Applying the schema changes", e);
            }
        }
        report("Opening…");
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
                migrationDeclined = false;
                open(true);
            } else {
                migrationDeclined = true;
                fail("The database needs PostDesk's schema changes before PostDesk can show it. Nothing was changed."
                        + " Retry to see them again, or start PostDesk with --migrate.");
            }
        } else if (outcome instanceof Outcome.Failed failed) {
            fail(tasks.describe(failed.what(), failed.error()));
        } else if (outcome instanceof Outcome.RestartFailed failed) {
            restartFailed = true;
            fail(tasks.describe("Restarting the built-in database", failed.error()));
        }
    }

    private void ready(Workspace workspace, SchemaStatus schema, String notice) {
        busy = false;
        times.mark("ready");
        setConnection(new ConnectionStatus.Ready(workspace, notice));
        if (schema.isNewerThanKnown()) {
            dialogs.warn("This database was changed by a newer PostDesk (schema version "
                    + schema.newerVersion() + "). This PostDesk opened it read-only, so nothing"
                    + " can be changed. Update PostDesk to edit it.");
        }
        checkHealth();
        checkRights(workspace);
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

    private void setConnection(ConnectionStatus status) {
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
                        : java.util.Optional.of(checked.checkHealth()))
                .onSuccess(checkedHealth -> {
                    if (startedAt != statusChanges) {
                        return; // out of date: the status changed while it ran (a newer check follows each change)
                    }
                    checkedHealth.ifPresentOrElse(health -> {
                        state.setHealth(health);
                        recoverIfBack(health);
                    }, this::restartEmbedded);
                })
                .onError(message -> {
                    if (startedAt == statusChanges) {
                        state.setHealth(Health.down(message));
                    }
                })
                .start();
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
                && !migrationDeclined) {
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

    public boolean isReady() {
        return state.connection() instanceof ConnectionStatus.Ready;
    }

    /** Stops the checks and closes the database (and the embedded server) on exit. */
    @Override
    public void close() {
        healthChecks.stop();
        if (connection != null) {
            connection.close();
        }
    }
}
