package io.postdesk.bench;

import io.postdesk.config.DatabaseUrl;
import io.postdesk.db.EmbeddedDatabase;
import io.postdesk.db.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;

/**
 * The benchmark's own embedded PostgreSQL (the class users run), in a folder of its own, with
 * 1,000,000 posts loaded once by {@code bench/generate.sql}. Besides the data it differs from a
 * user's database only in what measuring needs: pg_stat_statements (database time per call),
 * auto_explain (plans of slow statements, in {@code pgdata/log}) and room for the one-time
 * load's write-ahead log. Memory settings are PostgreSQL's defaults, as on a user's machine.
 */
final class BenchServer {
    static final long POSTS = 1_000_000;

    private BenchServer() {
    }

    /**
     * Starts the server; the first time, configures it, restarts it and loads the data.
     *
     * @param explain log the plans of statements slower than 25 ms; measuring them costs time,
     *                so the figures are taken without
     */
    static EmbeddedDatabase start(Path folder, boolean explain) throws SQLException, IOException {
        EmbeddedDatabase server = EmbeddedDatabase.start(folder);
        if (!preloadsStatistics(server.url())) {
            configure(server.url());
            server.close();
            server = EmbeddedDatabase.start(folder);
        }
        try (Connection c = connect(server.url()); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET auto_explain.log_min_duration = " + (explain ? "'25ms'" : "-1"));
            s.execute("SELECT pg_reload_conf()");
        }
        load(server.url());
        return server;
    }

    static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    private static boolean preloadsStatistics(DatabaseUrl url) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW shared_preload_libraries")) {
            rs.next();
            return rs.getString(1).contains("pg_stat_statements");
        }
    }

    private static void configure(DatabaseUrl url) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET shared_preload_libraries = pg_stat_statements, auto_explain");
            s.execute("ALTER SYSTEM SET pg_stat_statements.track_planning = on");
            s.execute("ALTER SYSTEM SET auto_explain.log_analyze = on");
            s.execute("ALTER SYSTEM SET auto_explain.log_buffers = on");
            s.execute("ALTER SYSTEM SET logging_collector = on");
            s.execute("ALTER SYSTEM SET max_wal_size = '8GB'");
        }
    }

    private static void load(DatabaseUrl url) throws SQLException, IOException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            if (hasPosts(s)) {
                return;
            }
            Flyway.configure().dataSource(url.jdbcUrl(), url.user(), url.password())
                    .locations("classpath:db/migration").table("postdesk_schema_history")
                    .baselineOnMigrate(true).baselineVersion("0").target("2").load().migrate();
            for (String statement : statements()) {
                long start = System.nanoTime();
                s.execute(statement);
                System.out.printf("%6.1f s  %s%n", (System.nanoTime() - start) / 1e9, firstLine(statement));
            }
            long start = System.nanoTime();
            try (var pool = io.postdesk.db.ConnectionPool.create(url, io.postdesk.config.PoolSettings.DEFAULTS, false)) {
                new Migrations(pool).migrate();
            }
            System.out.printf("%6.1f s  later migrations (V3: trigram and keyset indexes) on the full tables%n",
                    (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            s.execute("VACUUM (ANALYZE) users");
            s.execute("VACUUM (ANALYZE) posts");
            System.out.printf("%6.1f s  VACUUM ANALYZE%n", (System.nanoTime() - start) / 1e9);
        }
    }

    private static boolean hasPosts(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('posts') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM posts)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The script's statements: each ends with ";" at the end of a line; "--" lines are comments. */
    private static List<String> statements() throws IOException {
        try (InputStream in = Objects.requireNonNull(BenchServer.class.getResourceAsStream("/bench/generate.sql"))) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String withoutComments = script.lines().filter(line -> !line.trim().startsWith("--"))
                    .reduce("", (a, b) -> a + b + "\n");
            return Arrays.stream(withoutComments.split(";\\s*\\n")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
    }

    private static String firstLine(String statement) {
        String line = statement.lines().findFirst().orElse("");
        return line.length() > 90 ? line.substring(0, 90) + "…" : line;
    }
}
