package io.postdesk.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Writes the parameters of a {@link Sql} into its text as literals, for the one statement that
 * cannot take bind parameters: {@code COPY (SELECT ...) TO STDOUT}. Everything else keeps its
 * parameters (DESIGN rule 6).
 *
 * <p>Why literals and not another way round COPY's missing parameters: a temporary table filled
 * with the bound query would write the whole export once more before COPY reads it (and fails on
 * a standby), a server-side cursor cannot be read by COPY, and passing the values through
 * {@code set_config} / {@code current_setting} hides them from the planner, which then guesses
 * the selectivity of a search or a date range and may pick another plan than the table's. A
 * literal gives the planner the value, as the table's queries do (they are never prepared
 * generically, see {@link CancellableQueries}).
 *
 * <p>Why this is safe: text is quoted by the driver's own {@link PGConnection#escapeLiteral}
 * (what pgjdbc itself uses to inline parameters in its simple query mode), which doubles quotes
 * and refuses NUL; the connection's client encoding is always UTF-8 (pgjdbc insists), so no
 * multi-byte trick can hide a quote. Rendering refuses a session with
 * {@code standard_conforming_strings} off, where a backslash in '...' escapes the quote and the
 * {@code ESCAPE '\'} of the search conditions would end somewhere else. Every other value is a
 * type from code (boolean, number, UUID, instant) whose text cannot hold a quote, and is quoted
 * anyway. Only {@code ?} outside quotes in SQL that code wrote are replaced; anything this class
 * does not understand (E'...', dollar quotes, comments) fails rather than guesses.
 */
final class InlineSql {
    private InlineSql() {
    }

    static String render(Sql sql, PGConnection connection) throws SQLException {
        if (!"on".equals(connection.getParameterStatus("standard_conforming_strings"))) {
            throw new SQLException("The export needs standard_conforming_strings = on (PostgreSQL's default)");
        }
        String text = sql.text();
        List<Object> params = sql.params();
        StringBuilder out = new StringBuilder(text.length() + 64);
        int next = 0;
        boolean inString = false;
        boolean inIdentifier = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' && !inIdentifier) {
                if (!inString && i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')) {
                    throw new IllegalArgumentException("Cannot inline parameters into SQL with E'...' strings");
                }
                inString = !inString; // '' inside a string toggles twice: still inside
            } else if (c == '"' && !inString) {
                inIdentifier = !inIdentifier;
            } else if (!inString && !inIdentifier) {
                if (c == '$' || (c == '-' && next(text, i) == '-') || (c == '/' && next(text, i) == '*')) {
                    throw new IllegalArgumentException("Cannot inline parameters into SQL with dollar quotes or comments");
                }
                if (c == '?') {
                    if (next >= params.size()) {
                        throw new IllegalArgumentException("More placeholders than parameters in " + text);
                    }
                    out.append(literal(params.get(next++), connection));
                    continue;
                }
            }
            out.append(c);
        }
        if (next != params.size() || inString || inIdentifier) {
            throw new IllegalArgumentException("Placeholders and parameters do not match in " + text);
        }
        return out.toString();
    }

    /** A value as a SQL literal of the type the driver would have bound it as. */
    static String literal(Object value, PGConnection connection) throws SQLException {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "(" + value + ")"; // brackets: a negative number stays one operand
        }
        if (value instanceof UUID id) {
            return quoted(id.toString(), connection) + "::uuid";
        }
        if (value instanceof Instant instant) {
            return quoted(instant.toString(), connection) + "::timestamptz";
        }
        if (value instanceof String s) {
            return quoted(s, connection);
        }
        throw new IllegalArgumentException("No literal for a " + value.getClass().getSimpleName());
    }

    private static String quoted(String text, PGConnection connection) throws SQLException {
        return "'" + connection.escapeLiteral(text) + "'";
    }

    private static char next(String text, int i) {
        return i + 1 < text.length() ? text.charAt(i + 1) : 0;
    }
}
