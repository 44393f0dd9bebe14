package io.postdesk.store;

import io.postdesk.model.Cancellation;
import io.postdesk.model.RowCount;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Counts the rows of a query for the paging bar, with the same FROM and conditions as the pages.
 * <ul>
 * <li>The whole table: the planner's estimate (from the table's statistics) is close, and the only
 * cheap answer on a million rows; but below {@link #EXACT_BELOW} rows the table is counted, since
 * a small fresh table's statistics can be far off (2,000 posts shown as "≈ 3,381").</li>
 * <li>A search or a filter: the planner's guess for a text search can be off by orders of
 * magnitude ("≈ 1" for 107 rows), so the rows are counted, stopping after {@link #COUNT_UP_TO}:
 * the answer is exact, or "at least" that many. It runs as its own cancellable task, so the page
 * never waits for it.</li>
 * </ul>
 */
final class RowCounter {
    static final long EXACT_BELOW = 20_000;
    static final long COUNT_UP_TO = 10_000;
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)");

    private final long exactBelow;
    private final long countUpTo;

    RowCounter() {
        this(EXACT_BELOW, COUNT_UP_TO);
    }

    /** For tests that need the bounds small. */
    RowCounter(long exactBelow, long countUpTo) {
        this.exactBelow = exactBelow;
        this.countUpTo = countUpTo;
    }

    RowCount count(Session session, String from, List<Sql> conditions, Cancellation cancellation) {
        return session.doReturningWork(connection -> count(connection, from, conditions, cancellation));
    }

    RowCount count(Connection connection, String from, List<Sql> conditions, Cancellation cancellation)
            throws SQLException {
        Sql where = Sql.where(conditions);
        if (!conditions.isEmpty()) {
            return countUpTo(connection, from, where, countUpTo, cancellation);
        }
        long estimate = estimate(connection, from, where, cancellation);
        if (estimate >= exactBelow) {
            return RowCount.estimated(estimate);
        }
        RowCount counted = countUpTo(connection, from, where, exactBelow, cancellation);
        return counted.exact() ? counted : RowCount.atLeast(Math.max(estimate, counted.value()));
    }

    /** The exact count, however long it takes; cancellable. */
    RowCount exactCount(Session session, String from, List<Sql> conditions, Cancellation cancellation) {
        return session.doReturningWork(connection -> exactCount(connection, from, conditions, cancellation));
    }

    RowCount exactCount(Connection connection, String from, List<Sql> conditions, Cancellation cancellation)
            throws SQLException {
        Sql sql = Sql.of("SELECT count(*) FROM " + from).append(Sql.where(conditions));
        return RowCount.exactly(CancellableQueries.query(connection, sql, cancellation, RowCounter::single));
    }

    /**
     * Counts the matching rows but reads no more than {@code limit} + 1 of them: exact when there
     * are at most {@code limit}, else "at least {@code limit}".
     */
    private static RowCount countUpTo(Connection connection, String from, Sql where, long limit,
                                      Cancellation cancellation) throws SQLException {
        Sql count = Sql.of("SELECT count(*) FROM (SELECT 1 FROM " + from).append(where)
                .append(Sql.of(" LIMIT ?) AS matching", limit + 1));
        long rows = CancellableQueries.query(connection, count, cancellation, RowCounter::single);
        return rows > limit ? RowCount.atLeast(limit) : RowCount.exactly(rows);
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

    private static long single(ResultSet rows) throws SQLException {
        rows.next();
        return rows.getLong(1);
    }
}
