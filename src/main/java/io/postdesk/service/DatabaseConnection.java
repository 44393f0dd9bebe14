package io.postdesk.service;

import io.postdesk.model.ChangeCursor;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.DeferredDataSource;
import io.postdesk.db.DemoData;
import io.postdesk.db.EmbeddedDatabase;
import io.postdesk.model.Health;
import io.postdesk.db.HealthProbe;
import io.postdesk.db.PoolMetrics;
import io.postdesk.db.SlowQueryLog;
import io.postdesk.db.StatementStatistics;
import io.postdesk.db.Migrations;
import io.postdesk.model.SchemaStatus;
import io.postdesk.model.StartupTimes;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.store.AuditStore;
import io.postdesk.store.BulkPublishStore;
import io.postdesk.store.ExportStore;
import io.postdesk.store.PostEditStore;
import io.postdesk.store.PostStore;
import io.postdesk.store.RightsStore;
import io.postdesk.store.UserEditStore;
import io.postdesk.store.UserStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open database: the embedded server (if it is ours), the pool, and once the schema is
 * right, Hibernate. The steps are separate methods because the window sits between them: the
 * user is asked before a server database is migrated.
 *
 * <pre>
 *   connect() -> schema() -> [migrate()] -> openWorkspace() ... close()
 * </pre>
 *
 * Hibernate does not wait for the database: {@link #connect} starts building it on a thread of its
 * own (it needs no connection to boot) while the embedded server starts and the schema is read, and
 * {@link #openWorkspace} takes it when it is ready.
 */
public final class DatabaseConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConnection.class);

    private final DatabaseTarget target;
    private final PoolSettings poolSettings;
    private final EmbeddedDatabase embedded;
    private final StartupTimes times;
    /** What Hibernate connects through: always the current pool. */
    private final DeferredDataSource hibernateDataSource;
    /** Hibernate being built; null until something needs it when it is built on demand. */
    private CompletableFuture<SessionFactory> hibernate;
    /** Guards {@link #hibernate}'s creation only, never a wait for it (the FX thread may ask to begin it). */
    private final Object hibernateLock = new Object();
    private volatile boolean closed;
    private HikariDataSource pool;
    /** HikariCP's metrics of the current pool; replaced with it. */
    private volatile PoolMetrics poolMetrics;
    /** Every statement Hibernate and the stores run goes through this log (the Diagnostics view). */
    private final SlowQueryLog slowQueries = new SlowQueryLog();
    private final HealthLog healthLog = new HealthLog();
    /** The connections Hibernate and the stores hold now, cut when the server is found gone (issue 14). */
    private final io.postdesk.db.BorrowedConnections borrowed = new io.postdesk.db.BorrowedConnections();
    /** The Diagnostics view's own connection, opened when the view first asks. */
    private HikariDataSource diagnosticsConnection;
    private final Object diagnosticsLock = new Object();
    private final DiagnosticsService diagnostics;
    /** Who holds the locks PostDesk's statements wait for, asked over a connection of its own. */
    private final HikariDataSource lockWatchConnection;
    private final io.postdesk.db.LockWatch lockWatch;
    /** The window's change watch's own connection (issue 15), opened when it first follows. */
    private final HikariDataSource changeWatchConnection;
    private boolean readOnly;
    private String readOnlyReason;
    private volatile SessionFactory sessionFactory;
    private boolean workspaceOpened;

    private DatabaseConnection(DatabaseTarget target, PoolSettings poolSettings, EmbeddedDatabase embedded,
                               boolean readOnly, StartupTimes times, DeferredDataSource hibernateDataSource,
                               CompletableFuture<SessionFactory> hibernate, boolean withPoolMetrics) {
        this.target = target;
        this.poolMetrics = withPoolMetrics ? new PoolMetrics() : PoolMetrics.off();
        this.times = times;
        this.hibernateDataSource = hibernateDataSource;
        this.hibernate = hibernate;
        this.poolSettings = poolSettings;
        this.embedded = embedded;
        this.readOnly = readOnly;
        this.readOnlyReason = readOnly ? "PostDesk was started with --read-only." : null;
        this.pool = times.time("pool", () -> ConnectionPool.create(embedded != null ? embedded.url()
                : ((DatabaseTarget.Server) target).url(), poolSettings, readOnly, poolMetrics));
        hibernateDataSource.set(borrowed.wrap(slowQueries.wrap(pool)));
        this.lockWatchConnection = ConnectionPool.createForLockWatch(embedded != null ? embedded.url()
                : ((DatabaseTarget.Server) target).url(), poolSettings);
        this.lockWatch = new io.postdesk.db.LockWatch(lockWatchConnection);
        this.changeWatchConnection = ConnectionPool.createForChangeWatch(embedded != null ? embedded.url()
                : ((DatabaseTarget.Server) target).url(), poolSettings);
        this.diagnostics = new DiagnosticsService(() -> poolMetrics, slowQueries, healthLog,
                this::diagnosticsConnection, embedded != null);
    }

    /** Hears the longest lock wait of PostDesk's statements when it changes (null: none left); any thread. */
    public void onLockWait(java.util.function.Consumer<io.postdesk.model.LockWait> listener) {
        lockWatch.addListener(listener);
    }

    /**
     * The lock wait of the transaction running on {@code worker} now, or null. Reads only what
     * the watcher last saw (no query), so the FX thread may ask: it is how a window's task finds
     * its own wait among PostDesk's.
     */
    public io.postdesk.model.LockWait lockWaitOn(Thread worker) {
        return lockWatch.waitOn(worker);
    }

    /**
     * Until the returned action is run, {@code waiter}'s lock waits (and their Cancel) are those of the work
     * running on {@code worker}: a window's task that waits for an opening begun on another thread.
     */
    public Runnable followLockWaits(Thread waiter, Thread worker) {
        return lockWatch.follow(waiter, worker);
    }

    /**
     * Cancels in the server the statement of the transaction running on {@code worker} (the
     * window's Cancel of a lock wait); returns at once. The transaction rolls back and fails with
     * {@link io.postdesk.db.LockWaitCancelledException}, naming the session that held the lock.
     */
    public void cancelStatementOn(Thread worker) {
        // The cancel request opens a connection of its own: never on the caller's (the FX) thread.
        Thread canceller = new Thread(() -> lockWatch.cancel(worker), "postdesk-cancel-wait");
        canceller.setDaemon(true);
        canceller.start();
    }

    /** Cancels every statement PostDesk has running in the server (Ctrl+C); does not wait for them. */
    public void cancelRunningStatements() {
        lockWatch.cancelAll();
    }

    /**
     * Starts the embedded server (embedded target) and the pool. Never fails because a server
     * is down: that shows up in {@link #schema()} and the health check.
     *
     * @throws io.postdesk.db.DataFolderInUseException when another PostDesk has the embedded data folder
     */
    public static DatabaseConnection connect(DatabaseTarget target, PoolSettings poolSettings, boolean readOnly) {
        return connect(target, poolSettings, readOnly, StartupTimes.sinceJvmStart());
    }

    /** As {@link #connect(DatabaseTarget, PoolSettings, boolean)}, recording its phases in {@code times}. */
    public static DatabaseConnection connect(DatabaseTarget target, PoolSettings poolSettings, boolean readOnly,
                                             StartupTimes times) {
        return connect(target, poolSettings, readOnly, times, true, true);
    }

    /**
     * For the window: Hibernate is built when first needed or when {@link #prepareHibernate} asks, which the
     * window does once its first page is painted. The reads of the start (pages, counts, rights, history)
     * are plain JDBC; Hibernate's boot (about a second of CPU) beside them slowed the window's build and
     * first page on a 2-core machine (docs/PERFORMANCE.md, "startup").
     */
    public static DatabaseConnection connectForWindow(DatabaseTarget target, PoolSettings poolSettings,
                                                      boolean readOnly, StartupTimes times) {
        return connect(target, poolSettings, readOnly, times, false, true);
    }

    /** Begins building Hibernate in the background if nothing has yet; returns at once (any thread). */
    public void prepareHibernate() {
        if (!closed) {
            hibernateBoot();
        }
    }

    /**
     * For a command: Hibernate is built only when a command first needs it. An export runs on plain
     * JDBC (COPY) and never does; building it anyway was most of the CPU of {@code export posts}
     * before its first row, on a machine whose cores the export itself needs (docs/PERFORMANCE.md).
     */
    public static DatabaseConnection connectForCommand(DatabaseTarget target, PoolSettings poolSettings,
                                                       boolean readOnly) {
        return connectForCommand(target, poolSettings, readOnly, true);
    }

    /** As above; {@code withPoolMetrics} false for a command that never shows the pool's figures (see PoolMetrics#off). */
    public static DatabaseConnection connectForCommand(DatabaseTarget target, PoolSettings poolSettings,
                                                       boolean readOnly, boolean withPoolMetrics) {
        return connect(target, poolSettings, readOnly, StartupTimes.sinceJvmStart(), false, withPoolMetrics);
    }

    private static DatabaseConnection connect(DatabaseTarget target, PoolSettings poolSettings, boolean readOnly,
                                              StartupTimes times, boolean hibernateAtOnce, boolean withPoolMetrics) {
        DeferredDataSource hibernateDataSource = new DeferredDataSource();
        CompletableFuture<SessionFactory> hibernate = hibernateAtOnce ? bootHibernate(hibernateDataSource, times) : null;
        EmbeddedDatabase embedded = null;
        try {
            if (target instanceof DatabaseTarget.Embedded local) {
                embedded = times.time("embedded-db", () -> EmbeddedDatabase.start(local.dataFolder()));
            }
            return new DatabaseConnection(target, poolSettings, embedded, readOnly, times, hibernateDataSource,
                    hibernate, withPoolMetrics);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            if (hibernate != null) {
                hibernate.thenAccept(SessionFactory::close);
            }
            throw e;
        }
    }

    /**
     * Builds Hibernate beside the database start: it is CPU work (class loading, the metamodel),
     * not a query, so it gets a thread of its own rather than a worker of the background executor.
     */
    private static CompletableFuture<SessionFactory> bootHibernate(DeferredDataSource dataSource, StartupTimes times) {
        CompletableFuture<SessionFactory> result = new CompletableFuture<>();
        Thread boot = new Thread(() -> {
            try {
                long start = times.now();
                result.complete(times.time("hibernate", () -> SessionFactories.create(dataSource)));
                log.info("Hibernate ready in {} ms", times.now() - start);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, "postdesk-hibernate-boot");
        boot.setDaemon(true);
        boot.setUncaughtExceptionHandler((thread, e) -> log.error("Hibernate did not start", e));
        boot.start();
        return result;
    }

    public DatabaseTarget target() {
        return target;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** True when the database is PostDesk's own embedded server and it has ended by itself (kill -9, a crash). */
    public boolean isEmbeddedServerStopped() {
        return embedded != null && !embedded.isRunning();
    }

    /**
     * Starts PostDesk's own server again if it has stopped (a server database is never restarted:
     * it is someone else's) and drops the pool's connections to the dead one.
     *
     * @return true when it restarted the server
     * @throws io.postdesk.db.ServerRestartException when the server does not start again
     */
    public boolean restartEmbeddedServerIfStopped() {
        if (embedded == null || !embedded.restartIfStopped()) {
            return false;
        }
        // The pool would find them dead at their next borrow; evicting them now spares that wait.
        pool.getHikariPoolMXBean().softEvictConnections();
        lockWatchConnection.getHikariPoolMXBean().softEvictConnections();
        return true;
    }

    /** Reads the schema state; throws when the server cannot be reached. */
    public SchemaStatus schema() {
        return times.time("schema-check", () -> new Migrations(watchedPool()).status());
    }

    public void migrate() {
        migrate(line -> { });
    }

    /** Migrates, telling {@code progress} what a long step is doing (index builds take minutes on a big blog). */
    public void migrate(java.util.function.Consumer<String> progress) {
        times.time("migrate", () -> new Migrations(watchedPool()).migrate(progress::accept));
    }

    /** Moving the schema to another version or removing it (migrate --to, uninstall, the Schema dialog). */
    public SchemaChanges schemaChanges() {
        return new SchemaChanges(watchedPool());
    }

    /**
     * The pool with each borrowed connection known to the lock watch: work that runs outside
     * {@link Transactions} (the opening's steps, migrations, schema changes) gets its lock waits named
     * and cancellable as a view's do (issue 12).
     */
    private javax.sql.DataSource watchedPool() {
        return lockWatch.watching(pool);
    }

    /**
     * Builds Hibernate and the services. A schema newer than this PostDesk switches the pool to
     * driver-enforced read-only first. On a first start of the embedded database, loads the demo.
     */
    public synchronized Workspace openWorkspace(SchemaStatus schema) {
        if (schema.isNewerThanKnown() && !readOnly) {
            log.warn("Schema version {} is newer than this PostDesk knows; opening read-only", schema.newerVersion());
            readOnly = true;
            readOnlyReason = "The database was changed by a newer PostDesk (schema version " + schema.newerVersion()
                    + "); update PostDesk to make changes.";
            HikariDataSource old = pool;
            PoolMetrics metrics = poolMetrics.isOn() ? new PoolMetrics() : PoolMetrics.off();
            pool = ConnectionPool.create(embedded != null ? embedded.url()
                    : ((DatabaseTarget.Server) target).url(), poolSettings, true, metrics);
            poolMetrics = metrics;
            hibernateDataSource.set(borrowed.wrap(slowQueries.wrap(pool)));
            old.close();
        }
        if (embedded != null) {
            times.time("durability-check", this::requireDurableEmbeddedServer);
            if (!readOnly) {
                times.time("demo-check", () -> DemoData.loadIfFirstStart(watchedPool(), embedded.dataFolder()));
                StatementStatistics.install(pool);
            }
        }
        if (hibernateStarted() && sessionFactory == null) {
            sessionFactory = times.time("hibernate-wait", this::awaitHibernate);
        }
        workspaceOpened = true;
        Transactions transactions = transactions();
        UserStore users = new UserStore();
        PostStore posts = new PostStore();
        AuditStore audit = new AuditStore(System.getProperty("user.name"));
        PostEditing postEditing = new PostEditing(transactions, new PostEditStore(), audit);
        return new Workspace(new UserService(transactions, users, posts),
                new PostService(transactions, posts, users),
                new UserEditing(transactions, new UserEditStore(), postEditing, audit, new PasswordHasher()),
                postEditing, new AuditService(transactions, audit),
                new RightsService(transactions, new RightsStore(), readOnlyReason), readOnly,
                new BulkPublishing(transactions, new BulkPublishStore(), audit), new CsvExport(transactions, new ExportStore()),
                csvImport(), new ChangeFeed(changeWatchConnection, changesOpenedAt()));
    }

    /** The change feed's end now, before any view reads (one query on the open pool); null without the feed. */
    private ChangeCursor changesOpenedAt() {
        try {
            return new ChangeFeed(watchedPool()).end();
        } catch (RuntimeException e) {
            log.info("Other writers' changes will not be followed: {}", e.getMessage());
            return null;
        }
    }

    /** The change feed (V9) on this database's pool; after the schema is migrated. */
    public ChangeFeed changeFeed() {
        return new ChangeFeed(pool);
    }

    /** A sync of this database's users and posts into {@code redis}, registered as {@code consumer}. */
    public RedisSync redisSync(redis.clients.jedis.Jedis redis, String consumer, int batchSize) {
        return new RedisSync(pool, changeFeed(), redis, consumer, batchSize);
    }

    /** The CSV import on this database; after {@link #openWorkspace}. */
    public synchronized CsvImport csvImport() {
        if (!workspaceOpened) {
            throw new IllegalStateException("openWorkspace first");
        }
        Transactions transactions = transactions();
        PostService posts = new PostService(transactions, new PostStore(), new UserStore());
        return new CsvImport(transactions, new io.postdesk.store.ImportStore(),
                new AuditStore(System.getProperty("user.name")), new PasswordHasher(), posts::resolveAuthor);
    }

    /** JDBC work on the current pool; Hibernate work on the SessionFactory, built now if it was left for later. */
    private Transactions transactions() {
        return new Transactions(this::sessionFactory, hibernateDataSource, lockWatch);
    }

    private SessionFactory sessionFactory() {
        SessionFactory built = sessionFactory;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (sessionFactory == null) {
                sessionFactory = awaitHibernate();
            }
            return sessionFactory;
        }
    }

    private boolean hibernateStarted() {
        synchronized (hibernateLock) {
            return hibernate != null;
        }
    }

    private CompletableFuture<SessionFactory> hibernateBoot() {
        synchronized (hibernateLock) {
            if (hibernate == null) {
                hibernate = bootHibernate(hibernateDataSource, times);
            }
            return hibernate;
        }
    }

    private SessionFactory awaitHibernate() {
        try {
            return hibernateBoot().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The user's data lives here: refuse to run it on a server that could lose commits in a crash. */
    private void requireDurableEmbeddedServer() {
        String fsync = show("fsync");
        String synchronousCommit = show("synchronous_commit");
        if (!"on".equals(fsync) || !"on".equals(synchronousCommit)) {
            throw new IllegalStateException("The embedded database started with fsync=" + fsync
                    + " and synchronous_commit=" + synchronousCommit + "; PostDesk needs both on to keep your data safe.");
        }
        log.info("Embedded database durability: fsync={}, synchronous_commit={}", fsync, synchronousCommit);
    }

    public Health checkHealth() {
        Health health = new HealthProbe(pool, ErrorMessages::describe).check();
        healthLog.record(health);
        diagnostics.samplePool();
        return health;
    }

    /**
     * After a failed health check (issue 14): when a connection of its own cannot reach the server
     * either, the server is gone, not just the pool full, and every statement still waiting on a
     * borrowed connection is cut now rather than after the socket timeout (5 minutes by default: a
     * server that vanished without closing its connections sends nothing). Returns how many were cut.
     */
    public int cutConnectionsIfServerGone() {
        if (borrowed.size() == 0 || serverAnswers()) {
            return 0;
        }
        int cut = borrowed.abortAll();
        log.warn("The database server cannot be reached: cut {} connection(s) in use so their statements fail now", cut);
        return cut;
    }

    /** A login and {@code SELECT 1} on a connection outside the pool, bounded by the connection timeout. */
    private boolean serverAnswers() {
        io.postdesk.config.DatabaseUrl url = embedded != null ? embedded.url() : ((DatabaseTarget.Server) target).url();
        java.util.Properties properties = new java.util.Properties();
        if (!url.user().isEmpty()) {
            properties.setProperty("user", url.user());
        }
        if (!url.password().isEmpty()) {
            properties.setProperty("password", url.password());
        }
        String seconds = Long.toString(Math.max(1, poolSettings.connectionTimeout().toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("ApplicationName", "PostDesk health");
        try (Connection connection = new org.postgresql.Driver().connect(url.jdbcUrl(), properties);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * The Diagnostics view's and {@code postdesk diagnose}'s service; its connection opens on first use.
     * Not synchronized: the window asks for it while {@link #openWorkspace} may hold this object.
     */
    public DiagnosticsService diagnostics() {
        return diagnostics;
    }

    private javax.sql.DataSource diagnosticsConnection() {
        synchronized (diagnosticsLock) {
            if (diagnosticsConnection == null) {
                diagnosticsConnection = ConnectionPool.createForDiagnostics(embedded != null ? embedded.url()
                        : ((DatabaseTarget.Server) target).url(), poolSettings);
            }
            return diagnosticsConnection;
        }
    }

    /**
     * Statements reach the pool through the slow-query capture (true, always in the app) or straight;
     * for the benchmark that measures what the capture costs.
     */
    public void captureStatements(boolean on) {
        hibernateDataSource.set(borrowed.wrap(on ? slowQueries.wrap(pool) : pool));
    }

    /** The data source Hibernate uses (the pool behind the slow-query log); for tests that load the pool. */
    javax.sql.DataSource dataSource() {
        return borrowed.wrap(slowQueries.wrap(pool));
    }

    /** Reads a server setting, e.g. {@code fsync}; for start-up checks and tests. */
    public String show(String setting) {
        if (!setting.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a setting name: " + setting);
        }
        try (Connection connection = pool.getConnection();
             ResultSet rs = connection.createStatement().executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new io.postdesk.db.DatabaseException(e);
        }
    }

    /** Closes Hibernate and the pool, then stops the embedded server cleanly. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            // Still booting (the window closed at once): closed as soon as it is built.
            lockWatch.close();
            lockWatchConnection.close();
            changeWatchConnection.close();
            synchronized (diagnosticsLock) {
                if (diagnosticsConnection != null) {
                    diagnosticsConnection.close();
                }
            }
            synchronized (hibernateLock) {
                if (hibernate != null) {
                    hibernate.thenAccept(SessionFactory::close);
                }
            }
            pool.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
