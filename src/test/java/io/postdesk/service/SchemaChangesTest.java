package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.Migrations;
import io.postdesk.db.UndoRefusedException;
import io.postdesk.model.SchemaPlan;
import io.postdesk.testing.SchemaSnapshot;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing PostDesk on a blog and removing it again leaves the blog's schema and rows as they were. */
class SchemaChangesTest {
    /** The blog's own objects beside the tutorial's tables: PostDesk must leave every one of them alone. */
    private static final String BLOG_OWN_OBJECTS = """
            CREATE VIEW published_posts AS SELECT id, title, created_at FROM posts WHERE published;
            CREATE FUNCTION blog_title_not_blank() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF btrim(NEW.title) = '' THEN RAISE EXCEPTION 'blank title'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER posts_title_not_blank BEFORE INSERT OR UPDATE ON posts
                FOR EACH ROW EXECUTE FUNCTION blog_title_not_blank();
            ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
            CREATE POLICY posts_visible ON posts USING (published OR current_user = 'postgres');
            COMMENT ON TABLE posts IS 'The blog''s posts';
            """;

    @Test
    void installThenUninstallLeavesTheBlogAsItWas(@TempDir Path folder) throws IOException {
        try (TestDatabase blog = TestDatabase.createEmpty()) {
            blog.sql(tutorialBlog());
            blog.sql(BLOG_OWN_OBJECTS);
            blog.sql("INSERT INTO users (username, email, password_hash) VALUES ('ada', 'ada@example.org', 'x')");
            blog.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'Hello', 'First post', true FROM users");
            List<String> before = SchemaSnapshot.of(blog.dataSource());
            List<String> rows = SchemaSnapshot.rowChecksums(blog.dataSource());

            new Migrations(blog.dataSource()).migrate();
            blog.sql("INSERT INTO postdesk_audit (desktop_user, table_name, action) VALUES ('ada', 'posts', 'update')");
            assertThat(SchemaSnapshot.of(blog.dataSource())).isNotEqualTo(before);
            SchemaChanges changes = new SchemaChanges(blog.dataSource());
            assertThat(changes.auditRows()).isEqualTo(1);
            Path csv = folder.resolve("audit.csv");
            assertThat(changes.exportAudit(csv)).isEqualTo(1);
            assertThat(Files.readAllLines(csv)).hasSize(2).first().asString()
                    .isEqualTo("id,at,database_role,desktop_user,table_name,record_id,action,changes");

            SchemaPlan plan = changes.planUninstall();
            assertThat(plan.steps()).last().asString().contains(Migrations.HISTORY_TABLE);
            changes.apply(plan, line -> { });

            assertThat(SchemaSnapshot.of(blog.dataSource())).isEqualTo(before);
            assertThat(SchemaSnapshot.rowChecksums(blog.dataSource())).isEqualTo(rows);
            assertThat(changes.auditRows()).isZero();
            // PostDesk adopts the blog again, as on the first day.
            new Migrations(blog.dataSource()).migrate();
            assertThat(new Migrations(blog.dataSource()).status().isUpToDate()).isTrue();
        }
    }

    @Test
    void aRoleThatCouldNotUndoIsRefusedBeforeAnythingChanges() {
        String role = "blog_writer_" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase blog = TestDatabase.createEmpty()) {
            blog.sql(tutorialBlog());
            blog.sql("CREATE ROLE " + role + " LOGIN PASSWORD 'writer'");
            blog.sql("GRANT SELECT, INSERT, UPDATE, DELETE, TRIGGER ON users, posts TO " + role);
            blog.sql("GRANT CREATE ON SCHEMA public TO " + role);
            try {
                List<String> before = SchemaSnapshot.of(blog.dataSource());
                try (HikariDataSource writer = as(blog, role, "writer")) {
                    assertThatThrownBy(() -> new Migrations(writer).migrate())
                            .isInstanceOf(UndoRefusedException.class)
                            .hasMessageContaining("role \"" + role + "\"")
                            .hasMessageContaining("table posts is owned by")
                            .hasMessageContaining("Nothing was changed");
                }
                assertThat(SchemaSnapshot.of(blog.dataSource())).isEqualTo(before);

                // Migrated by the owner: the writer may not take it back either.
                new Migrations(blog.dataSource()).migrate();
                List<String> migrated = SchemaSnapshot.of(blog.dataSource());
                try (HikariDataSource writer = as(blog, role, "writer")) {
                    SchemaChanges changes = new SchemaChanges(writer);
                    assertThatThrownBy(() -> changes.planTo("4")).isInstanceOf(UndoRefusedException.class)
                            .hasMessageContaining("table posts is owned by");
                    assertThatThrownBy(changes::planUninstall).isInstanceOf(UndoRefusedException.class);
                }
                assertThat(SchemaSnapshot.of(blog.dataSource())).isEqualTo(migrated);
            } finally {
                blog.sql("DROP OWNED BY " + role);
                blog.sql("DROP ROLE " + role);
            }
        }
    }

    private static HikariDataSource as(TestDatabase db, String role, String password) {
        DatabaseUrl url = db.url();
        return ConnectionPool.create(new DatabaseUrl(url.host(), url.port(), url.database(), role, password, Map.of()),
                PoolSettings.DEFAULTS, false);
    }

    private static String tutorialBlog() {
        try (InputStream in = Objects.requireNonNull(SchemaChangesTest.class.getResourceAsStream("/io/postdesk/bench/tutorial-blog.sql"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
