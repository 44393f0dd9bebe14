package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.LockTimeoutException;
import io.postdesk.model.LockWait;
import io.postdesk.model.PostFilter;
import io.postdesk.testing.Eventually;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "Waits without end": another session holds {@code posts} locked (as {@code LOCK posts IN
 * ACCESS EXCLUSIVE MODE} in psql). PostDesk's statements wait a bounded time, say whom they wait for
 * while they wait, and can all be cancelled at once (Ctrl+C).
 */
class LockWaitTest {
    private static final Duration SHORT_LOCK_TIMEOUT = Duration.ofSeconds(3);
    private static final java.util.UUID DRAFT = java.util.UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static TestDatabase db;
    private Connection blocker;
    private DatabaseConnection connection;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void lockPosts() throws SQLException {
        db.sql("TRUNCATE users CASCADE");
        db.sql("INSERT INTO users (id, username, email, password_hash) VALUES"
                + " ('00000000-0000-0000-0000-000000000001', 'ann', 'ann@example.com', 'x')");
        db.sql("INSERT INTO posts (id, user_id, title, content) VALUES ('" + DRAFT + "',"
                + " '00000000-0000-0000-0000-000000000001', 'A draft', 'Text')");
        Properties login = new Properties();
        login.setProperty("user", db.url().user());
        login.setProperty("password", db.url().password());
        login.setProperty("ApplicationName", "psql-in-a-test");
        blocker = DriverManager.getConnection(db.url().jdbcUrl(), login);
        blocker.setAutoCommit(false);
        try (Statement statement = blocker.createStatement()) {
            statement.execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
        }
    }

    @AfterEach
    void release() throws SQLException {
        blocker.rollback();
        blocker.close();
        if (connection != null) {
            connection.close();
        }
    }

    private Workspace open(Duration lockTimeout) {
        connection = DatabaseConnection.connect(new DatabaseTarget.Server(db.url(), "test"),
                PoolSettings.DEFAULTS.withLockTimeout(lockTimeout), false);
        return connection.openWorkspace(connection.schema());
    }

    @Test
    void aLockedTableEndsTheStatementWithinTheLockTimeoutNamingTheBlocker() {
        Workspace workspace = open(SHORT_LOCK_TIMEOUT);
        long start = System.nanoTime();

        assertThatThrownBy(() -> workspace.posts().exactCount(PostFilter.NONE, null))
                .isInstanceOf(LockTimeoutException.class)
                .satisfies(error -> assertThat(ErrorMessages.describe(error))
                        .startsWith("posts stayed locked by session ")
                        .contains("application psql-in-a-test", "user " + db.url().user(), "idle in transaction",
                                " for 3 s; nothing was changed"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT_LOCK_TIMEOUT.plusSeconds(3));
    }

    @Test
    void theWatcherSaysWhoHoldsTheLockWhileTheStatementWaits() throws Exception {
        Workspace workspace = open(Duration.ofSeconds(30));
        BlockingQueue<LockWait> heard = new LinkedBlockingQueue<>();
        connection.onLockWait(wait -> {
            if (wait != null) {
                heard.add(wait);
            }
        });

        CompletableFuture<Long> count = CompletableFuture.supplyAsync(
                () -> workspace.posts().exactCount(PostFilter.NONE, null).value());
        LockWait wait = heard.poll(10, TimeUnit.SECONDS);

        assertThat(wait).isNotNull();
        assertThat(wait.describe()).startsWith("Waiting for a lock held by session ")
                .contains("application psql-in-a-test", "since ");
        assertThat(wait.queryLine()).contains("LOCK TABLE posts");
        assertThat(count).isNotDone();
        blocker.rollback(); // the lock goes: the statement goes on
        assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void cancelAllEndsAWaitingStatementAtOnce() throws Exception {
        Workspace workspace = open(Duration.ofSeconds(30));
        BlockingQueue<LockWait> heard = new LinkedBlockingQueue<>();
        connection.onLockWait(wait -> {
            if (wait != null) {
                heard.add(wait);
            }
        });
        CompletableFuture<Long> count = CompletableFuture.supplyAsync(
                () -> workspace.posts().exactCount(PostFilter.NONE, null).value());
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isNotNull();

        long start = System.nanoTime();
        connection.cancelRunningStatements();

        assertThatThrownBy(() -> count.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .satisfies(error -> assertThat(ErrorMessages.describe(error)).isEqualTo("The query was cancelled."));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    /**
     * The window's Cancel of one wait: only the statement of the transaction on that thread ends
     * (another waiting one goes on), the transaction rolls back, and the failure names the blocker.
     */
    @Test
    void cancellingTheWaitOfOneThreadEndsOnlyItsStatementAndChangesNothing() throws Exception {
        Workspace workspace = open(Duration.ofSeconds(30));
        FutureTask<Long> publish = new FutureTask<>(
                () -> workspace.publishing().apply(java.util.List.of(DRAFT), true, null, null));
        FutureTask<Long> count = new FutureTask<>(() -> workspace.posts().exactCount(PostFilter.NONE, null).value());
        Thread publisher = new Thread(publish, "test-publisher");
        Thread counter = new Thread(count, "test-counter");
        publisher.start();
        counter.start();
        LockWait wait = awaitWait(publisher);
        assertThat(awaitWait(counter)).isNotNull();
        assertThat(wait.relation()).isEqualTo("posts");

        long start = System.nanoTime();
        connection.cancelStatementOn(publisher);

        assertThatThrownBy(() -> publish.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .satisfies(error -> assertThat(ErrorMessages.describe(error))
                        .startsWith("Cancelled — posts is locked by session " + wait.blockerPid())
                        .contains("application psql-in-a-test", "Nothing was changed."))
                .satisfies(error -> assertThat(ErrorMessages.isLockWait(error)).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(count).as("the other thread's statement still waits").isNotDone();
        assertThat(connection.lockWaitOn(publisher)).isNull();

        blocker.rollback();
        assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM posts WHERE published")).isZero();
        assertThat(scalar("SELECT count(*) FROM postdesk_audit")).isZero();
    }

    /**
     * A migration stuck behind the lock tries again and again, each try cut short by its own
     * half-second lock_timeout: between the tries it still names the session it is stuck behind
     * (not a wait that shows and vanishes with every try), and Cancel ends it in a pause too.
     */
    @Test
    void aMigrationStuckBehindALockNamesItsBlockerBetweenItsTriesAndCancelEndsIt() throws Exception {
        blocker.rollback();
        SchemaChanges changes = new SchemaChanges(db.dataSource());
        String latest = changes.currentVersion();
        changes.apply(changes.planTo("8"), line -> { });
        try (Statement statement = blocker.createStatement()) {
            statement.execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
        }
        connection = DatabaseConnection.connect(new DatabaseTarget.Server(db.url(), "test"), PoolSettings.DEFAULTS, false);
        BlockingQueue<java.util.Optional<LockWait>> atEachRetry = new LinkedBlockingQueue<>();
        FutureTask<Void> migrate = new FutureTask<>(() -> {
            connection.migrate(line -> {
                if (line.startsWith("A table is busy")) { // said on the migrating thread, before its pause
                    atEachRetry.add(java.util.Optional.ofNullable(connection.lockWaitOn(Thread.currentThread())));
                }
            });
            return null;
        });
        Thread migrator = new Thread(migrate, "test-migrator");
        migrator.start();

        atEachRetry.poll(10, TimeUnit.SECONDS);
        atEachRetry.poll(10, TimeUnit.SECONDS);
        java.util.Optional<LockWait> third = atEachRetry.poll(10, TimeUnit.SECONDS);
        assertThat(third).as("the wait named at the third retry").isNotNull().isPresent();
        assertThat(third.get().describe()).startsWith("Waiting for a lock held by session ")
                .contains("application psql-in-a-test");
        assertThat(connection.lockWaitOn(migrator)).as("named during the pause too").isEqualTo(third.get());

        long start = System.nanoTime();
        connection.cancelStatementOn(migrator); // in the 2 s pause after the third try

        assertThatThrownBy(() -> migrate.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .satisfies(error -> assertThat(ErrorMessages.describe(error))
                        .startsWith("Cancelled — posts is locked by session " + third.get().blockerPid()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(connection.lockWaitOn(migrator)).isNull();
        assertThat(changes.currentVersion()).isEqualTo("8");

        blocker.rollback();
        connection.migrate();
        assertThat(changes.currentVersion()).isEqualTo(latest);
    }

    private LockWait awaitWait(Thread worker) throws Exception {
        return Eventually.read(java.time.Duration.ofSeconds(10), () -> connection.lockWaitOn(worker),
                wait -> wait != null);
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
