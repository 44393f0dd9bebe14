package io.postdesk.cli;

import io.postdesk.bench.Benchmark;
import io.postdesk.config.DataFolders;
import io.postdesk.config.DatabaseUrlParser;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code postdesk bench}: the performance benchmark, on its own data, with a table of results. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure PostDesk on a big database: generates the data once (100,000 users and 1,000,000"
                + " posts take about ten minutes), then times paging, counts, search, a user's posts, bulk publish,"
                + " CSV import, CSV export as a command (on PostDesk's schema and the tutorial's), startup and the window's"
                + " responsiveness, each beside a baseline"
                + " (OFFSET paging, count(*), unindexed search, a plain UPDATE, psql \\copy).",
                "Run it as: java -Xmx256m -jar postdesk.jar bench"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--database-url", paramLabel = "URL", description = "A server database that is empty or holds"
            + " benchmark data (default: a separate embedded database in --data-dir; DATABASE_URL is not used,"
            + " so a benchmark never lands on your blog by accident).")
    private String databaseUrl;

    @Option(names = "--data-dir", paramLabel = "FOLDER",
            description = "The benchmark's embedded database (default: 'benchmark' in PostDesk's data folder).")
    private Path dataDir;

    @Option(names = "--users", defaultValue = "100000", description = "Users to generate (default ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--posts", defaultValue = "1000000", description = "Posts to generate (default ${DEFAULT-VALUE}).")
    private int posts;

    @Option(names = "--runs", defaultValue = "20", description = "Timed runs per browsing scenario (default ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--out", defaultValue = "bench-results.md", paramLabel = "FILE",
            description = "Where the table is written as well (default ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--no-ui", description = "Leave out startup and responsiveness (they start the window headless).")
    private boolean noUi;

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "Run only these parts: ${COMPLETION-CANDIDATES} (comma-separated; default: all).")
    private Set<Benchmark.Part> only;

    private Set<Benchmark.Part> parts() {
        Set<Benchmark.Part> parts = EnumSet.allOf(Benchmark.Part.class);
        if (only != null && !only.isEmpty()) {
            parts = EnumSet.copyOf(only);
        }
        if (noUi) {
            parts.remove(Benchmark.Part.UI);
        }
        if (parts.isEmpty()) {
            throw new CommandFailure("Nothing to run: --only ui together with --no-ui.");
        }
        return parts;
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new CommandFailure("--runs must be 1 or more.");
        }
        Path folder = dataDir != null ? dataDir : DataFolders.forThisUser().resolve("benchmark");
        Benchmark.Options options = new Benchmark.Options(
                databaseUrl == null ? null : DatabaseUrlParser.parse(databaseUrl, "--database-url"),
                folder.toAbsolutePath(), users, posts, runs, out, parts());
        PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            new Benchmark(options, log).run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandFailure(e.getMessage());
        }
        return 0;
    }
}
