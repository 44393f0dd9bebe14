package io.postdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.hibernate.Session;

/**
 * Plain JDBC on the session's own connection, so in its transaction: the editing SQL needs
 * PostgreSQL's {@code xmin} and {@code RETURNING}, which a mapped entity cannot express.
 * A failure keeps its SQLException (and SQLSTATE) as the cause of Hibernate's wrapper.
 */
final class Statements {
    private Statements() {
    }

    static <T> T query(Session session, Sql sql, CancellableQueries.ResultReader<T> reader) {
        return session.doReturningWork(connection -> query(connection, sql, reader));
    }

    static <T> T query(java.sql.Connection connection, Sql sql, CancellableQueries.ResultReader<T> reader)
            throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        }
    }

    /** Runs an INSERT, UPDATE or DELETE without RETURNING; the number of rows it touched. */
    static int update(Session session, Sql sql) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
                sql.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    /** The same statement once per parameter list, sent to the server as one batch. */
    static void batch(Session session, String text, List<Sql> rows) {
        session.doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(text)) {
                for (Sql row : rows) {
                    row.bind(statement);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }
}
