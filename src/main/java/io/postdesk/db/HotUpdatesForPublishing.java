package io.postdesk.db;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * V5: publishing must not rewrite every index of a post (a HOT update touches no index).
 *
 * <p>Until PostDesk 1.x this was the SQL script V5__hot_updates_for_publishing.sql. It dropped the
 * blog's own idx_posts_published and rewrote posts with CLUSTER under an exclusive lock (about
 * five minutes at 1M posts). Now it drops only indexes PostDesk created, and sets the fill factor
 * without a rewrite: new and updated pages keep 40% free, pages already full get the room when
 * they are next rewritten. A full rewrite is a separate, explicit step (README, "Adopting a blog").
 */
final class HotUpdatesForPublishing extends OnlineMigration {
    private static final String PER_USER = "posts_user_created_at_id";
    private static final String PER_USER_REPLACEMENT = "posts_user_created_at_id_v5";
    private static final String PER_USER_DEFINITION = "posts (user_id, created_at, id)";

    HotUpdatesForPublishing(DataSource dataSource, MigrationProgress progress) {
        super("5", "hot updates for publishing", dataSource, progress);
    }

    @Override
    void apply(OnlineDdl ddl) throws SQLException {
        // Indexes on published or updated_at make every publish a non-HOT update. The old V3 built these.
        ddl.dropIndex("posts_published_id");
        ddl.dropIndex("posts_updated_at_id");
        if (!adoptedBlogSchema(ddl)) {
            ddl.dropIndex("idx_posts_published"); // PostDesk's own V1 made it here; a blog's own index stays
        }
        replacePerUserIndexWithoutPublished(ddl);
        // Takes SHARE UPDATE EXCLUSIVE for a moment and rewrites nothing.
        ddl.run("ALTER TABLE posts SET (fillfactor = 60)");
    }

    /** The old V3's per-user index INCLUDEd published; built anew beside it, then swapped in. */
    private static void replacePerUserIndexWithoutPublished(OnlineDdl ddl) throws SQLException {
        if (ddl.queryBoolean("SELECT i.indnatts > i.indnkeyatts FROM pg_index i"
                + " WHERE i.indexrelid = to_regclass('" + PER_USER + "')")) {
            ddl.createIndex(PER_USER_REPLACEMENT, PER_USER_DEFINITION);
            ddl.dropIndex(PER_USER);
        }
        // Also finishes a swap interrupted between the drop and the rename.
        if (ddl.indexValidity(PER_USER).isEmpty() && ddl.indexValidity(PER_USER_REPLACEMENT).orElse(false)) {
            ddl.run("ALTER INDEX " + PER_USER_REPLACEMENT + " RENAME TO " + PER_USER);
        }
        ddl.createIndex(PER_USER, PER_USER_DEFINITION);
        ddl.dropIndex(PER_USER_REPLACEMENT); // an unfinished replacement of an interrupted run
    }
}
