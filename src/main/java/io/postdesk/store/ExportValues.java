package io.postdesk.store;

/**
 * How each exported column is written, as SQL the server evaluates, so COPY's CSV output holds
 * the same text the export has always written (the Java export before COPY, see docs/QUERIES.md, "CSV export"):
 *
 * <ul>
 *   <li>timestamps as ISO-8601 instants in UTC, the fraction in groups of three digits as
 *       {@code java.time.Instant} prints them: {@code 2024-05-01T09:30:00Z},
 *       {@code ...:00.120Z}, {@code ...:00.123456Z};</li>
 *   <li>booleans as {@code true} / {@code false} (COPY alone would write {@code t} / {@code f});</li>
 *   <li>an empty text as an empty cell, as before, except in the first column, where it stays
 *       {@code ""} (COPY writes NULL unquoted and an empty string quoted; the columns are
 *       NOT NULL, so NULLIF only ever turns an empty string into an empty cell);</li>
 *   <li>with the formula guard, text starting with = + - @ tab or CR gets a leading {@code '}
 *       (OWASP CSV injection). Text columns only: ids, booleans and timestamps never start so.</li>
 * </ul>
 *
 * Column expressions come from code only, never from input.
 */
final class ExportValues {
    /** = + - @ tab CR, as code points: {@code ascii()} of the first character is a cheap integer test. */
    private static final String FORMULA_STARTS = "(61, 43, 45, 64, 9, 13)";
    private static final String INSTANT_FORMAT = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

    private ExportValues() {
    }

    /** A text column; {@code first} when it is the file's first column (an empty first cell stays ""). */
    static String text(String column, boolean first, boolean formulaGuard) {
        String plain = first ? column : "NULLIF(" + column + ", '')";
        if (!formulaGuard) {
            return plain;
        }
        // ascii(x), not left(x, 1): in UTF-8, left() counts every character of the value (measured:
        // about 1.5 s more per million posts); ascii() reads the first one.
        return "CASE WHEN ascii(" + column + ") IN " + FORMULA_STARTS + " THEN '''' || " + column
                + " ELSE " + plain + " END";
    }

    static String bool(String column) {
        return column + "::text"; // 'true' / 'false'
    }

    /**
     * to_char with microseconds, then ".000000Z" and a trailing "000" dropped: the fraction as
     * Instant writes it. Only for a timestamp with another column after it: those at the end of the
     * line go raw and the client writes the same text ({@link TrailingTimestamps}), which saves the
     * server about 1.2-1.5 s of CPU per million posts. Years outside 1-9999 (infinity, BC, five digits) are rare enough to be
     * written as PostgreSQL's own text, which the import refuses rather than misreads; the guard
     * still applies there ("-infinity").
     */
    static String timestamp(String column, boolean formulaGuard) {
        // PostDesk's sessions run with TimeZone UTC (ConnectionPool), so to_char of a timestamptz writes
        // its UTC time and to_char of a TIMESTAMP (the tutorial's columns, UTC by PostDesk's rule) its
        // own: the same text as formatting "column AT TIME ZONE 'UTC'", without converting every value
        // (on TIMESTAMP columns that conversion, and comparing with timestamptz bounds, cost about 0.15 s
        // of the server's CPU per million posts). The bounds are untyped, so they take the column's type.
        String iso = "replace(replace(to_char(" + column + ", " + INSTANT_FORMAT + "), '.000000Z', 'Z'), '000Z', 'Z')";
        String utc = "(" + column + " AT TIME ZONE 'UTC')";
        String other = formulaGuard ? text(utc + "::text", false, true) : utc + "::text";
        return "CASE WHEN " + column + " >= '0001-01-01' AND " + column + " < '10000-01-01'"
                + " THEN " + iso + " ELSE " + other + " END";
    }

    /** Ids (uuid) as COPY writes them. */
    static String id(String column) {
        return column;
    }
}
