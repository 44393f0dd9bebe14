package io.postdesk.db;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * V3: browsing a million posts: substring search, keyset paging on every sort key, per-user counts.
 *
 * <p>Until PostDesk 1.x this was the SQL script V3__search_and_sort_indexes.sql, whose plain
 * CREATE INDEX blocked every write to posts for the whole build (over six minutes at 1M posts).
 * Every index is now built CONCURRENTLY; the indexes the old V5 dropped again (on published and
 * updated_at, and the INCLUDE (published) variant of the per-user index) are no longer built.
 */
final class SearchAndSortIndexes extends OnlineMigration {
    /** pg_trgm's own comment, and the mark U3 looks for. */
    static final String TRGM_COMMENT =
            "text similarity measurement and index searching based on trigrams (installed by PostDesk V3)";

    SearchAndSortIndexes(DataSource dataSource, MigrationProgress progress) {
        super("3", "search and sort indexes", dataSource, progress);
    }

    @Override
    void apply(OnlineDdl ddl) throws SQLException {
        // pg_trgm is a trusted extension (PostgreSQL 13+): no superuser needed. When V3 installs it,
        // it says so on the extension, so that undoing V3 (db/undo/U3) removes only its own.
        if (!ddl.queryBoolean("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")) {
            // One simple query, so one implicit transaction: never installed without its mark.
            ddl.run("CREATE EXTENSION IF NOT EXISTS pg_trgm; COMMENT ON EXTENSION pg_trgm IS '" + TRGM_COMMENT + "'");
        }
        // The btrees first: seconds at 1M posts, where the trigram builds take many minutes, and the
        // blog's own front page (ORDER BY created_at DESC LIMIT 20, no index on the tutorial's schema)
        // reads every post until posts_created_at_id exists (docs/PERFORMANCE.md, "adopt").
        // Keyset paging: WHERE (key, id) > (?, ?) ORDER BY key, id LIMIT n reads n index entries.
        // No index holds published or updated_at, so publishing stays a HOT update (see V5).
        ddl.createIndex("posts_created_at_id", "posts (created_at, id)");
        ddl.createIndex("posts_title_id", "posts (title, id)");
        ddl.createIndex("users_created_at_id", "users (created_at, id)");
        ddl.createIndex("users_updated_at_id", "users (updated_at, id)");
        // A user's posts newest first (detail pane, author filter).
        ddl.createIndex("posts_user_created_at_id", "posts (user_id, created_at, id)");
        // The author type-ahead: lower(username) LIKE 'prefix%', whatever the collation.
        ddl.createIndex("users_lower_username_prefix", "users (lower(username) text_pattern_ops)");
        // Search is "contains, case-insensitive" (ILIKE '%text%'); only trigram indexes serve that.
        ddl.createIndex("posts_title_trgm", "posts USING gin (title gin_trgm_ops)");
        ddl.createIndex("posts_content_trgm", "posts USING gin (content gin_trgm_ops)");
        ddl.createIndex("users_username_trgm", "users USING gin (username gin_trgm_ops)");
        ddl.createIndex("users_email_trgm", "users USING gin (email gin_trgm_ops)");
        // A sample of 1,000 values lets the planner tell common words from rare ones (docs/QUERIES.md, "Statistics").
        // SET STATISTICS and ANALYZE take SHARE UPDATE EXCLUSIVE: no read or write waits for them.
        ddl.run("ALTER TABLE posts ALTER COLUMN title SET STATISTICS 1000");
        ddl.run("ALTER TABLE posts ALTER COLUMN content SET STATISTICS 1000");
        ddl.run("ANALYZE posts");
        ddl.run("ANALYZE users");
    }
}
