package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.model.Cancellation;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.RowCount;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A cancelled browse query stops in the database, not only in Java. The query is made to run
 * as long as needed by a lock another connection holds on posts: it is then really executing
 * (waiting inside the server) when it is cancelled. The store runs on a pool of one connection,
 * so "the connection is still usable" means the very connection whose statement was cancelled.
 */
class CancellationTest {
    private static TestDatabase db;
    private static HikariDataSource oneConnection;
    private static SessionFactory hibernate;
    private static Transactions tx;
    private final PostStore posts = new PostStore();

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        BrowseData data = new BrowseData(db);
        data.post(data.user("ann"), "hello", "world", true, BrowseData.T0);
        oneConnection = ConnectionPool.create(db.url(), new PoolSettings(1, 1, Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(5)), false);
        hibernate = SessionFactories.create(oneConnection);
        tx = new Transactions(hibernate);
    }

    @AfterAll
    static void close() {
        hibernate.close();
        oneConnection.close();
        db.close();
    }

    static Stream<String> queries() {
        return Stream.of("page", "count", "exactCount");
    }

    @ParameterizedTest
    @MethodSource("queries")
    void aRunningQueryIsCancelledInTheDatabaseAndTheConnectionStaysUsable(String query) throws Exception {
        Cancellation cancellation = new Cancellation();
        try (Connection locker = db.dataSource().getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");

            CompletableFuture<Object> running = CompletableFuture.supplyAsync(
                    () -> tx.read(s -> run(query, s, cancellation)));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, CancellationTest::aBrowseQueryWaitsForTheLock);
            long cancelledAt = System.nanoTime();
            cancellation.cancel();

            assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
            assertThat(aBrowseQueryWaitsForTheLock()).as("nothing left running in the server").isFalse();
            locker.rollback();
        }

        RowCount afterwards = tx.read(s -> posts.exactCount(s, PostFilter.NONE, null));
        assertThat(afterwards).isEqualTo(new RowCount(1, true));
    }

    @Test
    void aQueryCancelledBeforeItStartsFailsAtOnce() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();

        assertThatThrownBy(() -> tx.read(s -> posts.page(s, PostFilter.NONE, PostSort.NEWEST_FIRST,
                new PageRequest.First(10), cancellation)))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("57014"));
        assertThat(tx.read(s -> posts.count(s, PostFilter.NONE, null)).value()).isEqualTo(1);
    }

    @Test
    void cancellingAfterTheQueryFinishedTouchesNothingLater() {
        Cancellation cancellation = new Cancellation();
        var page = tx.read(s -> posts.page(s, PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(10),
                cancellation));

        cancellation.cancel();

        assertThat(page.rows()).hasSize(1);
        RowCount next = tx.read(s -> posts.exactCount(s, PostFilter.NONE, new Cancellation()));
        assertThat(next).isEqualTo(new RowCount(1, true));
    }

    private Object run(String query, Session session, Cancellation cancellation) {
        Function<Session, Object> call = switch (query) {
            case "page" -> s -> posts.page(s, PostFilter.NONE.withSearch("hello"), PostSort.NEWEST_FIRST,
                    new PageRequest.First(10), cancellation);
            case "count" -> s -> posts.count(s, PostFilter.NONE, cancellation);
            default -> s -> posts.exactCount(s, PostFilter.NONE, cancellation);
        };
        return call.apply(session);
    }

    /** True while one of our statements is inside the server waiting for the lock. */
    private static boolean aBrowseQueryWaitsForTheLock() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND wait_event_type = 'Lock' AND state = 'active'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return "no SQLException in " + error;
    }
}
