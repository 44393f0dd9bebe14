package io.postdesk.store;

import io.postdesk.model.Cancellation;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.Session;
import org.postgresql.PGStatement;

/**
 * Streams the rows of an export through a server-side cursor: in a transaction (autocommit off)
 * with a fetch size, the driver holds {@link #FETCH_SIZE} rows at a time, so memory stays flat
 * whatever the row count. The WHERE is the table's ({@link PostConditions}, {@link UserConditions})
 * and the order its sort with the id as tie-breaker, so the file holds what the view shows.
 */
public final class ExportStore {
    public static final int FETCH_SIZE = 5_000;

    /** Receives each row's values as text (null for SQL NULL), in the order of the columns asked for. */
    @FunctionalInterface
    public interface RowSink {
        void row(String[] values) throws IOException;
    }

    /** The planner's estimate or a cheap exact count, for "time left". */
    public long estimatePosts(Session session, PostFilter filter) {
        return new PostStore().count(session, filter, null).value();
    }

    public long estimateUsers(Session session, UserFilter filter) {
        return new UserStore().count(session, filter, null).value();
    }

    /** Streams the posts to the sink; returns how many rows were sent. IOException of the sink as UncheckedIOException. */
    public long posts(Session session, PostFilter filter, PostSort sort, List<ExportColumn.Post> columns,
                      RowSink sink, Cancellation cancellation) {
        String select = String.join(", ", columns.stream().map(ExportStore::expression).toList());
        SortColumn key = PostStore.sortColumn(sort);
        Sql sql = Sql.of("SELECT " + select + " FROM " + PostConditions.POSTS + " JOIN users u ON u.id = p.user_id")
                .append(Sql.where(PostConditions.of(filter)))
                .append(orderBy(key, "p.id"));
        return stream(session, sql, columns.size(), cancellation, sink);
    }

    public long users(Session session, UserFilter filter, UserSort sort, List<ExportColumn.User> columns,
                      RowSink sink, Cancellation cancellation) {
        String select = String.join(", ", columns.stream().map(ExportStore::expression).toList());
        SortColumn key = UserStore.sortColumn(sort);
        Sql sql = Sql.of("SELECT " + select + " FROM " + UserConditions.USERS)
                .append(Sql.where(UserConditions.of(filter)))
                .append(orderBy(key, "u.id"));
        return stream(session, sql, columns.size(), cancellation, sink);
    }

    /** The SQL query of a posts export, for comparing with psql's \copy in the benchmark. */
    public static String postsQueryText(List<ExportColumn.Post> columns, PostSort sort) {
        return "SELECT " + String.join(", ", columns.stream().map(ExportStore::expression).toList()) + " FROM "
                + PostConditions.POSTS + " JOIN users u ON u.id = p.user_id"
                + orderBy(PostStore.sortColumn(sort), "p.id");
    }

    private static String orderBy(SortColumn key, String id) {
        String direction = key.ascending() ? " ASC" : " DESC";
        return " ORDER BY " + key.expression() + direction + ", " + id + direction;
    }

    private static String expression(ExportColumn.Post column) {
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

    // Column names from code only; password_hash is not among them on purpose.
    private static String expression(ExportColumn.User column) {
        return switch (column) {
            case ID -> "u.id";
            case USERNAME -> "u.username";
            case EMAIL -> "u.email";
            case CREATED_AT -> "u.created_at";
            case UPDATED_AT -> "u.updated_at";
        };
    }

    private static long stream(Session session, Sql sql, int width, Cancellation cancellation, RowSink sink) {
        return session.doReturningWork(connection -> {
            if (connection.getAutoCommit()) {
                throw new IllegalStateException("An export needs a transaction: with autocommit on the driver reads every row at once");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
                statement.setFetchSize(FETCH_SIZE);
                if (statement.isWrapperFor(PGStatement.class)) {
                    statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                }
                sql.bind(statement);
                if (cancellation != null) {
                    cancellation.onCancel(() -> cancelQuietly(statement));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    int[] types = new int[width];
                    for (int i = 0; i < width; i++) {
                        types[i] = rows.getMetaData().getColumnType(i + 1);
                    }
                    long count = 0;
                    while (rows.next()) {
                        String[] values = new String[width];
                        for (int i = 0; i < width; i++) {
                            values[i] = text(rows, i + 1, types[i]);
                        }
                        sink.row(values);
                        count++;
                    }
                    return count;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    if (cancellation != null) {
                        cancellation.onCancel(null);
                    }
                }
            }
        });
    }

    /** Timestamps as ISO-8601 instants (2024-05-01T09:30:00Z); everything else as the driver's text. */
    private static String text(ResultSet rows, int index, int type) throws SQLException {
        if (type == java.sql.Types.TIMESTAMP || type == java.sql.Types.TIMESTAMP_WITH_TIMEZONE) {
            OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
            return value == null ? null : value.toInstant().toString();
        }
        if (type == java.sql.Types.BIT || type == java.sql.Types.BOOLEAN) {
            boolean value = rows.getBoolean(index);
            return rows.wasNull() ? null : Boolean.toString(value);
        }
        return rows.getString(index);
    }

    /** From another thread the driver sends a cancel request; the caller then sees 57014 and rolls back. */
    private static void cancelQuietly(PreparedStatement statement) {
        Thread canceller = new Thread(() -> {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // the caller still stops at its next row
            }
        }, "postdesk-cancel");
        canceller.setDaemon(true);
        canceller.start();
    }
}
