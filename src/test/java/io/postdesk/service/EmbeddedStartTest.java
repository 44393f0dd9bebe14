package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.DataFolderInUseException;
import io.postdesk.model.SchemaStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default as a new user meets it: first start creates the cluster, migrates and
 * loads the demo; later starts find the same data; fsync is on; the folder is PostDesk's alone.
 * The tests share one data folder and run in order, like starts of the app.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStartTest {
    @TempDir
    static Path dataFolder;

    private DatabaseConnection connect() {
        return DatabaseConnection.connect(new DatabaseTarget.Embedded(dataFolder), PoolSettings.DEFAULTS, false);
    }

    private static Workspace open(DatabaseConnection connection) {
        SchemaStatus schema = connection.schema();
        if (!schema.pending().isEmpty()) {
            connection.migrate();
            schema = connection.schema();
        }
        return connection.openWorkspace(schema);
    }

    @Test
    @Order(1)
    void firstStartCreatesMigratesAndLoadsTheDemoDurably() {
        try (DatabaseConnection connection = connect()) {
            assertThat(connection.schema().pending()).isNotEmpty();
            Workspace workspace = open(connection);

            assertThat(workspace.users().firstPage(100)).hasSize(40);
            assertThat(workspace.posts().firstPage(5_000)).hasSize(2_000)
                    .anyMatch(row -> row.published()).anyMatch(row -> !row.published());
            assertThat(connection.show("fsync")).isEqualTo("on");
            assertThat(connection.show("synchronous_commit")).isEqualTo("on");
            long buffers = io.postdesk.db.ServerMemory.sharedBuffersMb(io.postdesk.db.ServerMemory.physicalBytes());
            assertThat(connection.show("shared_buffers"))
                    .isEqualTo(buffers % 1024 == 0 ? buffers / 1024 + "GB" : buffers + "MB");
            assertThat(workspace.readOnly()).isFalse();
        }
        assertThat(dataFolder.resolve("pgdata/PG_VERSION")).exists();
    }

    @Test
    @Order(2)
    void secondStartKeepsTheDataAndDoesNotLoadTheDemoAgain() {
        try (DatabaseConnection connection = connect()) {
            assertThat(connection.schema().isUpToDate()).isTrue();
            Workspace workspace = open(connection);
            assertThat(workspace.users().firstPage(100)).hasSize(40);
            assertThat(workspace.posts().firstPage(5_000)).hasSize(2_000);
            // Issue 16: the embedded server PostDesk owns has pg_stat_statements loaded and installed.
            assertThat(connection.show("shared_preload_libraries")).isEqualTo("pg_stat_statements");
            io.postdesk.model.Diagnostics.Server server = connection.diagnostics().snapshot().server();
            assertThat(server.topStatementsNote()).isNull();
            assertThat(server.topStatements()).isNotEmpty();
        }
    }

    @Test
    @Order(3)
    void theDemoIsTheSameEveryTime() throws Exception {
        try (DatabaseConnection connection = connect()) {
            Workspace workspace = open(connection);
            assertThat(workspace.posts().firstPage(1).get(0).title()).isEqualTo("What nobody tells you about indexes");
        }
    }

    @Test
    @Order(4)
    void aSecondPostDeskOnTheSameFolderGetsAClearMessage() {
        try (DatabaseConnection first = connect()) {
            assertThatThrownBy(this::connect)
                    .isInstanceOf(DataFolderInUseException.class)
                    .hasMessageContaining("Another PostDesk is already using the data folder")
                    .hasMessageContaining(dataFolder.toString());
            assertThat(first.checkHealth().reachable()).isTrue();
        }
    }

    @Test
    @Order(5)
    void otherAccountsCannotLogInWithoutThePassword() {
        try (DatabaseConnection connection = connect()) {
            var url = ((DatabaseTarget.Embedded) connection.target()).dataFolder();
            assertThat(url).isEqualTo(dataFolder);
            int port = Integer.parseInt(connection.show("port"));
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "wrong"))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
        }
    }

    @Test
    @Order(6)
    void emptiedTablesStayEmptyAfterARestart() throws Exception {
        try (DatabaseConnection connection = connect()) {
            open(connection);
            try (var jdbc = DriverManager.getConnection("jdbc:postgresql://localhost:" + connection.show("port")
                    + "/postgres", "postgres", Files.readString(dataFolder.resolve("embedded-password")).strip())) {
                jdbc.createStatement().execute("DELETE FROM users");
            }
        }
        try (DatabaseConnection connection = connect()) {
            assertThat(open(connection).users().firstPage(10)).isEmpty();
        }
    }
}
