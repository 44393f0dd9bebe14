package io.postdesk.db;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * V7: puts back the blog's own idx_posts_published on a blog adopted before V5 stopped dropping it.
 *
 * <p>PostDesk never drops or changes an object it did not create; the old V5 did. The index comes
 * back exactly as the blog's schema (the tutorial's V1) defines it, built CONCURRENTLY. Only where
 * the old V5 ran: it left its mark, posts clustered on posts_created_at_id. A blog that dropped the
 * index itself, before or after, is left as it is.
 */
final class BlogIndexBack extends OnlineMigration {
    static final String BLOG_INDEX = "idx_posts_published";

    BlogIndexBack(DataSource dataSource, MigrationProgress progress) {
        super("7", "blog index published back", dataSource, progress);
    }

    @Override
    void apply(OnlineDdl ddl) throws SQLException {
        if (!adoptedBlogSchema(ddl)) {
            return;
        }
        boolean interruptedBuild = ddl.indexValidity(BLOG_INDEX).map(valid -> !valid).orElse(false);
        boolean droppedByOldV5 = ddl.indexValidity(BLOG_INDEX).isEmpty() && ddl.queryBoolean(
                "SELECT indisclustered FROM pg_index WHERE indexrelid = to_regclass('posts_created_at_id')");
        if (interruptedBuild || droppedByOldV5) {
            ddl.createIndex(BLOG_INDEX, "posts (published)");
        }
    }
}
