package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.model.Cancellation;
import io.postdesk.model.CsvOptions;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.PublishedFilter;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The export's COPY on the server: cancelled in the server whether it waits for a lock or is
 * streaming rows, stopped when the file side fails, and the connection usable afterwards (a pool of
 * one connection, so "afterwards" is the same connection). And the filter's values, written into
 * COPY as literals, select exactly what the same filter selects as bound parameters.
 */
class ExportCopyTest {
    private static final int POSTS = 20_000;
    private static final List<ExportColumn.Post> ALL = List.of(ExportColumn.Post.values());

    private static TestDatabase db;
    private static HikariDataSource oneConnection;
    private static SessionFactory hibernate;
    private static Transactions tx;
    private static UUID ann;
    private final ExportStore store = new ExportStore();

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        BrowseData data = new BrowseData(db);
        ann = data.user("ann");
        data.user("o'brien", "ob@x.org", BrowseData.T0);
        // About 40 MB of CSV: far more than the socket and driver buffers, so the server is still
        // sending when a cancel arrives.
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at) SELECT '" + ann + "', 'post ' || g,"
                + " repeat(md5(g::text), 60), g % 2 = 0, timestamptz '2026-01-01' + make_interval(secs => g)"
                + " FROM generate_series(1, " + POSTS + ") g");
        data.post(ann, "it's 100% \\ true_ --", "/* not a comment */ ?", true, BrowseData.T0);
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

    @Test
    void aCopyWaitingForALockIsCancelledInTheServer() throws Exception {
        Cancellation cancellation = new Cancellation();
        try (Connection locker = db.dataSource().getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");

            CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> tx.readJdbc(c -> store.posts(c,
                    PostFilter.NONE, PostSort.NEWEST_FIRST, ALL, CsvOptions.DEFAULTS, line -> { }, cancellation)));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> copiesRunning("Lock") > 0);
            long cancelledAt = System.nanoTime();
            cancellation.cancel();

            assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
            locker.rollback();
        }
        assertTheConnectionIsUsable();
    }

    @Test
    void aCancelWhileRowsStreamStopsTheCopyInTheServer() {
        Cancellation cancellation = new Cancellation();
        AtomicLong lines = new AtomicLong();

        assertThatThrownBy(() -> tx.readJdbc(c -> store.posts(c, PostFilter.NONE, PostSort.NEWEST_FIRST, ALL,
                CsvOptions.DEFAULTS, line -> {
                    if (lines.incrementAndGet() == 100) {
                        // From another thread, as the Cancel button does; this sink keeps taking lines.
                        CompletableFuture.runAsync(cancellation::cancel).join();
                    }
                }, cancellation)))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("57014"));

        assertThat(lines.get()).isBetween(100L, (long) POSTS);
        assertTheConnectionIsUsable();
    }

    @Test
    void aFailingSinkStopsTheCopy() {
        AtomicLong lines = new AtomicLong();

        assertThatThrownBy(() -> tx.readJdbc(c -> store.posts(c, PostFilter.NONE, PostSort.NEWEST_FIRST, ALL,
                CsvOptions.DEFAULTS, line -> {
                    if (lines.incrementAndGet() == 10) {
                        throw new IOException("No space left on device");
                    }
                }, new Cancellation())))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("No space left on device");

        assertThat(lines.get()).isEqualTo(10);
        assertTheConnectionIsUsable();
    }

    @Test
    void aCancelAfterTheCopyTouchesNothingLater() {
        Cancellation cancellation = new Cancellation();
        long rows = tx.readJdbc(c -> store.posts(c, PostFilter.NONE.withSearch("100%"), PostSort.NEWEST_FIRST, ALL,
                CsvOptions.DEFAULTS, line -> { }, cancellation));

        cancellation.cancel();

        assertThat(rows).isEqualTo(1);
        assertTheConnectionIsUsable();
    }

    @Test
    void theFilterAsLiteralsSelectsWhatTheBoundFilterSelects() {
        List<String> searches = List.of("'", "''", "\\", "%", "_", "100% \\ true_", "it's", "--", "/*", "?", "$1",
                "'); DELETE FROM posts; --", "\\'; SELECT 1; --", "E'\\x27'", "\"", "post 1", "ünïcödé 😀");
        for (String search : searches) {
            PostFilter filter = PostFilter.NONE.withSearch(search);
            assertThat(exportedRows(filter)).as(search).isEqualTo(tx.read(s -> new PostStore().exactCount(s, filter,
                    null)).value());
            UserFilter users = UserFilter.NONE.withSearch(search);
            long exportedUsers = tx.readJdbc(c -> store.users(c, users, UserSort.NEWEST_FIRST,
                    List.of(ExportColumn.User.values()), CsvOptions.DEFAULTS, line -> { }, null));
            assertThat(exportedUsers).as(search).isEqualTo(tx.read(s -> new UserStore().exactCount(s, users, null)).value());
        }
        List<PostFilter> others = List.of(PostFilter.NONE.withPublished(PublishedFilter.DRAFTS),
                PostFilter.NONE.withAuthor(ann, "ann").withPublished(PublishedFilter.PUBLISHED),
                PostFilter.NONE.withAuthor(UUID.randomUUID(), "nobody"),
                PostFilter.NONE.withCreatedFrom(BrowseData.T0.plusSeconds(15_000).plusNanos(500_000))
                        .withCreatedBefore(BrowseData.T0.plusSeconds(16_000)));
        for (PostFilter filter : others) {
            assertThat(exportedRows(filter)).as(filter.toString())
                    .isEqualTo(tx.read(s -> new PostStore().exactCount(s, filter, null)).value());
        }
        assertThat(tx.read(s -> new PostStore().exactCount(s, PostFilter.NONE, null)).value()).isEqualTo(POSTS + 1);
    }

    @Test
    void theExportTransactionCannotWrite() {
        assertThatThrownBy(() -> tx.read(s -> s.doReturningWork(connection -> {
            CopyOutRun.run(connection, "COPY (SELECT 1) TO STDOUT", line -> { }, new Cancellation());
            try (Statement write = connection.createStatement()) {
                return write.executeUpdate("DELETE FROM posts");
            }
        }))).satisfies(e -> assertThat(sqlState(e)).isEqualTo("25006"));
        assertTheConnectionIsUsable();
    }

    private long exportedRows(PostFilter filter) {
        return tx.readJdbc(c -> store.posts(c, filter, PostSort.NEWEST_FIRST, ALL, CsvOptions.DEFAULTS, line -> { }, null));
    }

    /** The one connection answers, and nothing of ours is left running in the server. */
    private static void assertTheConnectionIsUsable() {
        assertThat(tx.read(s -> new PostStore().exactCount(s, PostFilter.NONE, null)).value()).isEqualTo(POSTS + 1);
        assertThat(copiesRunning(null)).isZero();
    }

    /** Our COPY statements in the server that are active (and, when given, waiting on this kind of event). */
    private static int copiesRunning(String waitEventType) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND state = 'active' AND query LIKE 'COPY%'"
                     + (waitEventType == null ? "" : " AND wait_event_type = '" + waitEventType + "'"))) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
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
