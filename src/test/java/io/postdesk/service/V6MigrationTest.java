package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.db.Migrations;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** V6: the posts a blog already has are counted by day when PostDesk first migrates it. */
class V6MigrationTest {

    @Test
    void countsThePostsAlreadyThereByUtcDay() throws Exception {
        try (TestDatabase blog = TestDatabase.createEmpty()) {
            blog.sql(resource("/db/migration/V1__users_and_posts.sql")); // the blog's own schema, no PostDesk history
            blog.sql("INSERT INTO users (username, email, password_hash) VALUES ('a', 'a@x.org', 'h')");
            blog.sql("INSERT INTO posts (user_id, title, content, created_at) SELECT id, 'Post ' || n, 'c',"
                    + " timestamptz '2026-03-28 22:00:00+00' + n * interval '1 hour' FROM users, generate_series(1, 30) n");
            blog.sql("INSERT INTO posts (user_id, title, content, created_at) SELECT id, 'Forever', 'c', 'infinity' FROM users");

            new Migrations(blog.dataSource()).migrate();

            // 22:00 + 1..30 hours: 1 post on the 28th (23:00), 24 on the 29th, 5 on the 30th, and infinity.
            assertThat(query(blog, "SELECT string_agg(to_char(day AT TIME ZONE 'UTC', 'MM-DD') || '=' || posts, ' '"
                    + " ORDER BY day) FROM postdesk_post_days WHERE isfinite(day)")).isEqualTo("03-28=1 03-29=24 03-30=5");
            assertThat(query(blog, "SELECT posts FROM postdesk_post_days WHERE day = 'infinity'")).isEqualTo("1");
        }
    }

    private static String query(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = V6MigrationTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
