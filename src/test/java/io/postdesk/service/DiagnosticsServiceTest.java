package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.model.Diagnostics;
import io.postdesk.model.QueryOrigin;
import io.postdesk.store.DiagnosticsStore;
import io.postdesk.testing.Eventually;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 16: the pool under load, slow statements, blocked sessions and Cancel, a role without rights. */
class DiagnosticsServiceTest {
    private static final PoolSettings THREE_CONNECTIONS = new PoolSettings(3, 0, Duration.ofSeconds(20),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofSeconds(30));
    private static TestDatabase db;
    private DatabaseConnection connection;
    private final List<Connection> opened = new ArrayList<>();

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void connect() {
        connection = DatabaseConnection.connect(new DatabaseTarget.Server(db.url(), "test"), THREE_CONNECTIONS, false);
    }

    @AfterEach
    void disconnect() throws SQLException {
        for (Connection c : opened) {
            c.close();
        }
        connection.close();
    }

    @Test
    void poolFiguresShowConnectionsHeldAndOneWaiting() throws Exception {
        DataSource pool = connection.dataSource();
        for (int i = 0; i < 3; i++) {
            opened.add(pool.getConnection());
        }
        CompletableFuture<Connection> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        Diagnostics.Pool busy = waitFor(() -> connection.diagnostics().snapshot().pool(),
                p -> p.active() == 3 && p.waiting() == 1);
        assertThat(busy.maximum()).isEqualTo(3);
        assertThat(busy.idle()).isZero();

        opened.remove(0).close();
        opened.add(waiting.get(10, TimeUnit.SECONDS));
        Diagnostics.Pool after = waitFor(() -> connection.diagnostics().snapshot().pool(), p -> p.waiting() == 0);
        assertThat(after.acquire().count()).isGreaterThanOrEqualTo(4);
        assertThat(after.held().count()).isGreaterThanOrEqualTo(1);
        assertThat(connection.diagnostics().snapshot().poolHistory()).isNotEmpty();
    }

    @Test
    void slowStatementIsCapturedWithItsScreenAndWithoutItsValues() throws Exception {
        QueryOrigin.call("Loading posts", () -> {
            try (Connection c = connection.dataSource().getConnection();
                 PreparedStatement statement = c.prepareStatement("SELECT pg_sleep(0.3), ?::text AS secret")) {
                statement.setString(1, "secret-4711");
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        assertThat(rows.getString(2)).isEqualTo("secret-4711");
                    }
                }
                try (Statement inline = c.createStatement()) {
                    inline.execute("SELECT pg_sleep(0.25) WHERE 'inline-secret-99' <> ''");
                }
                try (Statement fast = c.createStatement()) {
                    fast.execute("SELECT 1");
                }
            }
            return null;
        });

        List<Diagnostics.Statement> slow = connection.diagnostics().snapshot().slowQueries();
        assertThat(slow).hasSize(2);
        Diagnostics.Statement sleep = slow.get(1);
        assertThat(sleep.shape()).isEqualTo("SELECT pg_sleep(0.3), ?::text AS secret");
        assertThat(sleep.origin()).isEqualTo("Loading posts");
        assertThat(sleep.millis()).isGreaterThanOrEqualTo(300);
        assertThat(sleep.rows()).isEqualTo(1L);
        assertThat(slow.get(0).shape()).isEqualTo("SELECT pg_sleep(0.25) WHERE ? <> ?");
        assertThat(slow.toString()).doesNotContain("secret-4711").doesNotContain("inline-secret-99");
    }

    @Test
    void thresholdIsAdjustableAndRunningStatementsAreListed() throws Exception {
        connection.diagnostics().setSlowThreshold(Duration.ofMillis(50));
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                QueryOrigin.call("Exporting posts", () -> {
                    try (Connection c = connection.dataSource().getConnection(); Statement s = c.createStatement()) {
                        s.execute("SELECT pg_sleep(1.5)");
                    }
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Diagnostics.Statement> now = waitFor(() -> connection.diagnostics().snapshot().runningNow(),
                list -> !list.isEmpty());
        assertThat(now.get(0).shape()).isEqualTo("SELECT pg_sleep(1.5)");
        assertThat(now.get(0).origin()).isEqualTo("Exporting posts");
        running.get(10, TimeUnit.SECONDS);
        assertThat(connection.diagnostics().snapshot().runningNow()).isEmpty();
        assertThat(connection.diagnostics().snapshot().slowQueries()).extracting(Diagnostics.Statement::shape)
                .containsExactly("SELECT pg_sleep(1.5)");
        assertThat(connection.diagnostics().snapshot().slowThreshold()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void blockedSessionShowsItsBlockerAndCancelEndsItsStatement() throws Exception {
        Connection blocker = plain(db.url().user(), db.url().password(), "blocker-in-test");
        blocker.setAutoCommit(false);
        try (Statement s = blocker.createStatement()) {
            s.execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
        }
        int blockerPid = pid(blocker);
        Connection waiter = plain(db.url().user(), db.url().password(), "waiter-in-test");
        int waiterPid = pid(waiter);
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try (Statement s = waiter.createStatement()) {
                s.execute("SELECT count(*) FROM posts");
            } catch (SQLException e) {
                throw new IllegalStateException(e.getSQLState(), e);
            }
        });

        Diagnostics.Session session = waitFor(() -> session(waiterPid), s -> s != null && !s.blockedBy().isEmpty());
        assertThat(session.blockedBy()).containsExactly(blockerPid);
        assertThat(session.waitingFor()).startsWith("Lock");
        assertThat(session.query()).isEqualTo("SELECT count(*) FROM posts");
        assertThat(session.maySignal()).isTrue();
        assertThat(session(blockerPid).application()).isEqualTo("blocker-in-test");

        assertThat(connection.diagnostics().cancel(waiterPid)).isTrue();
        assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(SQLException.class).cause().hasMessage("57014");
        blocker.rollback();
    }

    @Test
    void roleWithoutRightsSeesTheViewButNotOthersQueriesAndMayNotSignalThem() throws Exception {
        db.sql("DO $$ BEGIN CREATE ROLE diag_limited LOGIN PASSWORD 'limited-pw'; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        Connection other = plain(db.url().user(), db.url().password(), "someone-else");
        try (Statement s = other.createStatement()) {
            s.execute("SELECT 'other role query'");
        }
        DatabaseUrl limitedUrl = new DatabaseUrl(db.url().host(), db.url().port(), db.url().database(), "diag_limited",
                "limited-pw", java.util.Map.of());
        try (DatabaseConnection limited = DatabaseConnection.connect(new DatabaseTarget.Server(limitedUrl, "test"),
                THREE_CONNECTIONS, true)) {
            Diagnostics view = limited.diagnostics().snapshot();
            assertThat(view.serverProblem()).isNull();
            assertThat(view.server().superuser()).isFalse();
            assertThat(view.schema().problem()).contains("not allowed"); // no SELECT on PostDesk's history
            Diagnostics.Session others = view.server().sessions().stream().filter(s -> s.pid() == pid(other))
                    .findFirst().orElseThrow();
            assertThat(others.query()).isNull();
            assertThat(others.maySignal()).isFalse();
            assertThat(others.cannotSignalReason()).contains("superuser");
            assertThat(view.server().sessions()).anyMatch(s -> s.own() && !s.maySignal());
            assertThat(view.server().topStatementsNote()).isEqualTo(DiagnosticsStore.ENABLE_PG_STAT_STATEMENTS);
            // The button is greyed out; the server refuses all the same if asked.
            assertThatThrownBy(() -> limited.diagnostics().cancel(pid(other)))
                    .isInstanceOf(io.postdesk.db.DatabaseException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    void topStatementsComeFromPgStatStatementsWhenInstalledAndItIsNeverInstalledOnAServer() throws Exception {
        assertThat(connection.diagnostics().snapshot().server().topStatementsNote())
                .isEqualTo(DiagnosticsStore.ENABLE_PG_STAT_STATEMENTS);
        try (Connection c = plain(db.url().user(), db.url().password(), "check");
             ResultSet rows = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
        db.sql("CREATE EXTENSION pg_stat_statements");
        try {
            db.sql("SELECT count(*) FROM users");
            Diagnostics.Server server = connection.diagnostics().snapshot().server();
            assertThat(server.topStatementsNote()).isNull();
            assertThat(server.topStatements()).isNotEmpty();
        } finally {
            db.sql("DROP EXTENSION pg_stat_statements");
        }
    }

    @Test
    void serverFactsTablesAndSchemaHistory() {
        Diagnostics view = connection.diagnostics().snapshot();
        assertThat(view.server().version()).startsWith("17");
        assertThat(view.server().databaseBytes()).isPositive();
        assertThat(view.server().relations()).anyMatch(r -> r.kind().equals("table") && r.name().equals("posts"))
                .anyMatch(r -> r.kind().equals("index") && r.table().equals("posts"));
        assertThat(view.schema().version()).isEqualTo("9");
        assertThat(view.schema().history()).extracting(Diagnostics.Migration::version).contains("1", "9");
    }

    private Diagnostics.Session session(int pid) {
        return connection.diagnostics().snapshot().server().sessions().stream().filter(s -> s.pid() == pid)
                .findFirst().orElse(null);
    }

    private Connection plain(String user, String password, String application) throws SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("ApplicationName", application);
        Connection c = DriverManager.getConnection(db.url().jdbcUrl(), login);
        opened.add(c);
        return c;
    }

    private static int pid(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls (HikariCP refreshes its gauges about once a second) until the figures say what is expected. */
    private static <T> T waitFor(java.util.concurrent.Callable<T> read, Predicate<T> done) throws Exception {
        return Eventually.read(java.time.Duration.ofSeconds(10), read, done);
    }
}
