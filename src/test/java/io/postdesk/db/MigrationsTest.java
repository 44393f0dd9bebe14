package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.SchemaStatus;
import io.postdesk.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The quick up-to-date check at start-up says what Flyway says, or leaves the answer to Flyway. */
class MigrationsTest {

    @Test
    void theKnownVersionsAreTheScriptsFlywayFinds() {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            List<String> pending = new Migrations(empty.dataSource()).flywayStatus().pending();
            assertThat(pending).extracting(step -> step.substring(1, step.indexOf(' ')))
                    .containsExactlyElementsOf(Migrations.SCRIPT_VERSIONS);
        }
    }

    @Test
    void aMigratedDatabaseIsUpToDateWithoutFlyway() {
        try (TestDatabase db = TestDatabase.create()) {
            Migrations migrations = new Migrations(db.dataSource());
            Optional<SchemaStatus> quick = migrations.upToDate();
            assertThat(quick).contains(migrations.flywayStatus());
            assertThat(quick.orElseThrow().isUpToDate()).isTrue();
            assertThat(quick.orElseThrow().currentVersion()).isEqualTo(lastScript());
        }
    }

    @Test
    void anAdoptedBlogSchemaIsUpToDateOnceMigrated() throws Exception {
        try (TestDatabase blog = TestDatabase.createEmpty()) {
            blog.sql(new String(Objects.requireNonNull(getClass().getResourceAsStream(
                    "/db/migration/V1__users_and_posts.sql")).readAllBytes(), StandardCharsets.UTF_8));
            Migrations migrations = new Migrations(blog.dataSource());
            assertThat(migrations.upToDate()).isEmpty(); // no history yet: Flyway decides
            migrations.migrate();

            assertThat(migrations.upToDate()).contains(migrations.flywayStatus());
        }
    }

    @Test
    void pendingFailedOrNewerHistoriesAreLeftToFlyway() {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            Flyway.configure().dataSource(empty.dataSource()).locations("classpath:db/migration")
                    .table(Migrations.HISTORY_TABLE).target("2").load().migrate();
            Migrations migrations = new Migrations(empty.dataSource());
            assertThat(migrations.upToDate()).isEmpty();
            assertThat(migrations.status().pending()).hasSize(Migrations.SCRIPT_VERSIONS.size() - 2);
        }
        try (TestDatabase db = TestDatabase.create()) {
            db.sql("INSERT INTO postdesk_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success)"
                    + " VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'postgres', 1, true)");
            Migrations migrations = new Migrations(db.dataSource());
            assertThat(migrations.upToDate()).isEmpty();
            assertThat(migrations.status().newerVersion()).isEqualTo("999");
        }
        try (TestDatabase db = TestDatabase.create()) {
            db.sql("UPDATE postdesk_schema_history SET success = false WHERE version = '" + lastScript() + "'");
            assertThat(new Migrations(db.dataSource()).upToDate()).isEmpty();
        }
    }

    @Test
    void theHistoryMustHoldExactlyTheScriptsAfterTheBaseline() {
        List<String> all = Migrations.SCRIPT_VERSIONS;
        List<String> afterV1 = all.subList(1, all.size());
        assertThat(Migrations.upToDate(null, all)).isPresent();
        assertThat(Migrations.upToDate("0", all)).isPresent();
        assertThat(Migrations.upToDate("1", afterV1)).map(SchemaStatus::currentVersion).contains(lastScript());
        assertThat(Migrations.upToDate("1", all)).isEmpty();
        assertThat(Migrations.upToDate(null, all.subList(0, all.size() - 1))).isEmpty();
        assertThat(Migrations.upToDate(null, List.of())).isEmpty();
        assertThat(Migrations.upToDate("70", List.of())).isEmpty();
    }

    private static String lastScript() {
        return Migrations.SCRIPT_VERSIONS.get(Migrations.SCRIPT_VERSIONS.size() - 1);
    }
}
