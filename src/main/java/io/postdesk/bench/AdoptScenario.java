package io.postdesk.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.Migrations;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * Adopting a live blog: a copy of the benchmark's users and posts in a blog database made by the
 * tutorial's SQL (TIMESTAMP columns, idx_posts_published), migrated by PostDesk while a reader runs
 * the blog's front page query and a writer adds and publishes posts, each every 100 ms. Reports the
 * longest wait of each (goal: under a second) beside the migration's total time.
 */
final class AdoptScenario {
    static final String BLOG_READ = "select title from posts order by created_at desc limit 20";
    private static final String SCENARIO = "adopt a live blog (migrate)";
    private static final long PROBE_EVERY_MILLIS = 100;

    private final DatabaseUrl benchUrl;
    private final Connection benchData;
    private final Scenarios scenarios;
    private final PrintStream log;

    AdoptScenario(DatabaseUrl benchUrl, Connection benchData, Scenarios scenarios, PrintStream log) {
        this.benchUrl = benchUrl;
        this.benchData = benchData;
        this.scenarios = scenarios;
        this.log = log;
    }

    void run() {
        Goal goal = Goal.p50Under(1_000);
        DatabaseUrl blogUrl = new DatabaseUrl(benchUrl.host(), benchUrl.port(), benchUrl.database() + "_adopt",
                benchUrl.user(), benchUrl.password(), benchUrl.parameters());
        try {
            createBlog(blogUrl);
            try (HikariDataSource pool = ConnectionPool.create(blogUrl, PoolSettings.DEFAULTS, false);
                 Probe reader = new Probe(blogUrl, "read");
                 Probe writer = new Probe(blogUrl, "write")) {
                List<String> ids = somePostIds(blogUrl);
                reader.start(c -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(BLOG_READ)) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                });
                writer.start(c -> write(c, ids));
                long started = System.nanoTime();
                new Migrations(pool).migrate(line -> log.println("  " + line));
                double migrateMillis = (System.nanoTime() - started) / 1e6;
                reader.stop();
                writer.stop();
                String total = String.format("migrate %.0f s", migrateMillis / 1000);
                scenarios.add(reader.row(SCENARIO + ": longest blog read", total, goal));
                scenarios.add(writer.row(SCENARIO + ": longest blog write", total, goal));
            }
        } catch (Exception e) {
            scenarios.add(Row.failed(SCENARIO, goal, e));
        } finally {
            dropBlog(blogUrl);
        }
    }

    /** The copy is the scenario's own; a next run makes it again from the benchmark's data. */
    private void dropBlog(DatabaseUrl blogUrl) {
        try (Statement s = benchData.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + blogUrl.database() + " WITH (FORCE)");
        } catch (SQLException e) {
            log.println("Could not drop " + blogUrl.database() + ": " + e.getMessage());
        }
    }

    /** The blog as the tutorial makes it, filled with the benchmark's users and posts (not measured). */
    private void createBlog(DatabaseUrl blogUrl) throws Exception {
        long started = System.nanoTime();
        try (Statement s = benchData.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + blogUrl.database() + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + blogUrl.database() + " TEMPLATE template0");
        }
        try (Connection blog = connect(blogUrl); Statement s = blog.createStatement()) {
            s.execute(tutorialSchema());
            copy(blog, "users", "id, username, email, password_hash, created_at, updated_at");
            copy(blog, "posts", "id, user_id, title, content, published, created_at, updated_at");
            s.execute("VACUUM ANALYZE");
        }
        log.printf("(a blog made by the tutorial's SQL with the benchmark's data: %.0f s, not measured)%n",
                (System.nanoTime() - started) / 1e9);
    }

    static String tutorialSchema() throws IOException {
        try (InputStream in = Objects.requireNonNull(AdoptScenario.class.getResourceAsStream("tutorial-blog.sql"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** COPY from the benchmark's database straight into the blog's, through a pipe. */
    private void copy(Connection blog, String table, String columns) throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        CompletableFuture<Long> reading = CompletableFuture.supplyAsync(() -> {
            try (out) {
                return benchData.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY " + table + " (" + columns + ") TO STDOUT", out);
            } catch (SQLException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (in) {
            blog.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN", in);
        }
        reading.join();
    }

    private static List<String> somePostIds(DatabaseUrl blogUrl) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = connect(blogUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM posts TABLESAMPLE SYSTEM (1) LIMIT 1000")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** What the blog does: a new draft, and publishing an older post. */
    private static void write(Connection c, List<String> ids) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO posts (user_id, title, content)"
                + " SELECT user_id, 'A new draft', 'written while PostDesk migrates' FROM posts WHERE id = ?::uuid");
             PreparedStatement publish = c.prepareStatement(
                     "UPDATE posts SET published = NOT published, updated_at = now() WHERE id = ?::uuid")) {
            insert.setString(1, ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
            insert.executeUpdate();
            publish.setString(1, ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
            publish.executeUpdate();
        }
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    /** One statement every 100 ms on its own connection, recording the longest. */
    private static final class Probe implements AutoCloseable {
        interface Work {
            void run(Connection connection) throws SQLException;
        }

        private final Connection connection;
        private final String name;
        private final ScheduledExecutorService timer;
        private final AtomicLong longestNanos = new AtomicLong();
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();

        Probe(DatabaseUrl url, String name) throws SQLException {
            this.connection = connect(url);
            this.name = name;
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "bench-adopt-" + name);
                thread.setDaemon(true);
                return thread;
            });
        }

        void start(Work work) {
            timer.scheduleWithFixedDelay(() -> {
                long started = System.nanoTime();
                try {
                    work.run(connection);
                } catch (SQLException e) {
                    failures.incrementAndGet();
                }
                count.incrementAndGet();
                longestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
            }, 0, PROBE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.MINUTES);
        }

        Row row(String scenario, String migrateTotal, Goal goal) {
            String result = String.format("%s, %,d %ss%s", migrateTotal, count.get(), name,
                    failures.get() == 0 ? "" : ", " + failures.get() + " failed");
            return new Row(scenario, new Timings(new double[] {longestNanos.get() / 1e6}), null, result, goal, null);
        }

        @Override
        public void close() throws SQLException {
            timer.shutdownNow();
            connection.close();
        }
    }
}
