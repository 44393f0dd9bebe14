package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.model.SchemaPlan;
import io.postdesk.testing.SchemaSnapshot;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every migration can be taken back: for every version k, forward to the latest and back to k leaves
 * the schema as the catalog saw it at k, and up, down, up again leaves it as at the latest; the rows
 * of users and posts never change. On PostDesk's own V1 and on an adopted blog (the tutorial's schema).
 */
class SchemaUndoTest {
    private static final String LATEST = Migrations.SCRIPT_VERSIONS.get(Migrations.SCRIPT_VERSIONS.size() - 1);

    @Test
    void everyVersionAfterTheFirstHasItsUndoScript() {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            List<String> steps = new Migrations(empty.dataSource()).flywayStatus().pending();
            assertThat(steps).extracting(step -> step.substring(1, step.indexOf(' ')))
                    .containsExactlyElementsOf(Migrations.SCRIPT_VERSIONS);
            for (String step : steps) {
                String version = step.substring(1, step.indexOf(' '));
                String description = step.substring(step.indexOf(' ') + 1);
                if (!version.equals(SchemaUndo.FLOOR)) {
                    assertThat(UndoScripts.exists(version, description))
                            .as("undo script %s for %s", UndoScripts.path(version, description), step).isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "adopted blog schema: {0}")
    @ValueSource(booleans = {false, true})
    void backToEveryVersionGivesItsSchemaAgainAndKeepsTheRows(boolean adoptedBlog) {
        for (String k : Migrations.SCRIPT_VERSIONS) {
            try (TestDatabase db = TestDatabase.createEmpty()) {
                if (adoptedBlog) {
                    db.sql(tutorialBlog());
                }
                Migrations migrations = new Migrations(db.dataSource());
                migrations.migrate(MigrationProgress.NONE, k);
                addRows(db);
                List<String> atK = SchemaSnapshot.of(db.dataSource());
                List<String> rows = SchemaSnapshot.rowChecksums(db.dataSource());
                SchemaUndo undo = new SchemaUndo(db.dataSource());

                goTo(undo, LATEST);
                List<String> atLatest = SchemaSnapshot.of(db.dataSource());
                assertThat(SchemaSnapshot.rowChecksums(db.dataSource())).isEqualTo(rows);

                goTo(undo, k);
                assertThat(SchemaSnapshot.of(db.dataSource())).as("schema back at V%s", k).isEqualTo(atK);
                assertThat(SchemaSnapshot.rowChecksums(db.dataSource())).isEqualTo(rows);
                assertThat(migrations.status().currentVersion()).isEqualTo(k);

                goTo(undo, LATEST);
                assertThat(SchemaSnapshot.of(db.dataSource())).as("schema up again from V%s", k).isEqualTo(atLatest);
                assertThat(SchemaSnapshot.rowChecksums(db.dataSource())).isEqualTo(rows);
                assertThat(migrations.status().isUpToDate()).isTrue();
            }
        }
    }

    @Test
    void versionOneIsTheFloorAndUnknownVersionsAreRefused() {
        try (TestDatabase db = TestDatabase.create()) {
            SchemaUndo undo = new SchemaUndo(db.dataSource());
            assertThatThrownBy(() -> undo.planTo("0")).isInstanceOf(UndoRefusedException.class)
                    .hasMessageContaining("lowest").hasMessageContaining("uninstall");
            assertThatThrownBy(() -> undo.planTo("999")).isInstanceOf(UndoRefusedException.class)
                    .hasMessageContaining("knows schema versions");
            assertThatThrownBy(() -> undo.planTo("two")).isInstanceOf(UndoRefusedException.class)
                    .hasMessageContaining("not a schema version");
            SchemaPlan back = undo.planTo("1");
            assertThat(back.kind()).isEqualTo(SchemaPlan.Kind.BACK);
            assertThat(back.steps()).first().asString().startsWith("Undo V" + LATEST);
            assertThat(back.describe()).contains("DROP INDEX CONCURRENTLY cannot run in a transaction");
            assertThat(undo.planTo(LATEST).changesSomething()).isFalse();
        }
    }

    @Test
    void aBlogObjectThatNeedsPostDesksFunctionStopsTheUndoNamingIt() {
        try (TestDatabase db = TestDatabase.create()) {
            db.sql("CREATE VIEW blog_post_days AS SELECT postdesk_post_day(created_at) AS day FROM posts");
            List<String> before = SchemaSnapshot.of(db.dataSource());
            SchemaUndo undo = new SchemaUndo(db.dataSource());

            assertThatThrownBy(() -> undo.apply(undo.planTo("5"), MigrationProgress.NONE))
                    .isInstanceOf(UndoRefusedException.class)
                    .hasMessageContaining("view blog_post_days").hasMessageContaining("Nothing was changed");
            assertThat(SchemaSnapshot.of(db.dataSource())).isEqualTo(before);
            assertThat(new Migrations(db.dataSource()).status().currentVersion()).isEqualTo(LATEST);
        }
    }

    @Test
    void aBlogTriggerOnPostDesksTableStopsTheUninstallNamingIt() {
        try (TestDatabase db = TestDatabase.create()) {
            db.sql("CREATE FUNCTION blog_audit_seen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
            db.sql("CREATE TRIGGER blog_audit_watch AFTER INSERT ON postdesk_audit FOR EACH ROW EXECUTE FUNCTION blog_audit_seen()");
            List<String> before = SchemaSnapshot.of(db.dataSource());
            SchemaUndo undo = new SchemaUndo(db.dataSource());

            assertThatThrownBy(() -> undo.apply(undo.planUninstall(), MigrationProgress.NONE))
                    .isInstanceOf(UndoRefusedException.class)
                    .hasMessageContaining("trigger blog_audit_watch on public.postdesk_audit");
            assertThat(SchemaSnapshot.of(db.dataSource())).isEqualTo(before);
        }
    }

    @Test
    void aBlogIndexUsingTheTrigramsPostDeskInstalledKeepsPgTrgm() {
        try (TestDatabase blog = TestDatabase.createEmpty()) {
            blog.sql(tutorialBlog());
            new Migrations(blog.dataSource()).migrate();
            blog.sql("CREATE INDEX blog_title_search ON posts USING gin (lower(title) gin_trgm_ops)");
            List<String> before = SchemaSnapshot.of(blog.dataSource());
            SchemaUndo undo = new SchemaUndo(blog.dataSource());

            assertThatThrownBy(() -> undo.apply(undo.planTo("2"), MigrationProgress.NONE))
                    .isInstanceOf(UndoRefusedException.class)
                    .hasMessageContaining("index blog_title_search").hasMessageContaining("Nothing was changed");
            assertThat(SchemaSnapshot.of(blog.dataSource())).isEqualTo(before);
        }
    }

    private static void goTo(SchemaUndo undo, String version) {
        SchemaPlan plan = undo.planTo(version);
        undo.apply(plan, MigrationProgress.NONE);
    }

    /** Rows with every kind of value the tables hold, as the blog would write them. */
    static void addRows(TestDatabase db) {
        db.sql("INSERT INTO users (username, email, password_hash, created_at, updated_at)"
                + " SELECT 'user' || n, 'user' || n || '@example.org', 'hash' || n,"
                + " timestamp '2024-01-01' + n * interval '7 hours', timestamp '2024-02-01' + n * interval '1 hour'"
                + " FROM generate_series(1, 20) AS n");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at, updated_at)"
                + " SELECT u.id, 'Post ' || n || ' of ' || u.username, repeat('text ', n), n % 2 = 0,"
                + " u.created_at + n * interval '13 hours', u.updated_at"
                + " FROM users u, generate_series(1, 5) AS n");
    }

    static String tutorialBlog() {
        try (InputStream in = Objects.requireNonNull(SchemaUndoTest.class.getResourceAsStream("/io/postdesk/bench/tutorial-blog.sql"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
