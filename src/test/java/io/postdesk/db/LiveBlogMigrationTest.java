package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Adopting a blog made by the tutorial's SQL (TIMESTAMP columns, the blog's own idx_posts_published)
 * while it is in use: nothing of the blog's is dropped, no table is rewritten, an interrupted index
 * build is finished, and the blog's reads and writes never wait long for a migration's lock.
 */
class LiveBlogMigrationTest {
    private static final String BLOG_READ = "select title from posts order by created_at desc limit 20";
    /**
     * An older PostDesk's scripts: the retired ones (src/test/resources/db/retired) that became Java
     * migrations, beside the scripts that are still SQL.
     */
    private static final String[] RETIRED_AND_CURRENT_SCRIPTS = {"classpath:db/retired", "classpath:db/migration"};

    @Test
    void adoptsATutorialBlogWithoutRewritingOrDroppingAnything() throws Exception {
        try (TestDatabase blog = tutorialBlog(3_000)) {
            String postsFile = query(blog, "SELECT relfilenode FROM pg_class WHERE oid = 'posts'::regclass");
            List<String> progress = new CopyOnWriteArrayList<>();

            new Migrations(blog.dataSource()).migrate(progress::add);

            assertThat(new Migrations(blog.dataSource()).status().currentVersion()).isEqualTo("9");
            assertThat(query(blog, "SELECT pg_get_indexdef('idx_posts_published'::regclass)"))
                    .isEqualTo("CREATE INDEX idx_posts_published ON public.posts USING btree (published)");
            assertThat(query(blog, "SELECT relfilenode FROM pg_class WHERE oid = 'posts'::regclass"))
                    .as("posts was not rewritten").isEqualTo(postsFile);
            assertThat(query(blog, "SELECT reloptions::text FROM pg_class WHERE oid = 'posts'::regclass"))
                    .isEqualTo("{fillfactor=60}");
            assertThat(query(blog, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");
            assertThat(query(blog, "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname IN"
                    + " ('posts_title_trgm', 'posts_content_trgm', 'posts_created_at_id', 'posts_user_created_at_id',"
                    + " 'posts_published_id', 'posts_updated_at_id')"))
                    .isEqualTo("posts_content_trgm,posts_created_at_id,posts_title_trgm,posts_user_created_at_id");
            assertThat(progress).contains("V3: building posts_content_trgm");
            assertThat(progress.indexOf("V3: building posts_created_at_id"))
                    .as("the blog's front page gets its index before the long trigram builds")
                    .isLessThan(progress.indexOf("V3: building posts_title_trgm"));
        }
    }

    @Test
    void aBlogMigratedByTheOldScriptsKeepsWorkingAndGetsItsIndexBack() throws Exception {
        try (TestDatabase blog = tutorialBlog(1_000)) {
            // The release whose migrations were all SQL scripts: V1-V6.
            Flyway.configure().dataSource(blog.dataSource()).locations(RETIRED_AND_CURRENT_SCRIPTS).target("6")
                    .table(Migrations.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("1")
                    .baselineDescription("existing blog schema").load().migrate();
            assertThat(query(blog, "SELECT to_regclass('idx_posts_published') IS NULL")).isEqualTo("t");
            assertThat(query(blog, "SELECT string_agg(version || '=' || checksum, ' ' ORDER BY installed_rank)"
                    + " FROM " + Migrations.HISTORY_TABLE + " WHERE version IN ('3', '5')"))
                    .as("the retired scripts' checksums PostDesk recognises")
                    .isEqualTo("3=" + RetiredScripts.OLD_V3_CHECKSUM + " 5=" + RetiredScripts.OLD_V5_CHECKSUM);

            new Migrations(blog.dataSource()).migrate();

            assertThat(new Migrations(blog.dataSource()).upToDate()).map(s -> s.currentVersion()).contains("9");
            assertThat(query(blog, "SELECT pg_get_indexdef('idx_posts_published'::regclass)"))
                    .isEqualTo("CREATE INDEX idx_posts_published ON public.posts USING btree (published)");
            assertThat(query(blog, "SELECT pg_get_indexdef('posts_user_created_at_id'::regclass)"))
                    .isEqualTo("CREATE INDEX posts_user_created_at_id ON public.posts USING btree (user_id, created_at, id)");
            validatesAsPostDeskWould(blog);
        }
    }

    @Test
    void aBlogMigratedByTheOldDayCountScriptsKeepsWorkingWithExactCounts() throws Exception {
        try (TestDatabase blog = tutorialBlog(1_000)) {
            // The release before V6 and V8 became online: V3, V5, V6 and V8 as SQL scripts, V7 in Java.
            Flyway.configure().dataSource(blog.dataSource()).locations(RETIRED_AND_CURRENT_SCRIPTS).target("8")
                    // V7 builds an index CONCURRENTLY: no transaction may stay open around it (see Migrations).
                    .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                    .javaMigrations(new BlogIndexBack(blog.dataSource(), MigrationProgress.NONE))
                    .table(Migrations.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("1")
                    .baselineDescription("existing blog schema").load().migrate();
            assertThat(query(blog, "SELECT string_agg(version || '=' || checksum, ' ' ORDER BY installed_rank)"
                    + " FROM " + Migrations.HISTORY_TABLE + " WHERE version IN ('6', '8')"))
                    .as("the retired scripts' checksums PostDesk recognises")
                    .isEqualTo("6=" + RetiredScripts.OLD_V6_CHECKSUM + " 8=" + RetiredScripts.OLD_V8_CHECKSUM);

            new Migrations(blog.dataSource()).migrate();
            blog.sql("INSERT INTO posts (user_id, title, content) SELECT user_id, 'After', 'c' FROM posts LIMIT 3");

            assertThat(new Migrations(blog.dataSource()).upToDate()).map(s -> s.currentVersion()).contains("9");
            assertThat(query(blog, "SELECT (SELECT sum(posts) FROM postdesk_post_days) = (SELECT count(*) FROM posts)"))
                    .isEqualTo("t");
            validatesAsPostDeskWould(blog);
        }
    }

    /** Flyway's own validation accepts the history as PostDesk left it. */
    private static void validatesAsPostDeskWould(TestDatabase blog) {
        Flyway.configure().dataSource(blog.dataSource()).locations("classpath:db/migration")
                .javaMigrations(Migrations.javaMigrations(blog.dataSource(), MigrationProgress.NONE))
                .table(Migrations.HISTORY_TABLE).load().validate();
    }

    @Test
    void anIndexBuildLeftUnfinishedIsBuiltAgain() throws Exception {
        try (TestDatabase blog = tutorialBlog(500)) {
            // What an interrupted CREATE INDEX CONCURRENTLY leaves: an INVALID index (made here by a
            // unique build that fails on duplicates, with a different definition to tell them apart).
            try (Connection c = blog.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE UNIQUE INDEX CONCURRENTLY posts_title_id ON posts (published)");
            } catch (SQLException expected) {
                assertThat(expected.getSQLState()).isEqualTo("23505");
            }
            assertThat(query(blog, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'posts_title_id'::regclass")).isEqualTo("f");

            new Migrations(blog.dataSource()).migrate();

            assertThat(query(blog, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'posts_title_id'::regclass")).isEqualTo("t");
            assertThat(query(blog, "SELECT pg_get_indexdef('posts_title_id'::regclass)"))
                    .isEqualTo("CREATE INDEX posts_title_id ON public.posts USING btree (title, id)");
        }
    }

    @Test
    void anOnlineStepThatFailedHalfWayIsPendingAndRunsAgain() throws IOException {
        try (TestDatabase db = TestDatabase.create()) {
            // Flyway's record of a non-transactional step that failed (PostDesk killed, build cancelled).
            // Flyway stops at a failed step, so nothing after V7 was applied: V8 (and its function) and V9 are not there yet.
            db.sql(resource("/db/undo/U9__change_log.sql"));
            db.sql("DELETE FROM " + Migrations.HISTORY_TABLE + " WHERE version IN ('8', '9')");
            db.sql("DROP FUNCTION postdesk_post_day(timestamp)");
            db.sql("UPDATE " + Migrations.HISTORY_TABLE + " SET success = false WHERE version = '7'");
            Migrations migrations = new Migrations(db.dataSource());
            assertThat(migrations.status().pending()).containsExactly("V7 blog index published back", "V8 post days of timestamps in utc",
                    "V9 change log");

            migrations.migrate();

            assertThat(migrations.upToDate()).map(s -> s.currentVersion()).contains("9");
        }
    }

    @Test
    void aLongBlogTransactionMakesTheMigrationRetryNotTheBlogWait() throws Exception {
        try (TestDatabase blog = tutorialBlog(2_000);
             Connection blocker = blog.dataSource().getConnection()) {
            // A blog transaction that writes posts and stays open: V2's CREATE TRIGGER needs a lock that
            // waits for it, and every write queued behind that request would wait as long.
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE posts IN ROW EXCLUSIVE MODE");
            }
            CountDownLatch retried = new CountDownLatch(1);
            ScheduledExecutorService probes = Executors.newScheduledThreadPool(2);
            AtomicLong longestRead = new AtomicLong();
            AtomicLong longestWrite = new AtomicLong();
            try (Connection reader = blog.dataSource().getConnection(); Connection writer = blog.dataSource().getConnection()) {
                probes.scheduleWithFixedDelay(() -> timed(reader, BLOG_READ, longestRead), 0, 20, TimeUnit.MILLISECONDS);
                probes.scheduleWithFixedDelay(() -> timed(writer, "UPDATE posts SET title = title || '!'"
                        + " WHERE id = (SELECT id FROM posts ORDER BY random() LIMIT 1)", longestWrite), 0, 20, TimeUnit.MILLISECONDS);

                CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> new Migrations(blog.dataSource())
                        .migrate(line -> {
                            if (line.contains("busy")) {
                                retried.countDown();
                            }
                        }));
                boolean migrationRetried = retried.await(60, TimeUnit.SECONDS);
                blocker.commit();
                migration.get(120, TimeUnit.SECONDS);
                probes.shutdown();
                assertThat(probes.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

                assertThat(migrationRetried).as("the migration gave up waiting and tried again").isTrue();
                assertThat(longestWrite.get()).as("longest write, ms").isLessThan(1_000);
                assertThat(longestRead.get()).as("longest read, ms").isLessThan(1_000);
                assertThat(new Migrations(blog.dataSource()).upToDate()).isPresent();
            } finally {
                probes.shutdownNow();
            }
        }
    }

    /** A blog as the tutorial's SQL makes it, with {@code posts} posts by 100 users. */
    static TestDatabase tutorialBlog(int posts) throws IOException {
        TestDatabase blog = TestDatabase.createTutorialBlog();
        blog.sql("INSERT INTO users (username, email, password_hash, created_at) SELECT 'user' || n, 'user' || n || '@x.org',"
                + " 'h', timestamp '2025-01-01' + n * interval '1 hour' FROM generate_series(1, 100) n");
        blog.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT (SELECT id FROM users ORDER BY username OFFSET n % 100 LIMIT 1), 'Post ' || n,"
                + " repeat('words of post ' || n || ' ', 20), n % 5 <> 0, timestamp '2025-01-01' + n * interval '7 minutes'"
                + " FROM generate_series(1, " + posts + ") n");
        return blog;
    }

    private static void timed(Connection connection, String sql, AtomicLong longest) {
        long started = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        longest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
    }

    private static String query(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = LiveBlogMigrationTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
