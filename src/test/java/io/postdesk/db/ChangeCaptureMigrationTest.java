package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.model.Change;
import io.postdesk.model.ChangeCursor;
import io.postdesk.store.ChangeLog;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V9 (the change capture) on the tutorial's blog schema, migrated by a role without superuser or
 * REPLICATION and written by a role with nothing but DML rights on users and posts, on the
 * embedded PostgreSQL 17 and on Debian's PostgreSQL 15; and U9 leaves the schema as V8 left it.
 */
class ChangeCaptureMigrationTest {
    private static final Path DEBIAN_15 = Path.of("/usr/lib/postgresql/15");
    private static final String SNAPSHOT = "SELECT string_agg(item, E'\\n' ORDER BY item) FROM ("
            + " SELECT 'relation ' || c.relname || ' ' || c.relkind::text AS item FROM pg_class c"
            + "  WHERE c.relnamespace = 'public'::regnamespace"
            + " UNION ALL SELECT 'column ' || a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
            + "  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + "  WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped"
            + " UNION ALL SELECT 'function ' || p.oid::regprocedure || ' ' || md5(pg_get_functiondef(p.oid)) FROM pg_proc p"
            + "  WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'"
            + " UNION ALL SELECT 'trigger ' || t.tgrelid::regclass || ' ' || t.tgname || ' ' || md5(pg_get_triggerdef(t.oid)) FROM pg_trigger t"
            + "  WHERE NOT t.tgisinternal) AS catalog";

    @TempDir
    Path folder;

    @Test
    void theUndoScriptLeavesTheSchemaAsItWasBeforeV9() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration")
                    .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                    .javaMigrations(Migrations.javaMigrations(db.dataSource(), MigrationProgress.NONE))
                    .table(Migrations.HISTORY_TABLE).target("8").load().migrate();
            String beforeV9 = query(db.dataSource(), SNAPSHOT);

            new Migrations(db.dataSource()).migrate();
            assertThat(query(db.dataSource(), SNAPSHOT)).contains("relation postdesk_changes r", "users_capture_updated");

            db.sql(resource("/db/undo/U9__change_log.sql"));
            assertThat(query(db.dataSource(), SNAPSHOT)).isEqualTo(beforeV9);
        }
    }

    @Test
    void capturesTheTutorialBlogForRolesWithoutSuperuserOnTheEmbeddedPostgres17() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            String name = db.url().database();
            db.sql("DO $$ BEGIN CREATE ROLE cdc_owner LOGIN PASSWORD 'owner-pw' NOSUPERUSER NOREPLICATION;"
                    + " CREATE ROLE cdc_writer LOGIN PASSWORD 'writer-pw' NOSUPERUSER NOREPLICATION;"
                    + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            db.sql("ALTER DATABASE " + name + " OWNER TO cdc_owner");
            DatabaseUrl admin = db.url();
            capturesTheTutorialBlog(
                    new DatabaseUrl(admin.host(), admin.port(), name, "cdc_owner", "owner-pw", Map.of()),
                    new DatabaseUrl(admin.host(), admin.port(), name, "cdc_writer", "writer-pw", Map.of()));
        }
    }

    @Test
    void capturesTheTutorialBlogForRolesWithoutSuperuserOnDebiansPostgres15() throws Exception {
        if (!Files.isExecutable(DEBIAN_15.resolve("bin/postgres"))) {
            System.err.println("ChangeCaptureMigrationTest: no PostgreSQL 15 in " + DEBIAN_15 + "; not run.");
        }
        Assumptions.assumeTrue(Files.isExecutable(DEBIAN_15.resolve("bin/postgres")),
                "Debian's PostgreSQL 15 is not installed (apt-get install -y postgresql-15)");
        Path cluster = folder.resolve("pg15");
        PostgresServer.initdb(DEBIAN_15, cluster, "postgres", List.of("--auth=trust"));
        try (PostgresServer server = PostgresServer.start(DEBIAN_15, cluster, Map.of("listen_addresses", "localhost",
                "unix_socket_directories", folder.toString()), Duration.ofSeconds(60))) {
            DatabaseUrl superuser = new DatabaseUrl("localhost", server.port(), "postgres", "postgres", "", Map.of());
            try (Connection c = DriverManager.getConnection(superuser.jdbcUrl(), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE ROLE cdc_owner LOGIN NOSUPERUSER NOREPLICATION");
                s.execute("CREATE ROLE cdc_writer LOGIN NOSUPERUSER NOREPLICATION");
                s.execute("CREATE DATABASE blog OWNER cdc_owner");
                try (ResultSet version = s.executeQuery("SHOW server_version_num")) {
                    version.next();
                    assertThat(version.getString(1)).startsWith("15");
                }
            }
            capturesTheTutorialBlog(new DatabaseUrl("localhost", server.port(), "blog", "cdc_owner", "", Map.of()),
                    new DatabaseUrl("localhost", server.port(), "blog", "cdc_writer", "", Map.of()));
        }
    }

    private static void capturesTheTutorialBlog(DatabaseUrl ownerUrl, DatabaseUrl writerUrl) throws Exception {
        try (HikariDataSource owner = ConnectionPool.create(ownerUrl, PoolSettings.DEFAULTS, false)) {
            execute(owner, "CREATE EXTENSION IF NOT EXISTS pg_trgm"); // trusted: a database owner may
            execute(owner, resource("/io/postdesk/bench/tutorial-blog.sql"));
            execute(owner, "INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'owner-made-hash')");
            execute(owner, "GRANT SELECT, INSERT, UPDATE, DELETE ON users, posts TO cdc_writer");
            new Migrations(owner).migrate();
            assertThat(query(owner, "SELECT rolsuper OR rolreplication FROM pg_roles WHERE rolname = current_user")).isEqualTo("f");

            try (Connection writer = DriverManager.getConnection(writerUrl.jdbcUrl(), writerUrl.user(), writerUrl.password());
                 Statement s = writer.createStatement()) {
                s.execute("SET TimeZone = 'Asia/Tokyo'");
                s.execute("INSERT INTO users (username, email, password_hash, created_at)"
                        + " VALUES ('bob', 'bob@x.org', 'writer-made-hash', timestamp '2026-03-01 10:00:00')");
                s.execute("INSERT INTO posts (user_id, title, content) SELECT id, 'By bob', 'c' FROM users WHERE username = 'bob'");
                s.execute("UPDATE users SET password_hash = 'another-hash' WHERE username = 'bob'");
                s.execute("DELETE FROM users WHERE username = 'bob'");
            }

            List<Change> changes;
            try (Connection c = owner.getConnection()) {
                changes = new ChangeLog().after(c, ChangeCursor.START, 100);
            }
            assertThat(changes).extracting(ch -> ch.table() + " " + ch.operation()).containsExactly(
                    "users insert", "posts insert", "users update", "users delete", "posts delete"); // the cascade's statement ends after the user's
            assertThat(changes.get(0).values()).contains("\"created_at\": \"2026-03-01T10:00:00\"");
            assertThat(changes).extracting(Change::values).noneMatch(values -> values.contains("hash"));
        }
    }

    private static void execute(javax.sql.DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(javax.sql.DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ChangeCaptureMigrationTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
