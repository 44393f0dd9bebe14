package io.postdesk.db;

import java.sql.SQLException;

/** An unchecked wrapper for a JDBC failure; the SQLSTATE stays reachable through the cause. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
