package io.postdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Counts the posts of every UTC day into {@code postdesk_post_days} (V6) while the blog writes,
 * without making a writer wait: a few days at a time, each batch one statement that takes no lock
 * a read or write waits for (ACCESS SHARE on posts, ROW EXCLUSIVE on the day table).
 *
 * <p>The triggers are in place first. Each batch writes, per day of its range, the number of
 * posts in its snapshot minus the sum of the day's rows in that same snapshot. A writer's posts
 * and its trigger's rows commit together, so a write is either in the snapshot (counted, and its
 * row cancelled) or not (its row stays and counts it): every day ends exact, whatever the blog
 * wrote meanwhile and whatever rows an earlier, interrupted run left. So a batch can run any
 * number of times, and an interrupted recount is simply run again.
 */
final class PostDayRecount {
    /** About this many posts per statement: a fraction of a second each at 1M posts. */
    static final long POSTS_PER_BATCH = 100_000;
    private static final String CORRECTION = "INSERT INTO postdesk_post_days (day, posts)"
            + " SELECT day, sum(posts) FROM ("
            + "SELECT postdesk_post_day(created_at) AS day, count(*) AS posts FROM posts WHERE %1$s GROUP BY 1"
            + " UNION ALL SELECT day, -sum(posts) FROM postdesk_post_days WHERE %2$s GROUP BY day"
            + ") AS change GROUP BY day HAVING sum(posts) <> 0";

    private final OnlineDdl ddl;
    private final Connection connection;
    private final long postsPerBatch;

    PostDayRecount(OnlineDdl ddl) {
        this(ddl, POSTS_PER_BATCH);
    }

    /** With batches of about {@code postsPerBatch} posts (tests make them small). */
    PostDayRecount(OnlineDdl ddl, long postsPerBatch) {
        this.ddl = ddl;
        this.connection = ddl.connection();
        this.postsPerBatch = postsPerBatch;
    }

    /**
     * Counts every day again, in batches. The session runs in UTC meanwhile, so a TIMESTAMP
     * created_at compares with the batch bounds as the day function reads it (UTC wall-clock).
     */
    void run(MigrationProgress progress, String step) throws SQLException {
        String zone = ddl.setting("TimeZone");
        ddl.set("TimeZone", "UTC");
        try {
            Instant[] range = finiteDays();
            if (range == null) {
                batch(null, null);
                return;
            }
            long days = ChronoUnit.DAYS.between(range[0], range[1]) + 1;
            long batches = Math.max(1, Math.min(days, (estimatedPosts() + postsPerBatch - 1) / postsPerBatch));
            long daysPerBatch = (days + batches - 1) / batches;
            Instant from = null;
            for (long done = 0; done < days; done += daysPerBatch) {
                Instant to = done + daysPerBatch >= days ? null : range[0].plus(done + daysPerBatch, ChronoUnit.DAYS);
                batch(from, to);
                from = to;
                if (batches > 1) {
                    progress.report(String.format("%s: counting posts by day, %d%%", step,
                            Math.min(100, (done + daysPerBatch) * 100 / days)));
                }
            }
        } finally {
            ddl.set("TimeZone", zone);
        }
    }

    /** Days from {@code from} (null: from -infinity) up to before {@code to} (null: through infinity). */
    void batch(Instant from, Instant to) throws SQLException {
        String posts = bounds("created_at", from, to);
        String rows = bounds("day", from, to);
        ddl.runPrepared(String.format(CORRECTION, posts, rows), statement -> {
            int index = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (Instant bound : new Instant[] {from, to}) {
                    if (bound != null) {
                        statement.setObject(index++, OffsetDateTime.ofInstant(bound, ZoneOffset.UTC));
                    }
                }
            }
        });
    }

    private static String bounds(String column, Instant from, Instant to) {
        if (from == null && to == null) {
            return "true";
        }
        String lower = from == null ? null : column + " >= ?::timestamptz";
        String upper = to == null ? null : column + " < ?::timestamptz";
        return lower == null ? upper : upper == null ? lower : lower + " AND " + upper;
    }

    /** The first and last UTC day with a finite post (two index probes); null when there is none. */
    private Instant[] finiteDays() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT postdesk_post_day(min(created_at)), postdesk_post_day(max(created_at))"
                        + " FROM posts WHERE created_at > '-infinity' AND created_at < 'infinity'")) {
            rs.next();
            OffsetDateTime first = rs.getObject(1, OffsetDateTime.class);
            OffsetDateTime last = rs.getObject(2, OffsetDateTime.class);
            return first == null ? null : new Instant[] {first.toInstant(), last.toInstant()};
        }
    }

    private long estimatedPosts() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'posts'::regclass")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
