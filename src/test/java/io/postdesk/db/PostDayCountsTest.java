package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * V6's count of the posts a blog already has (and V8's recount) runs online: in batches that no
 * write waits for, exact whatever the blog writes meanwhile, and exact again when run a second
 * time after an interruption.
 */
class PostDayCountsTest {
    /** Every day's sum of rows, against the posts of that day counted from the table. */
    private static final String WRONG_DAYS = "SELECT count(*) FROM (SELECT day, sum(posts) AS counted"
            + " FROM postdesk_post_days GROUP BY day HAVING sum(posts) <> 0) AS kept FULL JOIN"
            + " (SELECT postdesk_post_day(created_at) AS day, count(*) AS real FROM posts GROUP BY 1) AS truth USING (day)"
            + " WHERE counted IS DISTINCT FROM real";

    @Test
    void aBlogTransactionWritingMeanwhileNeitherWaitsNorIsCountedTwice() throws Exception {
        try (TestDatabase db = blogWithPosts(2_000);
             Connection writer = db.dataSource().getConnection();
             Connection migration = db.dataSource().getConnection()) {
            db.sql("DELETE FROM postdesk_post_days"); // as before V6 counted the posts already there
            // A blog transaction still open while the count runs: it added and deleted posts, and holds
            // ROW EXCLUSIVE on posts. The old V6 and V8 counted under a lock that waits for it.
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.execute("INSERT INTO posts (user_id, title, content, created_at) SELECT user_id, 'Late', 'c',"
                        + " created_at FROM posts ORDER BY created_at LIMIT 7");
                s.execute("DELETE FROM posts WHERE id IN (SELECT id FROM posts WHERE title <> 'Late' ORDER BY created_at DESC LIMIT 3)");
            }

            CompletableFuture<Void> count = CompletableFuture.runAsync(() -> recount(migration, 300));
            count.get(10, TimeUnit.SECONDS); // no lock wait: done while the blog's transaction is open
            writer.commit();

            assertThat(query(db, WRONG_DAYS)).isEqualTo("0");
            assertThat(query(db, "SELECT sum(posts) FROM postdesk_post_days")).isEqualTo("2004");
        }
    }

    @Test
    void countsInBatchesAcrossTheYearsWithInfinitiesExactly() throws Exception {
        try (TestDatabase db = blogWithPosts(3_000); Connection migration = db.dataSource().getConnection()) {
            db.sql("INSERT INTO posts (user_id, title, content, created_at) SELECT user_id, 'Edge', 'c', t"
                    + " FROM (SELECT user_id FROM posts LIMIT 1) AS a, unnest(ARRAY['infinity', '-infinity', 'infinity']::timestamptz[]) t");
            db.sql("DELETE FROM postdesk_post_days");
            List<String> progress = new CopyOnWriteArrayList<>();

            try (Statement s = migration.createStatement()) {
                s.execute("SET TIME ZONE 'Asia/Tokyo'"); // the batches' day bounds are UTC days whatever the session's zone
            }
            new PostDayRecount(ddl(migration, progress::add), 400).run(progress::add, "V6");

            assertThat(query(db, WRONG_DAYS)).isEqualTo("0");
            assertThat(query(db, "SELECT posts FROM postdesk_post_days WHERE day = 'infinity'")).isEqualTo("2");
            assertThat(progress).hasSizeGreaterThan(3).last().isEqualTo("V6: counting posts by day, 100%");
            assertThat(query(db, "SELECT current_setting('TimeZone')")).isEqualTo("UTC"); // another connection
            try (Statement s = migration.createStatement(); ResultSet rs = s.executeQuery("SHOW TimeZone")) {
                rs.next();
                assertThat(rs.getString(1)).as("the session's zone is put back").isEqualTo("Asia/Tokyo");
            }
        }
    }

    @Test
    void aCountInterruptedHalfWayIsRunAgainAndEndsExact() throws Exception {
        try (TestDatabase db = blogWithPosts(2_000); Connection migration = db.dataSource().getConnection()) {
            db.sql("DELETE FROM postdesk_post_days");
            PostDayRecount recount = new PostDayRecount(ddl(migration, line -> { }), 300);
            // One batch done before the interruption, and a write counted by the triggers after it.
            recount.batch(null, Instant.parse("2025-01-20T00:00:00Z"));
            db.sql("INSERT INTO posts (user_id, title, content, created_at) SELECT user_id, 'New', 'c', now() FROM posts LIMIT 1");

            recount.run(line -> { }, "V6");
            recount.run(line -> { }, "V6");

            assertThat(query(db, WRONG_DAYS)).isEqualTo("0");
            assertThat(query(db, "SELECT sum(posts) FROM postdesk_post_days")).isEqualTo("2001");
        }
    }

    @Test
    void theTutorialsTimestampsAreCountedByTheirUtcDayAfterV8() throws Exception {
        try (TestDatabase blog = LiveBlogMigrationTest.tutorialBlog(1_500)) {
            new Migrations(blog.dataSource()).migrate();

            assertThat(query(blog, WRONG_DAYS)).isEqualTo("0");
            // LiveBlogMigrationTest's posts: every 7 minutes from 2025-01-01, read as UTC.
            assertThat(query(blog, "SELECT sum(posts) FROM postdesk_post_days WHERE day = '2025-01-01 00:00:00+00'"))
                    .isEqualTo("205");
            assertThat(query(blog, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'posts'::regclass"
                    + " AND tgname LIKE 'posts_count_%'")).isEqualTo("4");
        }
    }

    private static void recount(Connection migration, long postsPerBatch) {
        try {
            new PostDayRecount(ddl(migration, line -> { }), postsPerBatch).run(line -> { }, "V6");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OnlineDdl ddl(Connection connection, MigrationProgress progress) throws SQLException {
        return new OnlineDdl(connection, null, progress, "V6");
    }

    /** PostDesk's schema with {@code posts} posts, 2 hours apart from 2025-01-01, counted by the triggers. */
    private static TestDatabase blogWithPosts(int posts) {
        TestDatabase db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, created_at) SELECT u.id, 'Post ' || n, 'c',"
                + " timestamptz '2025-01-01 00:00:00+00' + n * interval '2 hours' FROM users u, generate_series(1, "
                + posts + ") n");
        db.sql("ANALYZE posts");
        return db;
    }

    private static String query(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
