package io.postdesk.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads the column types the driver has no direct mapping for. */
final class ResultColumns {
    private ResultColumns() {
    }

    /** timestamptz as an Instant (the driver maps it to OffsetDateTime). */
    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
