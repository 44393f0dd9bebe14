package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.PoolSettings;
import io.postdesk.model.SchemaStatus;
import io.postdesk.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostDesk's own server killed under it (kill -9 of the postmaster): PostDesk starts it again on the
 * same folder and port, PostgreSQL's crash recovery brings back what was committed, and the pool
 * works again without being rebuilt.
 */
class EmbeddedRestartTest {
    @TempDir
    Path dataFolder;

    @Test
    void aKilledServerIsRestartedWithItsCommittedDataAndThePoolWorksAgain() throws Exception {
        try (DatabaseConnection connection = DatabaseConnection.connect(new DatabaseTarget.Embedded(dataFolder),
                PoolSettings.DEFAULTS, false)) {
            Workspace workspace = open(connection);
            String port = connection.show("port");
            sql(port, "INSERT INTO users (username, email, password_hash) VALUES ('crash', 'crash@example.org', 'h')");
            assertThat(connection.restartEmbeddedServerIfStopped()).as("a running server is left alone").isFalse();

            killPostmaster();

            assertThat(connection.isEmbeddedServerStopped()).isTrue();
            assertThat(connection.restartEmbeddedServerIfStopped()).isTrue();
            assertThat(connection.isEmbeddedServerStopped()).isFalse();
            assertThat(connection.show("port")).isEqualTo(port);
            assertThat(connection.checkHealth().reachable()).isTrue();
            assertThat(workspace.users().firstPage(100)).extracting(row -> row.username()).contains("crash");
            try (Connection jdbc = jdbc(port); ResultSet rs = jdbc.createStatement()
                    .executeQuery("SELECT email FROM users WHERE username = 'crash'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("crash@example.org");
            }
        }
        assertThat(dataFolder.resolve("pgdata/postmaster.pid")).as("stopped cleanly on close").doesNotExist();
    }

    /**
     * A backend busy with a long query does not notice its postmaster's death and keeps the old shared
     * memory: PostgreSQL refuses to start until it is gone.
     */
    @Test
    void aBusyBackendTheKilledServerLeftBehindDoesNotStopTheRestart() throws Exception {
        try (DatabaseConnection connection = DatabaseConnection.connect(new DatabaseTarget.Embedded(dataFolder),
                PoolSettings.DEFAULTS, false)) {
            open(connection);
            String port = connection.show("port");
            sql(port, "INSERT INTO users (username, email, password_hash) VALUES ('kept', 'kept@example.org', 'h')");
            CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> {
                try (Connection jdbc = jdbc(port)) {
                    jdbc.createStatement().execute("SELECT count(*) FROM generate_series(1, 10000000000)");
                } catch (SQLException expected) {
                    // its server goes away under it
                }
            });
            Eventually.activeQuery(() -> jdbc(port), "generate_series");

            killPostmaster();

            assertThat(connection.restartEmbeddedServerIfStopped()).isTrue();
            try (Connection jdbc = jdbc(port); ResultSet rs = jdbc.createStatement()
                    .executeQuery("SELECT count(*) FROM users WHERE username = 'kept'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            busy.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerDatabaseIsNeverRestarted() {
        try (io.postdesk.testing.TestDatabase db = io.postdesk.testing.TestDatabase.create();
             DatabaseConnection connection = DatabaseConnection.connect(new DatabaseTarget.Server(db.url(), "a test"),
                     PoolSettings.DEFAULTS, false)) {
            assertThat(connection.isEmbeddedServerStopped()).isFalse();
            assertThat(connection.restartEmbeddedServerIfStopped()).isFalse();
        }
    }

    private static Workspace open(DatabaseConnection connection) {
        SchemaStatus schema = connection.schema();
        if (!schema.pending().isEmpty()) {
            connection.migrate();
            schema = connection.schema();
        }
        return connection.openWorkspace(schema);
    }

    /** kill -9 of the postmaster named in postmaster.pid, as a user (or the OOM killer) would. */
    private void killPostmaster() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataFolder.resolve("pgdata/postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().get(30, TimeUnit.SECONDS);
    }

    private void sql(String port, String statement) throws SQLException {
        try (Connection jdbc = jdbc(port); Statement st = jdbc.createStatement()) {
            st.execute(statement);
        }
    }

    private Connection jdbc(String port) throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres",
                    Files.readString(dataFolder.resolve("embedded-password")).strip());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
