package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: with {@code posts} locked by another session, {@code postdesk export} said nothing and
 * Ctrl+C did not end it. Here it runs as a real process (a shutdown hook only runs on a real signal):
 * it says whom it waits for, and SIGINT ends it within a second or so, with no file left behind.
 */
class InterruptTest {
    private static TestDatabase db;

    @TempDir
    Path folder;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void ctrlCEndsAnExportWaitingForALockAtOnce() throws Exception {
        Path out = folder.resolve("posts.csv");
        Path err = folder.resolve("stderr.txt");
        try (Connection blocker = db.sessionLocking("posts", "psql-in-a-test")) {
            Process export = postdesk("export", "posts", "--out", out.toString(), "--database-url", db.urlText());
            try {
                awaitText(export, err, "Waiting for a lock held by session", Duration.ofSeconds(60));
                assertThat(Files.readString(err)).contains("application psql-in-a-test", "Ctrl+C cancels");

                long start = System.nanoTime();
                new ProcessBuilder("kill", "-INT", Long.toString(export.pid())).start().waitFor();

                assertThat(export.waitFor(2, TimeUnit.SECONDS)).as("ended within 2 s of SIGINT").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                assertThat(export.exitValue()).isEqualTo(CommandDatabase.EXIT_INTERRUPTED);
                assertThat(List.of(folder.toFile().list())).containsExactlyInAnyOrder("stdout.txt", "stderr.txt");
            } finally {
                export.destroyForcibly();
            }
        }
    }

    /**
     * A migration stuck behind the lock spends most of its time in pauses between its short tries:
     * Ctrl+C ends those too, so the command ends by itself (not halted by the one-second grace)
     * and the schema stays where it was.
     */
    @Test
    void ctrlCEndsAMigrationStuckBehindALockBetweenItsTries() throws Exception {
        io.postdesk.service.SchemaChanges changes = new io.postdesk.service.SchemaChanges(db.dataSource());
        String latest = changes.currentVersion();
        changes.apply(changes.planTo("8"), line -> { });
        Path err = folder.resolve("stderr.txt");
        try (Connection blocker = db.sessionLocking("posts", "psql-in-a-test")) {
            Process migrate = postdesk("migrate", "--yes", "--database-url", db.urlText());
            try {
                awaitText(migrate, err, "Waiting for a lock held by session", Duration.ofSeconds(60));
                long start = System.nanoTime();
                new ProcessBuilder("kill", "-INT", Long.toString(migrate.pid())).start().waitFor();

                assertThat(migrate.waitFor(2, TimeUnit.SECONDS)).as("ended within 2 s of SIGINT").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                assertThat(migrate.exitValue()).isEqualTo(CommandDatabase.EXIT_INTERRUPTED);
                assertThat(Files.readString(err)).as("ended by itself, not halted").doesNotContain("postdesk: stopped.");
            } finally {
                migrate.destroyForcibly();
            }
        }
        assertThat(changes.currentVersion()).isEqualTo("8");
        changes.apply(changes.planTo(latest), line -> { });
    }

    /** PostDesk's command line as a process of its own, its output in stdout.txt and stderr.txt of the folder. */
    private Process postdesk(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.postdesk.Launcher"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectOutput(folder.resolve("stdout.txt").toFile())
                .redirectError(folder.resolve("stderr.txt").toFile())
                .start();
    }

    /** Waits until the process has written {@code text} to {@code file}; fails when it ends or time runs out. */
    private static void awaitText(Process process, Path file, String text, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The export ended (exit " + process.exitValue() + ") before it said: "
                        + text + "\n" + Files.readString(file));
            }
        }
        throw new AssertionError("Not said within " + timeout + ": " + text + "\n" + Files.readString(file)
                + File.separator);
    }
}
