package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.model.PostDraft;
import io.postdesk.testing.Eventually;
import io.postdesk.testing.BlackHoleProxy;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a server that goes silent (host off, packets dropped) closes nothing, so a statement
 * under way would wait for the socket timeout (5 minutes). Once the health check finds the server
 * gone, and a connection of its own confirms it, PostDesk cuts the connections in use: the
 * statement fails then, with a sentence. A pool that is merely busy is not mistaken for that.
 */
class SilentServerTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static TestDatabase db;
    private static EditingFixture data;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        data = new EditingFixture(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static DatabaseConnection connectThrough(BlackHoleProxy proxy) {
        DatabaseUrl direct = db.url();
        DatabaseUrl relayed = new DatabaseUrl("127.0.0.1", proxy.port(), direct.database(), direct.user(),
                direct.password(), direct.parameters());
        PoolSettings d = PoolSettings.DEFAULTS;
        return DatabaseConnection.connect(new DatabaseTarget.Server(relayed, "test"), new PoolSettings(4, 0,
                CONNECT_TIMEOUT, d.idleTimeout(), d.maxLifetime(), d.socketTimeout(), Duration.ofMinutes(2)), false);
    }

    @Test
    void aStatementWaitingOnASilentServerIsCutWhenTheHealthCheckFindsItGone() throws Exception {
        data.clear();
        UUID author = data.insertUser("ann", "ann@example.com");
        UUID post = data.insertPost(author, "Before");
        try (BlackHoleProxy proxy = new BlackHoleProxy(db.url().port());
             DatabaseConnection connection = connectThrough(proxy);
             Connection locker = db.dataSource().getConnection()) {
            Workspace workspace = connection.openWorkspace(connection.schema());
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    workspace.postEditing().load(post);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Eventually.lockWait(() -> db.dataSource().getConnection());

            long silenced = System.nanoTime();
            proxy.silence();
            assertThat(connection.checkHealth().reachable()).isFalse();
            long noticed = System.nanoTime();
            assertThat(failure).as("nothing tells the statement by itself").isNotDone();
            assertThat(connection.cutConnectionsIfServerGone()).isEqualTo(1);
            Throwable error = failure.get(10, TimeUnit.SECONDS);
            long failed = System.nanoTime();
            System.out.printf("silent-server: health check said 'down' %d ms after the silence; the statement under"
                    + " way failed %d ms after the silence (connect timeout %d s)%n", (noticed - silenced) / 1_000_000,
                    (failed - silenced) / 1_000_000, CONNECT_TIMEOUT.toSeconds());
            assertThat(error).isNotNull();
            assertThat(ErrorMessages.isConnectionProblem(error)).isTrue();
            assertThat(ErrorMessages.describe(error)).contains("connection to the database server was lost");
            assertThat(Duration.ofNanos(failed - silenced)).isLessThan(Duration.ofSeconds(15));
            locker.rollback();

            proxy.speak();
            long back = System.nanoTime();
            while (!connection.checkHealth().reachable()) {
                assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(30));
            }
            assertThat(workspace.postEditing().update(post, workspace.postEditing().load(post).orElseThrow().version(),
                    new PostDraft("After", "text", false, author)).title()).isEqualTo("After");
        }
    }

    @Test
    void aBusyPoolIsNotTakenForAGoneServer() throws Exception {
        try (BlackHoleProxy proxy = new BlackHoleProxy(db.url().port());
             DatabaseConnection connection = connectThrough(proxy)) {
            connection.openWorkspace(connection.schema());
            // Every connection of the pool held by work: the health check cannot borrow one and says "down".
            try (Connection a = connection.dataSource().getConnection(); Connection b = connection.dataSource().getConnection();
                 Connection c = connection.dataSource().getConnection(); Connection e = connection.dataSource().getConnection()) {
                assertThat(connection.checkHealth().reachable()).isFalse();
                assertThat(connection.cutConnectionsIfServerGone()).isZero();
                try (Statement statement = a.createStatement()) {
                    assertThat(statement.execute("SELECT 1")).isTrue();
                }
            }
        }
    }
}
