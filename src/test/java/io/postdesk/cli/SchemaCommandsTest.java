package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.db.Migrations;
import io.postdesk.testing.SchemaSnapshot;
import io.postdesk.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code postdesk migrate --to N} and {@code postdesk uninstall}: the plan, the question (or --yes), the change. */
class SchemaCommandsTest {
    private static final String LATEST = Migrations.SCRIPT_VERSIONS.get(Migrations.SCRIPT_VERSIONS.size() - 1);
    private String out;
    private String err;

    @Test
    void migrateToAVersionAsksThenGoesBackAndForward() {
        try (TestDatabase db = TestDatabase.create()) {
            assertThat(run("n\n", "migrate", "--to", "4", "--database-url", db.urlText())).as(err).isZero();
            assertThat(out).contains("Take the schema back from version " + LATEST + " to 4", "Undo V" + LATEST,
                    "DROP INDEX CONCURRENTLY cannot run in a transaction", "Nothing was changed.");
            assertThat(new Migrations(db.dataSource()).status().currentVersion()).isEqualTo(LATEST);

            assertThat(run("y\n", "migrate", "--to", "4", "--database-url", db.urlText())).as(err).isZero();
            assertThat(out).endsWith("The schema is at version 4." + System.lineSeparator());
            assertThat(new Migrations(db.dataSource()).status().currentVersion()).isEqualTo("4");

            assertThat(run("", "migrate", "--to", LATEST, "--yes", "--database-url", db.urlText())).as(err).isZero();
            assertThat(out).contains("Migrate the schema from version 4 to " + LATEST, "V5 hot updates for publishing");
            assertThat(new Migrations(db.dataSource()).status().isUpToDate()).isTrue();

            assertThat(run("", "migrate", "--to", "0", "--yes", "--database-url", db.urlText())).isEqualTo(1);
            assertThat(err).contains("Version 1 is the lowest");
        }
    }

    @Test
    void uninstallWantsAChoiceForTheAuditHistoryThenRemovesPostDesk(@TempDir Path folder) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            db.sql("INSERT INTO postdesk_audit (desktop_user, table_name, action) VALUES ('ada', 'posts', 'update')");
            assertThat(run("", "uninstall", "--yes", "--database-url", db.urlText())).isEqualTo(1);
            assertThat(err).contains("--export-audit FILE", "--no-export");
            assertThat(new Migrations(db.dataSource()).status().isUpToDate()).isTrue();

            List<String> rows = SchemaSnapshot.rowChecksums(db.dataSource());
            Path csv = folder.resolve("audit.csv");
            assertThat(run("", "uninstall", "--yes", "--export-audit", csv.toString(), "--database-url", db.urlText()))
                    .as(err).isZero();
            assertThat(out).contains("Remove everything PostDesk created", "Drop postdesk_schema_history",
                    "Exported 1 audit rows");
            assertThat(Files.readAllLines(csv)).hasSize(2);
            assertThat(SchemaSnapshot.of(db.dataSource())).noneMatch(line -> line.contains("postdesk_"));
            assertThat(SchemaSnapshot.rowChecksums(db.dataSource())).isEqualTo(rows);

            // The database PostDesk no longer knows is said in words in the plan, not "version none".
            assertThat(run("n\n", "migrate", "--to", LATEST, "--database-url", db.urlText())).as(err).isZero();
            assertThat(out).contains("Set up PostDesk's schema, up to version " + LATEST
                    + ", on a database PostDesk has not set up yet:").doesNotContain("version none");
        }
    }

    /**
     * Issue 12: a migration that waits for a table another session holds names that session (its
     * tries wait half a second each, so the wait comes and goes until the lock is let go).
     */
    @Test
    void aMigrationWaitingForALockNamesTheSessionThatHoldsIt() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            assertThat(run("", "migrate", "--to", "8", "--yes", "--database-url", db.urlText())).as(err).isZero();
            try (java.sql.Connection blocker = db.sessionLocking("posts", "psql-in-a-test")) {
                // The lock goes after 6 s, from the server's side: the migration's tries meanwhile meet it.
                java.util.concurrent.CompletableFuture<Void> letGo = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        blocker.createStatement().execute("SELECT pg_sleep(6)");
                        blocker.rollback();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });

                assertThat(run("", "migrate", "--database-url", db.urlText())).as(err).isZero();
                letGo.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(err).contains("postdesk: Waiting for a lock held by session", "application psql-in-a-test");
            assertThat(new Migrations(db.dataSource()).status().isUpToDate()).isTrue();
        }
    }

    private int run(String input, String... args) {
        ConsoleCapture run = ConsoleCapture.answering(input, args);
        out = run.out();
        err = run.err();
        return run.exitCode();
    }
}
