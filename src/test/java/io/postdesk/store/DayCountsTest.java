package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Go to page" of all posts by creation time finds its page from the day counts (V6) instead of
 * skipping rows: every page must be exactly the page OFFSET gives, whatever writers did before,
 * around day boundaries, ties and infinite timestamps.
 */
class DayCountsTest {
    private static final String PASSWORD = "role-secret-1";
    private TestDatabase db;
    private Transactions tx;
    private BrowseData data;
    private UUID ann;
    private UUID bob;
    private final PostStore posts = new PostStore();

    @BeforeEach
    void open() {
        db = TestDatabase.create();
        tx = db.transactions();
        data = new BrowseData(db);
        ann = data.user("ann");
        bob = data.user("bob");
        // 60 days, 0 to 11 posts a day; ties at midnight UTC and in the last microsecond of a day.
        db.sql("INSERT INTO posts (user_id, title, content, created_at)"
                + " SELECT CASE WHEN n % 3 = 0 THEN '" + bob + "'::uuid ELSE '" + ann + "'::uuid END, 'Post ' || n, 'c',"
                + " timestamptz '2026-01-01 00:00:00+00' + (n % 60) * interval '1 day' + (n % 7) * interval '3 hours'"
                + " FROM generate_series(1, 400) n WHERE n % 60 <> 17");
        db.sql("INSERT INTO posts (user_id, title, content, created_at) SELECT '" + ann + "', 'Midnight ' || n, 'c',"
                + " timestamptz '2026-01-05 00:00:00+00' FROM generate_series(1, 9) n");
        db.sql("INSERT INTO posts (user_id, title, content, created_at) SELECT '" + bob + "', 'Last moment ' || n, 'c',"
                + " timestamptz '2026-01-04 23:59:59.999999+00' FROM generate_series(1, 8) n");
        db.sql("INSERT INTO posts (user_id, title, content, created_at) VALUES"
                + " ('" + ann + "', 'Forever', 'c', 'infinity'), ('" + bob + "', 'Forever too', 'c', 'infinity'),"
                + " ('" + ann + "', 'Before time', 'c', '-infinity')");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyPageIsThePageOffsetGivesBothWays() {
        jumpsMatchOffset();
    }

    @Test
    void staysExactAfterWritersAddRemoveAndRedatePosts() {
        db.sql("INSERT INTO posts (user_id, title, content, created_at) VALUES ('" + bob + "', 'One more', 'c',"
                + " timestamptz '2026-01-05 00:00:00+00')");
        db.sql("DELETE FROM posts WHERE title LIKE 'Post 1%'");
        db.sql("UPDATE posts SET created_at = created_at + interval '20 days' WHERE title LIKE 'Post 2%'");
        db.sql("UPDATE posts SET created_at = 'infinity' WHERE title = 'Midnight 3'");
        db.sql("UPDATE posts SET title = title || '!', created_at = created_at WHERE title LIKE 'Post 3%'");
        db.sql("DELETE FROM users WHERE id = '" + bob + "'"); // his posts go with him (ON DELETE CASCADE)
        jumpsMatchOffset();

        db.sql("TRUNCATE posts");
        assertThat(page(new PageRequest.At(10, 0)).rows()).isEmpty();
        db.sql("INSERT INTO posts (user_id, title, content, created_at) SELECT '" + ann + "', 'Again ' || n, 'c',"
                + " timestamptz '2026-02-01 00:00:00+00' + n * interval '5 hours' FROM generate_series(1, 30) n");
        jumpsMatchOffset();
    }

    @Test
    void theCountsAreWhatTheJumpReadsAndARecountRepairsThem() {
        // A writer with the triggers off (as a logical replica or a careless bulk load) leaves them behind.
        db.sql("DO $$ BEGIN SET LOCAL session_replication_role = replica; DELETE FROM posts WHERE title LIKE 'Post 2%';"
                + " END $$");
        Page<PostRow> jumped = page(new PageRequest.At(10, 3));
        assertThat(ids(jumped)).isNotEqualTo(offsetPage(10, 3, false));

        db.sql("SELECT postdesk_recount_post_days()");

        jumpsMatchOffset();
    }

    @Test
    void manyWritesAreMergedIntoOneRowADayAndTheJumpsStayExact() throws SQLException {
        for (int i = 0; i < DayCounts.MERGE_AFTER + 10; i++) {
            db.sql("INSERT INTO posts (user_id, title, content, created_at) VALUES ('" + ann + "', 'Single " + i
                    + "', 'c', timestamptz '2026-01-10 00:00:00+00' + interval '" + (i % 100) + " minutes')");
        }
        long days = scalar("SELECT count(DISTINCT day) FROM postdesk_post_days");
        assertThat(scalar("SELECT count(*) FROM postdesk_post_days")).isGreaterThan(days + DayCounts.MERGE_AFTER);

        page(new PageRequest.At(10, 5));

        assertThat(scalar("SELECT count(*) FROM postdesk_post_days")).isEqualTo(days);
        jumpsMatchOffset();
    }

    @Test
    void twoMergesAtOnceKeepEveryCount() throws Exception {
        for (int i = 0; i < 50; i++) {
            db.sql("INSERT INTO posts (user_id, title, content, created_at) VALUES ('" + ann + "', 'Extra " + i
                    + "', 'c', timestamptz '2026-01-20 12:00:00+00')");
        }
        String merge = "WITH gone AS (DELETE FROM postdesk_post_days RETURNING day, posts)"
                + " INSERT INTO postdesk_post_days (day, posts) SELECT day, sum(posts) FROM gone GROUP BY day";
        try (Connection first = db.dataSource().getConnection(); Connection second = db.dataSource().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            first.createStatement().execute(merge);
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try (Statement s = second.createStatement()) {
                    s.execute(merge); // waits for the first merge's row locks
                    second.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(waiting).isNotDone();
            first.commit();
            waiting.get(30, TimeUnit.SECONDS);
        }

        assertThat(scalar("SELECT sum(posts) FROM postdesk_post_days")).isEqualTo(scalar("SELECT count(*) FROM posts"));
        jumpsMatchOffset();
    }

    @Test
    void aRoleThatMayNotReadTheCountsSkipsRowsAndOneThatMayOnlyWritePostsStillCountsThem() throws Exception {
        String role = "role_" + UUID.randomUUID().toString().replace("-", "");
        db.sql("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
        try {
            db.sql("GRANT SELECT, INSERT, DELETE ON users, posts TO " + role);
            DatabaseUrl url = new DatabaseUrl(db.url().host(), db.url().port(), db.url().database(), role, PASSWORD,
                    Map.of());
            try (HikariDataSource pool = ConnectionPool.create(url, PoolSettings.DEFAULTS, false);
                 SessionFactory sessions = SessionFactories.create(pool)) {
                Transactions theirs = new Transactions(sessions);
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO posts (user_id, title, content, created_at) VALUES ('" + ann
                            + "', 'By the role', 'c', timestamptz '2026-01-03 10:00:00+00')");
                    s.execute("DELETE FROM posts WHERE title = 'Post 5'");
                }
                for (boolean ascending : new boolean[] {false, true}) {
                    PostSort sort = new PostSort(PostSort.Key.CREATED, ascending);
                    for (int index = 0; index < 50; index++) {
                        int page = index;
                        Page<PostRow> viaRole = theirs.read(s -> posts.page(s, PostFilter.NONE, sort,
                                new PageRequest.At(9, page), null));
                        assertThat(ids(viaRole)).as("page %d", index).isEqualTo(offsetPage(9, index, ascending));
                    }
                }
            }
            jumpsMatchOffset(); // the owner's jumps: the role's writes were counted
        } finally {
            db.sql("DROP OWNED BY " + role);
            db.sql("DROP ROLE " + role);
        }
    }

    /** Every page (and one past the end) at a few sizes, newest and oldest first, against OFFSET. */
    private void jumpsMatchOffset() {
        long total = scalar("SELECT count(*) FROM posts");
        assertThat(scalar("SELECT coalesce(sum(posts), 0) FROM postdesk_post_days")).isEqualTo(total);
        for (int size : new int[] {1, 7, 50}) {
            for (boolean ascending : new boolean[] {false, true}) {
                PostSort sort = new PostSort(PostSort.Key.CREATED, ascending);
                long pages = (total + size - 1) / size;
                for (long index = 0; index <= pages; index++) {
                    long at = index;
                    Page<PostRow> page = tx.read(s -> posts.page(s, PostFilter.NONE, sort, new PageRequest.At(size, at), null));
                    assertThat(ids(page)).as("page %d of %d rows, ascending %s", index, size, ascending)
                            .isEqualTo(offsetPage(size, index, ascending));
                    assertThat(page.hasPrevious()).isEqualTo(index > 0);
                    assertThat(page.hasNext()).isEqualTo(index < pages - 1);
                }
            }
        }
    }

    private Page<PostRow> page(PageRequest request) {
        return tx.read(s -> posts.page(s, PostFilter.NONE, PostSort.NEWEST_FIRST, request, null));
    }

    private List<UUID> offsetPage(int size, long index, boolean ascending) {
        String direction = ascending ? "ASC" : "DESC";
        return data.ids("SELECT id FROM posts ORDER BY created_at " + direction + ", id " + direction
                + " OFFSET " + index * size + " LIMIT " + size);
    }

    private static List<UUID> ids(Page<PostRow> page) {
        return new ArrayList<>(page.rows().stream().map(PostRow::id).toList());
    }

    private long scalar(String sql) {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
