package io.postdesk.bench;

import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.DatabaseUrlParser;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.EmbeddedDatabase;
import io.postdesk.db.Migrations;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.model.CsvOptions;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.service.BulkPublishing;
import io.postdesk.service.CsvExport;
import io.postdesk.store.AuditStore;
import io.postdesk.store.BulkPublishStore;
import io.postdesk.store.ExportStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.SessionFactory;

/**
 * Export of every post (all columns, newest first) against psql's {@code \copy} on the same data
 * in the same round, and bulk publish of 100,000 posts. Not a test: run on demand with the JVM
 * capped, e.g. {@code java -Xmx256m -cp ... io.postdesk.bench.ExportBenchmark [FOLDER] [--rounds=N]
 * [--no-publish] [--read-only] [--url=postgresql://...]}.
 * Uses the browse benchmark's data ({@link BenchServer}, generated once into target/bench-postgres).
 *
 * <p>Two psql baselines per round: {@code \copy} of the plain query (the raw columns: what the
 * 1.2x goal is measured against) and of the export's own SELECT (the value formats included).
 * {@code --read-only} leaves the data as it is: the server in FOLDER is started as it is (or the
 * running one at {@code --url} is used), without the benchmark's configuration, migrations or the
 * bulk publish rounds.
 */
public final class ExportBenchmark {
    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        boolean readOnly = options.contains("--read-only") || options.stream().anyMatch(a -> a.startsWith("--url="));
        boolean publish = !options.contains("--no-publish") && !readOnly;
        int rounds = options.stream().filter(a -> a.startsWith("--rounds=")).map(a -> Integer.parseInt(a.substring(9)))
                .findFirst().orElse(2);
        String url = options.stream().filter(a -> a.startsWith("--url=")).map(a -> a.substring(6)).findFirst()
                .orElse(null);
        Path folder = Path.of(options.stream().filter(a -> !a.startsWith("--")).findFirst()
                .orElse("target/bench-postgres")).toAbsolutePath();
        Path out = Path.of("target").toAbsolutePath();
        try (EmbeddedDatabase server = url != null ? null
                     : readOnly ? EmbeddedDatabase.start(folder) : BenchServer.start(folder, false)) {
            DatabaseUrl database = url != null ? DatabaseUrlParser.parse(url, "--url") : server.url();
            run(database, readOnly, publish, rounds, out);
        }
    }

    private static void run(DatabaseUrl database, boolean readOnly, boolean publish, int rounds, Path out)
            throws Exception {
        try (var pool = ConnectionPool.create(database, PoolSettings.DEFAULTS, false);
             SessionFactory hibernate = SessionFactories.create(pool)) {
            // The browse benchmark's load applies them; a load that was interrupted after the data has not.
            if (!new Migrations(pool).status().pending().isEmpty() && readOnly) {
                System.out.println("pending migrations (not applied: read-only); the plans may differ from a migrated database");
            } else if (!new Migrations(pool).status().pending().isEmpty()) {
                long start = System.nanoTime();
                new Migrations(pool).migrate();
                try (Connection c = BenchServer.connect(database); Statement s = c.createStatement()) {
                    s.execute("VACUUM (ANALYZE) posts");
                    s.execute("VACUUM (ANALYZE) users");
                }
                System.out.printf("%6.1f s  pending migrations and VACUUM ANALYZE%n", seconds(start));
            }
            Transactions transactions = new Transactions(hibernate);
            long posts = count(database, "SELECT count(*) FROM posts");
            System.out.printf("posts: %,d; JVM max heap %d MB; %d CPUs; psql %s%n", posts,
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                    run(List.of("psql", "--version")).trim());

            List<ExportColumn.Post> columns = List.of(ExportColumn.Post.values());
            String plain = ExportStore.postsQueryText(columns, PostSort.NEWEST_FIRST);
            String formatted = ExportStore.postsExportText(columns, PostSort.NEWEST_FIRST, CsvOptions.DEFAULTS);
            CsvExport export = new CsvExport(transactions, new ExportStore());
            Path javaFile = out.resolve("bench-export.csv");
            Path psqlFile = out.resolve("bench-psql.csv");
            System.out.println("plain query: " + plain);
            System.out.println("export query: " + formatted);
            List<Double> psqlPlain = new ArrayList<>();
            List<Double> psqlFormatted = new ArrayList<>();
            List<Double> postdesk = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Long> peaks = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double psql = psqlCopy(database, plain, psqlFile);
                long psqlBytes = Files.size(psqlFile);
                double psqlFormats = psqlCopy(database, formatted, psqlFile);
                resetPeaks();
                long start = System.nanoTime();
                long rows = export.posts(javaFile, PostFilter.NONE, PostSort.NEWEST_FIRST, columns, CsvOptions.DEFAULTS,
                        null, null);
                double java = seconds(start);
                long peak = peakHeapMb();
                psqlPlain.add(psql);
                psqlFormatted.add(psqlFormats);
                postdesk.add(java);
                ratios.add(java / psql);
                peaks.add(peak);
                System.out.printf("round %d: psql \\copy plain %.2f s (%,d MB), with the export's formats %.2f s;"
                                + " PostDesk export %.2f s (%,d rows, %,d MB, %,.0f rows/s, peak heap %d MB): %.2fx plain,"
                                + " %.2fx formats%n", round, psql, psqlBytes >> 20, psqlFormats, java, rows,
                        Files.size(javaFile) >> 20, rows / java, peak, java / psql, java / psqlFormats);
            }
            System.out.printf("medians of %d rounds: psql plain %.2f s, psql with formats %.2f s, PostDesk %.2f s,"
                            + " ratio to plain %.2fx (per round), peak heap %d MB%n", rounds, median(psqlPlain),
                    median(psqlFormatted), median(postdesk), median(ratios),
                    peaks.stream().mapToLong(Long::longValue).max().orElse(0));

            if (!publish) {
                return;
            }
            BulkPublishing publishing = new BulkPublishing(transactions, new BulkPublishStore(), new AuditStore("bench"));
            List<UUID> ids = new ArrayList<>();
            try (Connection c = BenchServer.connect(database); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM posts ORDER BY created_at DESC, id LIMIT 100000")) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            Instant from;
            try (Connection c = BenchServer.connect(database); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT created_at FROM posts ORDER BY created_at DESC OFFSET 99999 LIMIT 1")) {
                rs.next();
                from = rs.getObject(1, OffsetDateTime.class).toInstant();
            }
            PostFilter newest = PostFilter.NONE.withCreatedFrom(from);
            for (int round = 1; round <= rounds; round++) {
                publishing.apply(ids, false, null, null);
                long start = System.nanoTime();
                long changed = publishing.apply(ids, true, null, null);
                System.out.printf("round %d: publish 100,000 selected ids: %,d changed in %.2f s%n", round, changed,
                        seconds(start));
                publishing.apply(newest, false, null, null);
                start = System.nanoTime();
                changed = publishing.apply(newest, true, null, null);
                System.out.printf("round %d: publish the filter 'created from %s': %,d changed in %.2f s%n", round,
                        from, changed, seconds(start));
            }
        }
    }

    private static double psqlCopy(DatabaseUrl url, String query, Path file) throws Exception {
        long start = System.nanoTime();
        run(List.of("psql", psqlUrl(url), "-X", "-q", "-c", "\\copy (" + query + ") to '" + file + "' csv header"));
        return seconds(start);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String psqlUrl(DatabaseUrl url) {
        return "postgresql://" + url.user() + ":" + url.password() + "@" + url.host() + ":" + url.port() + "/"
                + url.database();
    }

    private static long count(DatabaseUrl url, String query) throws Exception {
        try (Connection c = BenchServer.connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + output);
        }
        return output;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }
}
