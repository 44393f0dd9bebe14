package io.postdesk.bench;

import io.postdesk.config.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.postgresql.PGConnection;

/**
 * A blog database made by the tutorial's SQL (TIMESTAMP columns, idx_posts_published) beside the
 * benchmark's database on the same server, filled with a copy of the benchmark's users and posts.
 * The adopt scenario migrates one while it is probed; the export scenario exports from one that
 * PostDesk has migrated, so both schemas are measured on the same rows.
 */
final class TutorialBlog {
    /** The tutorial's schema, the one copy PostDesk keeps (tests read it from here too). */
    static final String SCHEMA_RESOURCE = "/io/postdesk/bench/tutorial-blog.sql";

    private TutorialBlog() {
    }

    /** The database named {@code <benchmark database>_<suffix>} on the benchmark's server. */
    static DatabaseUrl beside(DatabaseUrl benchUrl, String suffix) {
        return new DatabaseUrl(benchUrl.host(), benchUrl.port(), benchUrl.database() + "_" + suffix,
                benchUrl.user(), benchUrl.password(), benchUrl.parameters());
    }

    static String schema() throws IOException {
        try (InputStream in = Objects.requireNonNull(TutorialBlog.class.getResourceAsStream(SCHEMA_RESOURCE))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Makes {@code blogUrl}'s database afresh: the tutorial's schema, the benchmark's rows, VACUUM ANALYZE. */
    static void create(DatabaseUrl blogUrl, Connection benchData, PrintStream log) throws Exception {
        long started = System.nanoTime();
        drop(blogUrl, benchData);
        try (Statement s = benchData.createStatement()) {
            s.execute("CREATE DATABASE " + blogUrl.database() + " TEMPLATE template0");
        }
        try (Connection blog = connect(blogUrl); Statement s = blog.createStatement()) {
            s.execute(schema());
            copy(benchData, blog, "users", "id, username, email, password_hash, created_at, updated_at");
            copy(benchData, blog, "posts", "id, user_id, title, content, published, created_at, updated_at");
            s.execute("VACUUM ANALYZE");
        }
        log.printf("(a blog made by the tutorial's SQL with the benchmark's data, %s: %.0f s, not measured)%n",
                blogUrl.database(), (System.nanoTime() - started) / 1e9);
    }

    static void drop(DatabaseUrl blogUrl, Connection benchData) throws SQLException {
        try (Statement s = benchData.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + blogUrl.database() + " WITH (FORCE)");
        }
    }

    /** Whether the database exists, was marked by {@link #mark}, with this many posts. */
    static boolean holds(DatabaseUrl blogUrl, Connection benchData, int posts) throws SQLException {
        try (PreparedStatement exists = benchData.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, blogUrl.database());
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        try (Connection blog = connect(blogUrl); Statement s = blog.createStatement();
             ResultSet rs = s.executeQuery("SELECT CASE WHEN to_regclass('postdesk_bench_copy') IS NULL THEN -1"
                     + " ELSE (SELECT max(posts) FROM postdesk_bench_copy) END")) {
            return rs.next() && rs.getInt(1) == posts;
        }
    }

    /** The benchmark's posts, which a copy holds as well. */
    static int countPosts(Connection benchData) throws SQLException {
        try (Statement s = benchData.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM posts")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Marks a finished copy (made and migrated), so a later run reuses it. */
    static void mark(DatabaseUrl blogUrl, int posts) throws SQLException {
        try (Connection blog = connect(blogUrl); Statement s = blog.createStatement()) {
            s.execute("CREATE TABLE postdesk_bench_copy (posts int NOT NULL)");
            s.execute("INSERT INTO postdesk_bench_copy VALUES (" + posts + ")");
        }
    }

    static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    /**
     * COPY from the benchmark's database straight into the blog's, through a pipe. Both sessions in
     * UTC: a timestamptz leaves as UTC text, and a TIMESTAMP column keeps that UTC wall-clock time
     * (PostDesk's rule for TIMESTAMP columns), whatever the JVM's zone.
     */
    private static void copy(Connection from, Connection to, String table, String columns) throws Exception {
        try (Statement a = from.createStatement(); Statement b = to.createStatement()) {
            a.execute("SET TIME ZONE 'UTC'");
            b.execute("SET TIME ZONE 'UTC'");
        }
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        CompletableFuture<Long> reading = CompletableFuture.supplyAsync(() -> {
            try (out) {
                return from.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY " + table + " (" + columns + ") TO STDOUT", out);
            } catch (SQLException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (in) {
            to.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN", in);
        }
        reading.join();
    }
}
