package io.postdesk.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A piece of SQL and its parameter values, kept apart: what a user typed only ever travels as a
 * parameter (DESIGN rule 6). Column names come from code, never from input.
 */
final class Sql {
    private final String text;
    private final List<Object> params;

    private Sql(String text, List<Object> params) {
        this.text = text;
        this.params = Collections.unmodifiableList(new ArrayList<>(params)); // null is a value: SQL NULL
    }

    static Sql of(String text, Object... params) {
        return new Sql(text, Arrays.asList(params));
    }

    /** " WHERE a AND b ..." for the conditions, or nothing when there are none. */
    static Sql where(List<Sql> conditions) {
        Sql where = of("");
        for (Sql condition : conditions) {
            where = where.append(where.text.isEmpty() ? " WHERE " : " AND ").append(condition);
        }
        return where;
    }

    Sql append(String more, Object... values) {
        return append(of(more, values));
    }

    Sql append(Sql more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(more.params);
        return new Sql(text + more.text, all);
    }

    String text() {
        return text;
    }

    List<Object> params() {
        return params;
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            // The driver has no mapping for Instant; as an OffsetDateTime it goes out as timestamptz.
            statement.setObject(i + 1, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        }
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
