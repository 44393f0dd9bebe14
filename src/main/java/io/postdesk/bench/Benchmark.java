package io.postdesk.bench;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.EmbeddedDatabase;
import io.postdesk.db.Migrations;
import io.postdesk.model.SchemaStatus;
import io.postdesk.service.DatabaseConnection;
import io.postdesk.service.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The benchmark: data of a given size (generated once), then every scenario of the issue beside
 * its baseline, and the table of results on stdout and in a file. Runs on its own embedded
 * PostgreSQL (never the user's) or on a server named by URL whose database is empty or holds
 * benchmark data already.
 */
public final class Benchmark {

    /**
     * What to run.
     *
     * @param url        a server, or null for the embedded database in {@code dataFolder}
     * @param runs       timed runs of each browsing scenario (p50 and p95 of them)
     * @param parts      which groups of scenarios to run (a whole run at 1M posts takes about half an hour)
     */
    public record Options(DatabaseUrl url, Path dataFolder, int users, int posts, int runs, Path out,
                          Set<Part> parts) {
        public Options {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("Choose at least one part of the benchmark to run.");
            }
            parts = Set.copyOf(parts);
        }
    }

    /** The groups of scenarios, each of which can be run alone. */
    public enum Part {
        /** Pages, counts, searches, a user's posts. */
        BROWSE,
        /** Bulk publish and CSV import (minutes each at 1M posts). */
        WRITE,
        /** The CSV export as a command, on PostDesk's schema and on the tutorial's, beside psql's \copy. */
        EXPORT,
        /** Adopting a live blog made by the tutorial's SQL: migrate while a reader and a writer probe it. */
        ADOPT,
        /** Startup and the longest pulse gap, in a headless child JVM. */
        UI,
        /** What the slow-query capture of the Diagnostics view costs on the first page and searches. */
        CAPTURE,
        /** What the change capture (V9) costs bulk publish and CSV import (issue 15). */
        CDC
    }

    private final Options options;
    private final PrintStream log;

    public Benchmark(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Runs it all; returns the table (also printed and written to {@code out}). */
    public ResultTable run() throws Exception {
        BenchData.Size size = new BenchData.Size(options.users(), options.posts());
        try (EmbeddedDatabase embedded = options.url() == null ? EmbeddedDatabase.start(options.dataFolder()) : null) {
            DatabaseUrl url = embedded != null ? embedded.url() : options.url();
            BenchData data = new BenchData(url, log);
            data.ensure(size);
            try (DatabaseConnection connection = DatabaseConnection.connect(
                    new DatabaseTarget.Server(url, "benchmark"), PoolSettings.DEFAULTS, false);
                 Connection plain = data.connect()) {
                SchemaStatus schema = connection.schema();
                if (!schema.pending().isEmpty()) {
                    connection.migrate();
                    schema = connection.schema();
                }
                Workspace workspace = connection.openWorkspace(schema);
                ResultTable table = new ResultTable();
                Scenarios scenarios = new Scenarios(options.runs(), table, log);
                log.printf("%nPostDesk benchmark on %s: %,d users, %,d posts; JVM max heap %d MB, %d CPUs%n%n",
                        url.displayName(), size.users(), size.posts(), Runtime.getRuntime().maxMemory() >> 20,
                        Runtime.getRuntime().availableProcessors());
                if (options.parts().contains(Part.BROWSE)) {
                    new BrowseScenarios(workspace, plain, scenarios).run();
                }
                if (options.parts().contains(Part.CAPTURE)) {
                    new CaptureOverheadScenarios(connection, workspace, scenarios).run();
                }
                // Before the writes: the blog it migrates is kept as the export's copy of the tutorial's schema.
                if (options.parts().contains(Part.ADOPT)) {
                    new AdoptScenario(url, plain, scenarios, log).run();
                }
                if (options.parts().contains(Part.WRITE)) {
                    WriteScenarios writes = new WriteScenarios(workspace, plain, Psql.find(url), scenarios, workFolder());
                    writes.bulkPublish(Math.min(100_000, size.posts() / 10));
                    writes.importPosts(Math.min(100_000, size.posts() / 10));
                    tidyUp(plain);
                }
                if (options.parts().contains(Part.CDC)) {
                    new ChangeCaptureScenarios(workspace, plain, Psql.find(url), scenarios, workFolder())
                            .run(Math.min(100_000, size.posts() / 2));
                    tidyUp(plain);
                }
                if (options.parts().contains(Part.EXPORT)) {
                    ExportScenarios exports = new ExportScenarios(scenarios, workFolder());
                    exports.export("PostDesk's schema", () -> url);
                    exports.export("tutorial's schema", () -> tutorialCopy(url, plain, size));
                }
                if (options.parts().contains(Part.UI)) {
                    new UiScenarios(url, scenarios, options.dataFolder().resolveSibling(
                            options.dataFolder().getFileName() + "-startup"), log).run();
                }
                report(table, url, size);
                return table;
            }
        }
    }

    /**
     * The write scenarios leave dead row versions (every publish was undone, every import
     * deleted); vacuumed now, so the next run and the UI scenarios find the table as it was.
     */
    private void tidyUp(Connection plain) throws java.sql.SQLException {
        long start = System.nanoTime();
        try (java.sql.Statement s = plain.createStatement()) {
            s.execute("VACUUM (ANALYZE) posts");
        }
        log.printf("(VACUUM after the write scenarios: %.1f s, not measured)%n", (System.nanoTime() - start) / 1e9);
    }

    /**
     * The benchmark's rows in a blog made by the tutorial's SQL and migrated by PostDesk
     * ({@code <database>_tutorial}): made once (minutes at 1M posts, not measured), then reused
     * while it holds as many posts as the benchmark.
     */
    private DatabaseUrl tutorialCopy(DatabaseUrl url, Connection plain, BenchData.Size size) throws Exception {
        DatabaseUrl copy = TutorialBlog.beside(url, "tutorial");
        if (!TutorialBlog.holds(copy, plain, size.posts())) {
            TutorialBlog.create(copy, plain, log);
            long start = System.nanoTime();
            try (var pool = ConnectionPool.create(copy, PoolSettings.DEFAULTS, false)) {
                new Migrations(pool).migrate();
            }
            TutorialBlog.mark(copy, size.posts());
            log.printf("(%s migrated by PostDesk: %.0f s, not measured)%n", copy.database(), (System.nanoTime() - start) / 1e9);
        }
        return copy;
    }

    private Path workFolder() throws IOException {
        Path folder = options.out().toAbsolutePath().getParent();
        Files.createDirectories(folder);
        return folder;
    }

    private void report(ResultTable table, DatabaseUrl url, BenchData.Size size) throws IOException {
        String heading = String.format("PostDesk benchmark, %s, on %s: %,d users, %,d posts, %d CPUs, JVM max heap %d MB,"
                        + " Java %s%n%n", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE),
                url.displayName(), size.users(), size.posts(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        String text = heading + table.render() + String.format("%n%d of %d goals met.%n",
                table.rows().size() - table.failures(), table.rows().size());
        log.println();
        log.print(text);
        Path out = options.out().toAbsolutePath();
        Path temp = Files.createTempFile(out.getParent(), out.getFileName().toString(), ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.println("Written to " + out);
    }
}
