package io.postdesk.store;

import io.postdesk.model.Cancellation;
import io.postdesk.model.CsvOptions;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.postgresql.PGConnection;

/**
 * The rows of an export as CSV lines written by the server: {@code COPY (SELECT ...) TO STDOUT
 * (FORMAT csv)}, which quotes as RFC 4180 asks and streams, so memory stays flat whatever the row
 * count and no value is turned into a Java object. The WHERE is the table's ({@link PostConditions},
 * {@link UserConditions}) and the order its sort with the id as tie-breaker, so the file holds
 * what the view shows; the values are written as {@link ExportValues} says, the timestamps at the
 * end of the line by the client ({@link TrailingTimestamps}) in the same text. COPY takes no bind
 * parameters, so the filter's values are written into the statement as literals ({@link InlineSql}
 * says why that is safe), in a read-only transaction.
 */
public final class ExportStore {

    /** Receives the lines of the file as the server wrote them, each ending in '\n': the header first when asked. */
    @FunctionalInterface
    public interface LineSink {
        void line(byte[] line) throws IOException;

        /**
         * One line in two parts, {@code head[0, headLength)} then {@code tail[0, tailLength)}, which
         * ends in '\n': the line's end rewritten by the client ({@link TrailingTimestamps}). The
         * arrays are only valid during the call. This joins them; a sink that copies the bytes on
         * anyway writes the two parts instead.
         */
        default void line(byte[] head, int headLength, byte[] tail, int tailLength) throws IOException {
            byte[] line = Arrays.copyOf(head, headLength + tailLength);
            System.arraycopy(tail, 0, line, headLength, tailLength);
            line(line);
        }
    }

    private final RowCounter counter = new RowCounter();
    private final boolean clientTimestamps;

    public ExportStore() {
        this(true);
    }

    /** {@code clientTimestamps} false: every timestamp formatted in SQL, as before (tests compare the two). */
    ExportStore(boolean clientTimestamps) {
        this.clientTimestamps = clientTimestamps;
    }

    /** The planner's estimate or a cheap exact count, for "time left". */
    public long estimatePosts(Connection connection, PostFilter filter) throws SQLException {
        return counter.count(connection, PostConditions.POSTS, PostConditions.of(filter), null).value();
    }

    public long estimateUsers(Connection connection, UserFilter filter) throws SQLException {
        return counter.count(connection, UserConditions.USERS, UserConditions.of(filter), null).value();
    }

    /**
     * Streams the posts to the sink; returns how many rows were sent (the header not counted).
     * IOException of the sink as UncheckedIOException; a cancelled COPY fails with SQLSTATE 57014.
     * Plain JDBC on a connection in a transaction: no Hibernate needed (see Transactions#readJdbc).
     */
    public long posts(Connection connection, PostFilter filter, PostSort sort, List<ExportColumn.Post> columns,
                      CsvOptions options, LineSink sink, Cancellation cancellation) throws SQLException {
        int raw = clientTimestamps ? trailingTimestamps(columns) : 0;
        Sql select = postsSelect(columns, sort, options, PostConditions.of(filter), raw);
        return copy(connection, select, options, raw, sink, cancellation);
    }

    public long users(Connection connection, UserFilter filter, UserSort sort, List<ExportColumn.User> columns,
                      CsvOptions options, LineSink sink, Cancellation cancellation) throws SQLException {
        int raw = clientTimestamps ? trailingTimestamps(columns) : 0;
        String values = selectList(columns, raw, ExportStore::column,
                (column, first) -> userValue(column, first, options.formulaGuard()));
        Sql select = Sql.of("SELECT " + values + " FROM " + UserConditions.USERS)
                .append(Sql.where(UserConditions.of(filter)))
                .append(orderBy(UserStore.sortColumn(sort), "u.id"));
        return copy(connection, select, options, raw, sink, cancellation);
    }

    /** The plain query of a posts export, without the value formats, for psql's \copy in the benchmark. */
    public static String postsQueryText(List<ExportColumn.Post> columns, PostSort sort) {
        return "SELECT " + String.join(", ", columns.stream().map(ExportStore::column).toList()) + " FROM "
                + PostConditions.POSTS + " JOIN users u ON u.id = p.user_id"
                + orderBy(PostStore.sortColumn(sort), "p.id");
    }

    /** The SELECT a posts export of the whole table runs, value formats included, for the benchmark. */
    public static String postsExportText(List<ExportColumn.Post> columns, PostSort sort, CsvOptions options) {
        return postsSelect(columns, sort, options, List.of(), trailingTimestamps(columns)).text();
    }

    /** The last {@code raw} columns go as they are (timestamps that {@link TrailingTimestamps} formats). */
    private static Sql postsSelect(List<ExportColumn.Post> columns, PostSort sort, CsvOptions options,
                                   List<Sql> conditions, int raw) {
        String values = selectList(columns, raw, ExportStore::column,
                (column, first) -> postValue(column, first, options.formulaGuard()));
        return Sql.of("SELECT " + values + " FROM " + PostConditions.POSTS
                        + " JOIN users u ON u.id = p.user_id")
                .append(Sql.where(conditions))
                .append(orderBy(PostStore.sortColumn(sort), "p.id"));
    }

    /**
     * How many of the last columns are timestamps: those the client formats. Only there can it find
     * them without parsing the quoted values before them; a timestamp elsewhere is formatted in SQL.
     */
    static int trailingTimestamps(List<? extends ExportColumn> columns) {
        int count = 0;
        while (count < columns.size() && columns.get(columns.size() - 1 - count).isTimestamp()) {
            count++;
        }
        return count;
    }

    /**
     * "value AS alias, ...": the last {@code raw} columns as they are (the timestamps the client
     * formats), the others in the export's formats ({@code first}: the file's first column).
     */
    private static <C extends ExportColumn> String selectList(List<C> columns, int raw, Function<C, String> plain,
                                                              BiFunction<C, Boolean, String> formatted) {
        List<String> values = new ArrayList<>();
        for (C column : columns) {
            String value = values.size() >= columns.size() - raw ? plain.apply(column)
                    : formatted.apply(column, values.isEmpty());
            values.add(value + " AS " + alias(column));
        }
        return String.join(", ", values);
    }

    private static long copy(Connection connection, Sql select, CsvOptions options, int rawTimestamps, LineSink sink,
                             Cancellation cancellation) throws SQLException {
        Cancellation stop = cancellation == null ? new Cancellation() : cancellation;
        String copy = "COPY (" + InlineSql.render(select, connection.unwrap(PGConnection.class))
                + ") TO STDOUT (FORMAT csv, DELIMITER " + delimiter(options.delimiter())
                + ", HEADER " + options.header() + ")";
        LineSink lines = rawTimestamps == 0 ? sink
                : new TrailingTimestamps(rawTimestamps, options.delimiter(), options.header(), options.formulaGuard(), sink);
        long count = CopyOutRun.run(connection, copy, lines, stop);
        return options.header() ? count - 1 : count;
    }

    private static String delimiter(char delimiter) {
        return switch (delimiter) {
            case ',' -> "','";
            case ';' -> "';'";
            case '\t' -> "E'\\t'";
            default -> throw new IllegalArgumentException("No such delimiter: " + (int) delimiter);
        };
    }

    private static String orderBy(SortColumn key, String id) {
        String direction = key.ascending() ? " ASC" : " DESC";
        return " ORDER BY " + key.expression() + direction + ", " + id + direction;
    }

    /** The header of the column in the file: COPY's HEADER writes the names of the SELECT's columns. */
    private static String alias(ExportColumn column) {
        return "\"" + column.header() + "\""; // lower-case names from code
    }

    private static String column(ExportColumn.Post column) {
        return switch (column) {
            case ID -> "p.id";
            case AUTHOR -> "u.username";
            case TITLE -> "p.title";
            case CONTENT -> "p.content";
            case PUBLISHED -> "p.published";
            case CREATED_AT -> "p.created_at";
            case UPDATED_AT -> "p.updated_at";
        };
    }

    private static String column(ExportColumn.User column) {
        return switch (column) {
            case ID -> "u.id";
            case USERNAME -> "u.username";
            case EMAIL -> "u.email";
            case CREATED_AT -> "u.created_at";
            case UPDATED_AT -> "u.updated_at";
        };
    }

    private static String postValue(ExportColumn.Post column, boolean first, boolean guard) {
        return switch (column) {
            case ID -> ExportValues.id("p.id");
            case AUTHOR, TITLE, CONTENT -> ExportValues.text(column(column), first, guard);
            case PUBLISHED -> ExportValues.bool("p.published");
            case CREATED_AT, UPDATED_AT -> ExportValues.timestamp(column(column), guard);
        };
    }

    // Column names from code only; password_hash is not among them on purpose.
    private static String userValue(ExportColumn.User column, boolean first, boolean guard) {
        return switch (column) {
            case ID -> ExportValues.id(column(column));
            case USERNAME, EMAIL -> ExportValues.text(column(column), first, guard);
            case CREATED_AT, UPDATED_AT -> ExportValues.timestamp(column(column), guard);
        };
    }
}
