package io.postdesk.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * V6: {@code postdesk_post_days}, the number of posts of each UTC day, kept by triggers for every
 * writer ("go to page" of all posts, store/DayCounts).
 *
 * <p>Until this change the SQL script V6__post_counts_by_day.sql, which counted the posts already
 * there in the transaction that created the triggers: every write to posts waited for that count
 * (about 1.3 s at 1M posts). Now the triggers are created on their own, in one short statement
 * under the lock timeout, and the posts already there are counted afterwards in batches that no
 * read or write waits for ({@link PostDayRecount}). Every step can run again after an interruption.
 */
final class PostDayCounts extends OnlineMigration {
    private static final String OBJECTS = "/io/postdesk/db/post-day-counts.sql";
    /**
     * Statement triggers with transition tables: one INSERT of a few rows per statement, however
     * many posts it wrote (a COPY of 100,000 posts adds one row per day it touched). Publishing and
     * edits that keep created_at fire nothing: the UPDATE trigger is on created_at only, and its
     * WHEN skips a SET that does not change it. Created together, and only those missing.
     */
    private static final String TRIGGERS = """
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'posts'::regclass AND tgname = 'posts_count_added') THEN
                    CREATE TRIGGER posts_count_added AFTER INSERT ON posts
                        REFERENCING NEW TABLE AS added_posts
                        FOR EACH STATEMENT EXECUTE FUNCTION postdesk_count_added_posts();
                END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'posts'::regclass AND tgname = 'posts_count_removed') THEN
                    CREATE TRIGGER posts_count_removed AFTER DELETE ON posts
                        REFERENCING OLD TABLE AS removed_posts
                        FOR EACH STATEMENT EXECUTE FUNCTION postdesk_count_removed_posts();
                END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'posts'::regclass AND tgname = 'posts_count_redated') THEN
                    CREATE TRIGGER posts_count_redated AFTER UPDATE OF created_at ON posts
                        FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at)
                        EXECUTE FUNCTION postdesk_count_redated_post();
                END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'posts'::regclass AND tgname = 'posts_count_truncated') THEN
                    CREATE TRIGGER posts_count_truncated AFTER TRUNCATE ON posts
                        FOR EACH STATEMENT EXECUTE FUNCTION postdesk_count_no_posts();
                END IF;
            END
            $$""";

    PostDayCounts(DataSource dataSource, MigrationProgress progress) {
        super("6", "post counts by day", dataSource, progress);
    }

    @Override
    void apply(OnlineDdl ddl) throws SQLException {
        ddl.run(objects());
        // CREATE TRIGGER takes SHARE ROW EXCLUSIVE on posts: writes wait while it runs (milliseconds),
        // and it waits for running writes only up to the lock timeout, then tries again.
        ddl.run(TRIGGERS);
        new PostDayRecount(ddl).run(ddl.progress(), "V6");
        ddl.run("ANALYZE postdesk_post_days");
    }

    private static String objects() {
        try (InputStream in = Objects.requireNonNull(PostDayCounts.class.getResourceAsStream(OBJECTS))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
