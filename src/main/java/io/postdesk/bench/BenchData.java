package io.postdesk.bench;

import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * The benchmark's data: {@code bench/generate.sql} run once, set-based, into an empty database,
 * then reused. A table {@code postdesk_bench} records the size it was made at; a database with
 * posts but without that table belongs to someone, and the benchmark refuses to write to it.
 */
final class BenchData {
    private final DatabaseUrl url;
    private final PrintStream log;

    BenchData(DatabaseUrl url, PrintStream log) {
        this.url = url;
        this.log = log;
    }

    /** The size to generate: users, posts, the first user's post count and the sentence pool. */
    record Size(int users, int posts) {
        Size {
            if (users < 10 || posts < 100) {
                throw new IllegalArgumentException("The benchmark needs at least 10 users and 100 posts.");
            }
        }

        int prolific() {
            return Math.min(5_000, posts / 4);
        }

        int sentences() {
            return Math.min(200_000, Math.max(1_000, posts / 5));
        }

        String apply(String script) {
            return script.replace("${users}", Integer.toString(users)).replace("${posts}", Integer.toString(posts))
                    .replace("${prolific}", Integer.toString(prolific()))
                    .replace("${sentences}", Integer.toString(sentences()));
        }
    }

    /** Generates the data unless this database already holds benchmark data of that size. */
    void ensure(Size size) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            Size existing = existing(s);
            if (existing != null) {
                if (!existing.equals(size)) {
                    throw new IllegalStateException("This database holds benchmark data of " + existing.users()
                            + " users and " + existing.posts() + " posts, not " + size.users() + " and " + size.posts()
                            + "; use another --data-dir or database, or the same sizes.");
                }
                log.printf("Reusing the benchmark data: %,d users, %,d posts.%n", size.users(), size.posts());
                return;
            }
            if (hasRows(s)) {
                throw new IllegalStateException("The database already has users or posts that are not benchmark data;"
                        + " the benchmark writes " + size.posts() + " posts and changes them. Point it at an empty database.");
            }
            generate(s, size);
        }
    }

    private void generate(Statement s, Size size) throws SQLException {
        log.printf("Generating %,d users and %,d posts (once; at full size this takes about ten minutes)…%n",
                size.users(), size.posts());
        Flyway.configure().dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:db/migration").table(Migrations.HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").target("2").load().migrate();
        for (String statement : statements(size)) {
            long start = System.nanoTime();
            s.execute(statement);
            log.printf("%7.1f s  %s%n", (System.nanoTime() - start) / 1e9, firstLine(statement));
        }
        long start = System.nanoTime();
        try (var pool = ConnectionPool.create(url, PoolSettings.DEFAULTS, false)) {
            new Migrations(pool).migrate();
        }
        log.printf("%7.1f s  later migrations (search and paging indexes) on the full tables%n",
                (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        s.execute("VACUUM (ANALYZE) users");
        s.execute("VACUUM (ANALYZE) posts");
        s.execute("CREATE TABLE postdesk_bench (users int NOT NULL, posts int NOT NULL,"
                + " generated_at timestamptz NOT NULL DEFAULT now())");
        s.execute("INSERT INTO postdesk_bench (users, posts) VALUES (" + size.users() + ", " + size.posts() + ")");
        log.printf("%7.1f s  VACUUM ANALYZE%n", (System.nanoTime() - start) / 1e9);
    }

    private static Size existing(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('postdesk_bench') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT users, posts FROM postdesk_bench")) {
            return rs.next() ? new Size(rs.getInt(1), rs.getInt(2)) : null;
        }
    }

    private static boolean hasRows(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('posts') IS NOT NULL AND to_regclass('users') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM posts) OR EXISTS (SELECT 1 FROM users)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    /** The script's statements: each ends with ";" at the end of a line; "--" lines are comments. */
    static List<String> statements(Size size) {
        try (InputStream in = Objects.requireNonNull(BenchData.class.getResourceAsStream("/bench/generate.sql"))) {
            String script = size.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            String withoutComments = String.join("\n", script.lines().filter(line -> !line.trim().startsWith("--")).toList());
            return Arrays.stream((withoutComments + "\n").split(";\\s*\\n")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String statement) {
        String line = statement.lines().findFirst().orElse("");
        return line.length() > 90 ? line.substring(0, 90) + "…" : line;
    }
}
