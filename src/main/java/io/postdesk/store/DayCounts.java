package io.postdesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a position of all posts by creation time is, from {@code postdesk_post_days} (V6): the
 * number of posts of each UTC day, kept by triggers for every writer. The day that holds
 * position {@code n} is found by summing the days (a few thousand rows at most), and only that
 * day's posts are counted through, so page 10,000 costs what page 2 does.
 *
 * <p>The table only gains rows (+n, -n per day and statement); {@link #mergeIfDue} folds each
 * day's rows into one once they are many. Everything else stays exact: the row is found in the
 * same statement, so in the same snapshot, as the rows counted.
 */
final class DayCounts implements KeysetPager.Positions {
    /** Merge once there are this many more rows than days. */
    static final long MERGE_AFTER = 2_000;
    private static final Logger log = LoggerFactory.getLogger(DayCounts.class);

    /**
     * The created_at and id of the post at {@code position} (0-based) in created_at order, newest
     * first unless {@code ascending}; no row when there are fewer posts. The day is the first one
     * whose running total passes the position; its bounds are inclusive (the last microsecond of
     * the day, or the infinity itself), so the OFFSET inside it reads one index range.
     */
    @Override
    public Sql rowAt(long position, boolean ascending) {
        String direction = ascending ? "ASC" : "DESC";
        return Sql.of("SELECT b.created_at, b.id FROM ("
                        + "SELECT day AS first_moment, CASE WHEN isfinite(day)"
                        + " THEN day + interval '24 hours' - interval '1 microsecond' ELSE day END AS last_moment,"
                        + " ? - (through - posts) AS skip FROM ("
                        + "SELECT day, posts, sum(posts) OVER (ORDER BY day " + direction + ") AS through FROM ("
                        + "SELECT day, sum(posts) AS posts FROM postdesk_post_days GROUP BY day HAVING sum(posts) > 0"
                        + ") AS days) AS running WHERE through > ? ORDER BY day " + direction + " LIMIT 1) AS target"
                        + " CROSS JOIN LATERAL (SELECT created_at, id FROM posts"
                        + " WHERE created_at BETWEEN target.first_moment AND target.last_moment"
                        + " ORDER BY created_at " + direction + ", id " + direction + " OFFSET target.skip LIMIT 1) AS b",
                position, position);
    }

    /**
     * Folds each day's rows into one when there are {@value #MERGE_AFTER} more rows than days. In
     * one statement that deletes the rows it read and writes their sums: rows another transaction
     * adds meanwhile are neither deleted nor summed, and a second merge at the same time waits for
     * the first and then finds only what is left. A role that may only read, or a read-only
     * session, leaves them as they are: the sums stay right, only a little slower to read.
     */
    @Override
    public void prepare(Connection connection) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            boolean due = CancellableQueries.query(connection, Sql.of(
                    "SELECT count(*) - count(DISTINCT day) > ? FROM postdesk_post_days", MERGE_AFTER), null,
                    rows -> rows.next() && rows.getBoolean(1));
            if (due) {
                CancellableQueries.execute(connection, Sql.of("WITH gone AS (DELETE FROM postdesk_post_days"
                        + " RETURNING day, posts) INSERT INTO postdesk_post_days (day, posts)"
                        + " SELECT day, sum(posts) FROM gone GROUP BY day HAVING sum(posts) <> 0"));
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            log.debug("The day counts were not merged this time", e);
        }
    }
}
