package io.postdesk.store;

import io.postdesk.model.Cancellation;
import io.postdesk.model.Cursor;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyset ("seek") paging over a sorted query: a step continues after the cursor with
 * {@code WHERE (key, id) > (?, ?) ORDER BY key, id LIMIT size + 1}, which reads the same few
 * index entries deep in the result as on the first page. Previous and Last read backwards
 * (the order reversed) and turn the rows back into display order. The extra row tells whether
 * there is more in the direction read. Only a jump to a page number uses OFFSET, unless the
 * source has {@link Positions}.
 */
final class KeysetPager<R> {
    static final int MAX_PAGE_SIZE = 100;
    /** No right to read them (42501), no such table or function (42P01, 42883): skip rows instead. */
    private static final Set<String> UNUSABLE_POSITIONS = Set.of("42501", "42P01", "42883");
    private static final Logger log = LoggerFactory.getLogger(KeysetPager.class);

    /** Maps one result row (after the sort key and id, which the pager reads) to the page's row type. */
    @FunctionalInterface
    interface RowReader<R> {
        R read(ResultSet rows) throws SQLException;
    }

    /**
     * @param columns    the select list for a row; the pager adds {@code sort_key} and {@code row_id}
     * @param from       tables and joins the columns need
     * @param keyFrom    the part of {@code from} the conditions and the sort key need (a jump by
     *                   OFFSET skips its rows, so the fewer tables the better)
     * @param conditions the filter, ANDed
     * @param id         the unique tie-breaker column, e.g. {@code p.id}
     */
    record Source<R>(String columns, String from, String keyFrom, List<Sql> conditions, String id,
                     RowReader<R> reader, Positions positions) {
        Source(String columns, String from, String keyFrom, List<Sql> conditions, String id, RowReader<R> reader) {
            this(columns, from, keyFrom, conditions, id, reader, null);
        }
    }

    /**
     * Knows where a position of the whole, unfiltered result is without reading the rows before
     * it (see {@link DayCounts}); a jump then reads only its page.
     */
    interface Positions {
        /** A subquery giving the sort key and id of the row at {@code position} (0-based); no row past the end. */
        Sql rowAt(long position, boolean ascending);

        /** Housekeeping before a jump, in the jump's transaction; must leave the transaction usable. */
        default void prepare(Connection connection) throws SQLException {
        }
    }

    private record Keyed<R>(R row, Cursor cursor) {
    }

    private final Connection connection;
    private final Source<R> source;
    private final SortColumn sort;
    private final Cancellation cancellation;

    /** On {@code connection}, in its transaction (a Hibernate session's, or a plain JDBC one's). */
    KeysetPager(Connection connection, Source<R> source, SortColumn sort, Cancellation cancellation) {
        this.connection = connection;
        this.source = source;
        this.sort = sort;
        this.cancellation = cancellation;
    }

    Page<R> page(PageRequest request) throws SQLException {
        int size = request.size();
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds 1 to " + MAX_PAGE_SIZE + " rows, not " + size);
        }
        if (request instanceof PageRequest.First) {
            return first(size);
        } else if (request instanceof PageRequest.Next next) {
            return next(size, next.after());
        } else if (request instanceof PageRequest.Previous previous) {
            return previous(size, previous.before());
        } else if (request instanceof PageRequest.Last last) {
            return last(size, last.rows() < 1 || last.rows() > size ? size : last.rows());
        } else if (request instanceof PageRequest.At at) {
            return at(size, at.index());
        }
        throw new IllegalArgumentException("Unknown page request " + request);
    }

    private Page<R> first(int size) throws SQLException {
        List<Keyed<R>> rows = fetch(null, false, size + 1);
        return page(rows, size, false, false, rows.size() > size);
    }

    private Page<R> next(int size, Cursor after) throws SQLException {
        List<Keyed<R>> rows = fetch(after, false, size + 1);
        if (rows.isEmpty()) {
            // The rows after the cursor were deleted meanwhile: the last page beats an empty one.
            return last(size, size);
        }
        return page(rows, size, false, true, rows.size() > size);
    }

    private Page<R> previous(int size, Cursor before) throws SQLException {
        List<Keyed<R>> rows = fetch(before, true, size + 1);
        boolean hasPrevious = rows.size() > size;
        if (!hasPrevious && rows.size() < size) {
            // Fewer rows before the cursor than a page (rows were added or deleted, or the page
            // came from a jump): show the full first page instead of a short one.
            return first(size);
        }
        return page(rows, size, true, hasPrevious, true);
    }

    private Page<R> last(int size, int rows) throws SQLException {
        List<Keyed<R>> found = fetch(null, true, rows + 1);
        return page(found, rows, true, found.size() > rows, false);
    }

    /**
     * A jump to page {@code index}. With {@link Positions} for this result, its first row is found
     * from them and the page is read from there, in one statement. Otherwise the jump skips
     * {@code index * size} rows, which costs time in proportion (about 25 ms of CPU per 500,000
     * posts): the skipping reads only ids from an index (an index-only scan where it can), and only
     * the page's rows are then read whole.
     */
    private Page<R> at(int size, long index) throws SQLException {
        if (index < 0) {
            throw new IllegalArgumentException("Page numbers start at 0, not " + index);
        }
        if (source.positions() != null) {
            List<Keyed<R>> rows = jump(index * size, size + 1);
            if (rows != null) {
                return page(rows, size, false, index > 0, rows.size() > size);
            }
        }
        String order = order(sort.ascending());
        Sql ids = Sql.of("SELECT " + source.id() + " FROM " + source.keyFrom())
                .append(Sql.where(source.conditions()))
                .append(order + " LIMIT ? OFFSET ?", size + 1, index * size);
        List<Keyed<R>> rows = read(select().append(" WHERE " + source.id() + " IN (").append(ids).append(")" + order));
        return page(rows, size, false, index > 0, rows.size() > size);
    }

    /**
     * The rows from the one at {@code position} on, found through the positions; null when they
     * cannot be used here (a role that may not read them, a database without them), so the caller
     * skips rows instead. A savepoint keeps the transaction usable after such a failure.
     */
    private List<Keyed<R>> jump(long position, int limit) throws SQLException {
        boolean ascending = sort.ascending();
        Sql rows = select().append(" WHERE (" + sort.expression() + ", " + source.id() + ") "
                        + (ascending ? ">=" : "<=") + " (").append(source.positions().rowAt(position, ascending))
                .append(")" + order(ascending) + " LIMIT ?", limit);
        Savepoint savepoint = connection.setSavepoint();
        try {
            source.positions().prepare(connection);
            List<Keyed<R>> found = CancellableQueries.query(connection, rows, cancellation, this::keyed);
            connection.releaseSavepoint(savepoint);
            return found;
        } catch (SQLException e) {
            if (CancellableQueries.isCancelOrTimeout(e) || !UNUSABLE_POSITIONS.contains(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            log.info("Jumping by skipping rows: the positions cannot be used ({})", e.getMessage());
            return null;
        }
    }

    /** Keeps {@code size} of the rows read, in display order, with the cursors of both ends. */
    private Page<R> page(List<Keyed<R>> read, int size, boolean readBackwards, boolean hasPrevious,
                         boolean hasNext) {
        List<Keyed<R>> kept = new ArrayList<>(read.subList(0, Math.min(size, read.size())));
        if (readBackwards) {
            Collections.reverse(kept);
        }
        List<R> rows = kept.stream().map(Keyed::row).toList();
        Cursor first = kept.isEmpty() ? null : kept.get(0).cursor();
        Cursor last = kept.isEmpty() ? null : kept.get(kept.size() - 1).cursor();
        return new Page<>(rows, first, last, hasPrevious, hasNext);
    }

    /**
     * The rows after {@code cursor} (all rows when null) in display order, or in reverse order
     * when {@code backwards}: the rows before the cursor, nearest first.
     */
    private List<Keyed<R>> fetch(Cursor cursor, boolean backwards, int limit) throws SQLException {
        boolean ascending = sort.ascending() != backwards;
        List<Sql> conditions = new ArrayList<>(source.conditions());
        if (cursor != null) {
            sort.type().check(cursor.sortValue());
            conditions.add(seek(cursor, ascending ? ">" : "<"));
        }
        return read(select().append(Sql.where(conditions)).append(order(ascending) + " LIMIT ?", limit));
    }

    private Sql select() {
        return Sql.of("SELECT " + sort.expression() + " AS sort_key, " + source.id() + " AS row_id, "
                + source.columns() + " FROM " + source.from());
    }

    private String order(boolean ascending) {
        String direction = ascending ? " ASC" : " DESC";
        return " ORDER BY " + sort.expression() + direction + ", " + source.id() + direction;
    }

    private List<Keyed<R>> read(Sql sql) throws SQLException {
        return CancellableQueries.query(connection, sql, cancellation, this::keyed);
    }

    private List<Keyed<R>> keyed(ResultSet rows) throws SQLException {
        List<Keyed<R>> read = new ArrayList<>();
        while (rows.next()) {
            Cursor position = new Cursor(sort.type().read(rows, "sort_key"), rows.getObject("row_id", UUID.class));
            read.add(new Keyed<>(source.reader().read(rows), position));
        }
        return read;
    }

    /**
     * (key, id) > (?, ?) is what the index is sorted by. The plain {@code key >= ?} in front says
     * the same thing less exactly, but lets the planner start an index scan on the key when the
     * key lives in another table than the id (the author sort: users.username, posts.id).
     */
    private Sql seek(Cursor cursor, String operator) {
        String key = sort.expression();
        String loose = operator.equals(">") ? ">=" : "<=";
        return Sql.of("(" + key + " " + loose + " ? AND (" + key + ", " + source.id() + ") " + operator + " (?, ?))",
                cursor.sortValue(), cursor.sortValue(), cursor.id());
    }
}
