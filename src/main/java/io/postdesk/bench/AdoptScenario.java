package io.postdesk.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.Migrations;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adopting a live blog: a copy of the benchmark's users and posts in a blog database made by the
 * tutorial's SQL (TIMESTAMP columns, idx_posts_published), migrated by PostDesk while a reader runs
 * the blog's front page query and a writer adds and publishes posts, each every 100 ms. Reports the
 * longest wait of each (goal: under a second) beside the migration's total time, and the longest of
 * it spent waiting for a lock ({@link LockWaitWatch}): until V3 has built the created_at index the
 * front page query reads every post, and on a loaded machine that alone can take seconds.
 */
final class AdoptScenario {
    static final String BLOG_READ = "select title from posts order by created_at desc limit 20";
    private static final String SCENARIO = "adopt a live blog (migrate)";
    private static final long PROBE_EVERY_MILLIS = 100;
    private static final long SLOW_NANOS = 300_000_000;

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
        DatabaseUrl blogUrl = TutorialBlog.beside(benchUrl, "adopt");
        try {
            TutorialBlog.create(blogUrl, benchData, log);
            try (HikariDataSource pool = ConnectionPool.create(blogUrl, PoolSettings.DEFAULTS, false);
                 Probe reader = new Probe(blogUrl, "read", log);
                 Probe writer = new Probe(blogUrl, "write", log);
                 LockWaitWatch locks = new LockWaitWatch(connect(blogUrl), reader.pid(), writer.pid())) {
                List<String> ids = somePostIds(blogUrl);
                long started = System.nanoTime();
                reader.start(c -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(BLOG_READ)) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                });
                writer.start(c -> write(c, ids));
                new Migrations(pool).migrate(line -> log.printf("  %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, line));
                double migrateMillis = (System.nanoTime() - started) / 1e6;
                reader.stop();
                writer.stop();
                String total = String.format("migrate %.0f s", migrateMillis / 1000);
                scenarios.add(reader.row(SCENARIO + ": longest blog read", total, goal));
                scenarios.add(writer.row(SCENARIO + ": longest blog write", total, goal));
                double lockWait = Math.max(locks.longestMillis(reader.pid()), locks.longestMillis(writer.pid()));
                scenarios.add(new Row(SCENARIO + ": longest lock wait of a blog read or write",
                        Timings.of(lockWait), null, total, goal, null));
            }
            keepForTheExport(blogUrl);
        } catch (Exception e) {
            scenarios.add(Row.failed(SCENARIO, goal, e));
        } finally {
            dropBlog(blogUrl);
        }
    }

    /**
     * The migrated blog, without the writer's new drafts, becomes the export scenario's copy of the
     * tutorial's schema when there is none yet: making one takes as long as this migration did.
     */
    private void keepForTheExport(DatabaseUrl blogUrl) throws SQLException {
        DatabaseUrl copy = TutorialBlog.beside(benchUrl, "tutorial");
        int posts = TutorialBlog.countPosts(benchData);
        if (TutorialBlog.holds(copy, benchData, posts)) {
            return;
        }
        try (Connection blog = connect(blogUrl); Statement s = blog.createStatement()) {
            s.execute("DELETE FROM posts WHERE title = 'A new draft' AND content = 'written while PostDesk migrates'");
            s.execute("VACUUM ANALYZE posts");
        }
        TutorialBlog.drop(copy, benchData);
        try (Statement s = benchData.createStatement()) {
            s.execute("ALTER DATABASE " + blogUrl.database() + " RENAME TO " + copy.database());
        }
        TutorialBlog.mark(copy, posts);
        log.println("(the migrated blog is kept as " + copy.database() + " for the export scenario)");
    }

    /** The copy is the scenario's own; a next run makes it again from the benchmark's data. */
    private void dropBlog(DatabaseUrl blogUrl) {
        try {
            TutorialBlog.drop(blogUrl, benchData);
        } catch (SQLException e) {
            log.println("Could not drop " + blogUrl.database() + ": " + e.getMessage());
        }
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
        return TutorialBlog.connect(url);
    }

    /** One statement every 100 ms on its own connection, recording the longest. */
    private static final class Probe implements AutoCloseable {
        interface Work {
            void run(Connection connection) throws SQLException;
        }

        private final Connection connection;
        private final String name;
        private final PrintStream log;
        private final ScheduledExecutorService timer;
        private final AtomicLong longestNanos = new AtomicLong();
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();

        Probe(DatabaseUrl url, String name, PrintStream log) throws SQLException {
            this.connection = connect(url);
            this.name = name;
            this.log = log;
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
                long took = System.nanoTime() - started;
                longestNanos.accumulateAndGet(took, Math::max);
                if (took > SLOW_NANOS) {
                    // Beside the migration's progress lines, so a long wait can be put down to its step.
                    log.printf("  (a blog %s took %,.0f ms)%n", name, took / 1e6);
                }
            }, 0, PROBE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.MINUTES);
        }

        int pid() throws SQLException {
            return connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
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
