package io.postdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI probe as the benchmark runs it: a child JVM, the real window headless, its lines on stdout. */
class UiProbeTest {
    private static final long PROBE_TIMEOUT_SECONDS = 240;
    private static final List<String> STEPS = List.of("search-common", "search-rare", "clear-search",
            "next-page-1", "next-page-2", "next-page-3", "next-page-4", "next-page-5", "last-page", "first-page",
            "sort-by-title", "filter-published", "users-tab", "select-user", "posts-tab", "open-detail");

    private static TestDatabase db;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void seed() {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) SELECT 'user' || n, 'user' || n || '@example.org', 'h'"
                + " FROM generate_series(1, 5) n");
        // 400 posts (8 pages of 50), every third a draft; "quokkafest" in two of them.
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT (SELECT id FROM users WHERE username = 'user' || (1 + n % 5)), 'Post ' || n,"
                + " CASE WHEN n IN (7, 300) THEN 'off to the quokkafest' ELSE 'the text of post ' || n END,"
                + " n % 3 <> 0, timestamptz '2025-01-01' + n * interval '1 hour' FROM generate_series(1, 400) n");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void drivesTheWindowThroughEveryStepAndReportsThePulseGaps() throws Exception {
        Result probe = run("--database-url", db.urlText(), "--data-dir", dataFolder.toString(), "--scenarios");

        assertThat(probe.exitCode()).as(probe.describe()).isZero();
        assertThat(probe.stdout()).as(probe.describe()).contains("first-page-painted");
        String phases = line(probe, "startup-phases ");
        assertThat(phases).contains(" main=", " window=", " read-ahead=", " schema-check=", " ready=", " first-page=",
                " first-paint=");
        assertThat(probe.stdout().indexOf("first-page-painted")).isLessThan(probe.stdout().indexOf("startup-phases"));
        for (String step : STEPS) {
            assertThat(line(probe, "pulse-gap " + step + " ")).matches("pulse-gap " + step + " \\d+");
        }
        long max = Long.parseLong(line(probe, "max-pulse-gap-ms ").substring("max-pulse-gap-ms ".length()));
        long largestStep = STEPS.stream()
                .mapToLong(step -> Long.parseLong(line(probe, "pulse-gap " + step + " ").replaceAll(".* ", "")))
                .max().orElseThrow();
        assertThat(max).isEqualTo(largestStep).isPositive();
    }

    @Test
    void aStepThatCannotBeDoneEndsWithOneLineAndExitCode1() throws Exception {
        try (TestDatabase few = TestDatabase.create()) {
            few.sql("INSERT INTO users (username, email, password_hash) VALUES ('solo', 'solo@example.org', 'h')");
            few.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'Only one', 'the text', true"
                    + " FROM users");

            Result probe = run("--database-url", few.urlText(), "--data-dir", dataFolder.toString(), "--scenarios");

            assertThat(probe.exitCode()).as(probe.describe()).isEqualTo(1);
            assertThat(probe.stdout()).contains("first-page-painted", "pulse-gap clear-search ")
                    .doesNotContain("max-pulse-gap-ms");
            assertThat(probe.stderr()).as(probe.describe()).contains(
                    "ui-probe: step next-page-1 failed: IllegalStateException: there is no page 2 of posts to step to");
        }
    }

    @Test
    void anUnknownOptionEndsWithExitCode2() throws Exception {
        Result probe = run("--no-such-option");

        assertThat(probe.exitCode()).isEqualTo(2);
        assertThat(probe.stderr()).contains("ui-probe: unknown option --no-such-option");
        assertThat(probe.stdout()).isEmpty();
    }

    private static String line(Result probe, String prefix) {
        return probe.stdout().lines().filter(text -> text.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + "...\n" + probe.describe()));
    }

    private record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr (last lines)\n"
                    + String.join("\n", stderr.lines().skip(Math.max(0, stderr.lines().count() - 15)).toList());
        }
    }

    /** The probe in a JVM of its own, with this JVM's java and class path, as the benchmark starts it. */
    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UiProbe.class.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataFolder, "probe", ".out");
        Path err = Files.createTempFile(dataFolder, "probe", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the probe did not end within " + PROBE_TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
