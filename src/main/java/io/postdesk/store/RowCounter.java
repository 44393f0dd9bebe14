package io.postdesk.store;

import io.postdesk.model.Cancellation;
import io.postdesk.model.RowCount;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Counts the rows of a filtered query without holding a page back: when the planner expects
 * few rows, they are counted exactly if that fits in what is left of a 40 ms budget; otherwise,
 * or when the time runs out, the planner's estimate of the very same query is the answer
 * (shown with "≈").
 * The count uses the same FROM and conditions as the pages, so both always agree.
 */
final class RowCounter {
    static final long EXACT_BELOW = 20_000;
    static final Duration BUDGET = Duration.ofMillis(40);
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)");

    private final long exactBelow;
    private final Duration budget;

    RowCounter() {
        this(EXACT_BELOW, BUDGET);
    }

    /** For tests that need an estimate from a small table, or a count that runs out of time. */
    RowCounter(long exactBelow, Duration budget) {
        this.exactBelow = exactBelow;
        this.budget = budget;
    }

    RowCount count(Session session, String from, List<Sql> conditions, Cancellation cancellation) {
        Sql where = Sql.where(conditions);
        long start = System.nanoTime();
        return session.doReturningWork(connection -> {
            long estimate = estimate(connection, from, where, cancellation);
            if (estimate >= exactBelow) {
                return new RowCount(estimate, false);
            }
            // Planning a text search takes a few milliseconds of the budget already.
            Duration left = budget.minusNanos(System.nanoTime() - start);
            Long exact = countWithin(connection, from, where, left, cancellation);
            return exact != null ? new RowCount(exact, true) : new RowCount(estimate, false);
        });
    }

    /** The exact count, however long it takes; cancellable. */
    RowCount exactCount(Session session, String from, List<Sql> conditions, Cancellation cancellation) {
        Sql sql = Sql.of("SELECT count(*) FROM " + from).append(Sql.where(conditions));
        return new RowCount(CancellableQueries.query(session, sql, cancellation, RowCounter::single), true);
    }

    /** The planner's row estimate for the query ("Plan Rows" of the top plan node): planning only, no rows read. */
    private static long estimate(Connection connection, String from, Sql where, Cancellation cancellation)
            throws SQLException {
        Sql explain = Sql.of("EXPLAIN (FORMAT JSON) SELECT 1 FROM " + from).append(where);
        String plan = CancellableQueries.query(connection, explain, cancellation, rows -> {
            rows.next();
            return rows.getString(1);
        });
        Matcher rows = PLAN_ROWS.matcher(plan);
        if (!rows.find()) {
            throw new IllegalStateException("No row estimate in the plan: " + plan);
        }
        return Math.round(Double.parseDouble(rows.group(1)));
    }

    /**
     * The exact count if it takes no longer than {@code time} (at least 1 ms), else null. A
     * savepoint keeps the transaction usable after the timeout, and rolling back to it also ends
     * the SET LOCAL.
     */
    private static Long countWithin(Connection connection, String from, Sql where, Duration time,
                                    Cancellation cancellation) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            CancellableQueries.execute(connection, Sql.of("SELECT set_config('statement_timeout', ?, true)",
                    Long.toString(Math.max(1, time.toMillis()))));
            Sql count = Sql.of("SELECT count(*) FROM " + from).append(where);
            return CancellableQueries.query(connection, count, cancellation, RowCounter::single);
        } catch (SQLException e) {
            boolean ranOutOfTime = CancellableQueries.isCancelOrTimeout(e)
                    && (cancellation == null || !cancellation.isCancelled());
            if (ranOutOfTime) {
                return null;
            }
            throw e;
        } finally {
            connection.rollback(savepoint);
        }
    }

    private static long single(ResultSet rows) throws SQLException {
        rows.next();
        return rows.getLong(1);
    }
}
