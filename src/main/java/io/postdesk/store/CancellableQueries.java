package io.postdesk.store;

import io.postdesk.model.Cancellation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hibernate.Session;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the browse queries with plain JDBC on the session's own connection (so in its
 * transaction), where a {@link Cancellation} can stop them in the database: pgjdbc's
 * {@code Statement.cancel()} sends a cancel request, and the server ends the statement with
 * SQLSTATE 57014. A cancelled call always fails with 57014, also when the cancel came too late
 * to stop the statement, so a caller never receives the result of a search it abandoned.
 */
final class CancellableQueries {
    static final String QUERY_CANCELED = "57014";
    private static final Logger log = LoggerFactory.getLogger(CancellableQueries.class);

    private CancellableQueries() {
    }

    @FunctionalInterface
    interface ResultReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    static <T> T query(Session session, Sql sql, Cancellation cancellation, ResultReader<T> reader) {
        return session.doReturningWork(connection -> query(connection, sql, cancellation, reader));
    }

    static <T> T query(Connection connection, Sql sql, Cancellation cancellation, ResultReader<T> reader)
            throws SQLException {
        Cancellation stop = cancellation == null ? new Cancellation() : cancellation;
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            // Never a server-side prepared statement: the planner then sees the actual search
            // pattern and cursor values every time (a generic plan cannot use a trigram index well).
            if (statement.isWrapperFor(PGStatement.class)) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            sql.bind(statement);
            stop.onCancel(() -> cancelInBackground(statement));
            try {
                failIfCancelled(stop);
                T result;
                try (ResultSet rows = statement.executeQuery()) {
                    result = reader.read(rows);
                }
                failIfCancelled(stop);
                return result;
            } finally {
                stop.onCancel(null);
            }
        }
    }

    /** Runs a statement that returns nothing worth reading (SET, SAVEPOINT), not cancellable. */
    static void execute(Connection connection, Sql sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            statement.execute();
        }
    }

    static boolean isCancelOrTimeout(SQLException e) {
        return QUERY_CANCELED.equals(e.getSQLState());
    }

    private static void failIfCancelled(Cancellation cancellation) throws SQLException {
        if (cancellation.isCancelled()) {
            throw new SQLException("canceling statement due to user request", QUERY_CANCELED);
        }
    }

    /**
     * The driver sends a cancel request over a new connection to the server, which can take as
     * long as a connect: not on the caller's thread, which is usually the FX thread. Cancelling
     * a statement that has finished meanwhile does nothing (the driver checks its state), so a
     * late cancel never hits the connection's next statement.
     */
    private static void cancelInBackground(PreparedStatement statement) {
        Thread canceller = new Thread(() -> {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // The caller still gets 57014 from failIfCancelled once the statement ends.
                log.debug("Cancelling a statement failed", e);
            }
        }, "postdesk-cancel");
        canceller.setDaemon(true);
        canceller.start();
    }
}
