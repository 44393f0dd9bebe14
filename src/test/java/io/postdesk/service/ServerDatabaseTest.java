package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.model.Health;
import io.postdesk.model.SchemaStatus;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** PostDesk on a server database: adopting the blog's schema, a newer schema, a dead server. */
class ServerDatabaseTest {

    private static DatabaseConnection connect(DatabaseUrl url) {
        return DatabaseConnection.connect(new DatabaseTarget.Server(url, "test"), PoolSettings.DEFAULTS, false);
    }

    @Test
    void anExistingBlogDatabaseIsAdoptedAndKeepsItsRows() throws Exception {
        try (TestDatabase blog = TestDatabase.createEmpty()) {
            // The blog application created its tables itself, without PostDesk's history.
            blog.sql(new String(Objects.requireNonNull(getClass().getResourceAsStream(
                    "/db/migration/V1__users_and_posts.sql")).readAllBytes(), StandardCharsets.UTF_8));
            blog.sql("INSERT INTO users (username, email, password_hash) VALUES ('blogger', 'b@example.org', 'h')");

            try (DatabaseConnection connection = connect(blog.url())) {
                SchemaStatus before = connection.schema();
                assertThat(before.pending()).isNotEmpty().noneMatch(step -> step.startsWith("V1 "));

                connection.migrate();

                assertThat(connection.schema().isUpToDate()).isTrue();
                Workspace workspace = connection.openWorkspace(connection.schema());
                assertThat(workspace.users().firstPage(10)).extracting(row -> row.username()).containsExactly("blogger");
            }
        }
    }

    @Test
    void anEmptyServerDatabaseGetsTheWholeSchema() {
        try (TestDatabase empty = TestDatabase.createEmpty(); DatabaseConnection connection = connect(empty.url())) {
            assertThat(connection.schema().pending()).anyMatch(step -> step.startsWith("V1 "));
            connection.migrate();
            assertThat(connection.openWorkspace(connection.schema()).users().firstPage(10)).isEmpty();
        }
    }

    @Test
    void aSchemaFromANewerPostDeskOpensReadOnly() {
        try (TestDatabase db = TestDatabase.create()) {
            db.sql("INSERT INTO postdesk_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success)"
                    + " VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'postgres', 1, true)");
            try (DatabaseConnection connection = connect(db.url())) {
                SchemaStatus schema = connection.schema();
                assertThat(schema.isNewerThanKnown()).isTrue();
                assertThat(schema.newerVersion()).isEqualTo("999");

                Workspace workspace = connection.openWorkspace(schema);

                assertThat(workspace.readOnly()).isTrue();
                assertThat(workspace.rights().check().readOnlyReason())
                        .isEqualTo("The database was changed by a newer PostDesk (schema version 999); update PostDesk"
                                + " to make changes.");
                assertThat(workspace.users().firstPage(10)).isEmpty();
                // Enforced by the driver on every connection of the pool, not by PostDesk's good manners.
                assertThat(connection.show("transaction_read_only")).isEqualTo("on");
            }
        }
    }

    @Test
    void aDeadServerFailsFastWithAReadableMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseUrl nowhere = new DatabaseUrl("localhost", closedPort, "blog", "blog", "S3cretPw", Map.of());
        try (DatabaseConnection connection = connect(nowhere)) {
            long start = System.nanoTime();
            assertThatThrownBy(connection::schema).satisfies(error ->
                    assertThat(ErrorMessages.describe(error)).contains("cannot be reached").doesNotContain("S3cretPw"));
            Health health = connection.checkHealth();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(health.reachable()).isFalse();
            assertThat(health.problem()).contains("cannot be reached");
        }
    }
}
