package io.postdesk.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the timestamps at the end of each COPY line in the export's format on the client, so the
 * server only runs its cheap output function ({@code timestamp_out}) on them: formatting them in SQL
 * ({@link ExportValues#timestamp}) cost the server 1.2-1.6 s of CPU per million posts, on the core
 * that limits the export, while this one mostly waits for the next line (docs/PERFORMANCE.md, "export17").
 *
 * <p>Only timestamps that are the LAST fields of the line (the default column order) are sent raw:
 * they are never quoted and hold no delimiter, so the fields are found by scanning back from the
 * line feed to the delimiters without reading the quoted values before them. A timestamp in any
 * other place keeps its SQL format.
 *
 * <p>The text is byte for byte what {@link ExportValues#timestamp} writes. The session runs with
 * TimeZone UTC (ConnectionPool) and pgjdbc keeps DateStyle ISO, so the server sends
 * {@code 2025-03-13 01:49:37.12+00} for a timestamptz and {@code 2025-03-13 01:49:37.12} for a
 * TIMESTAMP (the fraction without trailing zeros). Years 1-9999 become
 * {@code 2025-03-13T01:49:37.120Z}: 'T', the fraction padded to 3 or 6 digits as
 * {@code java.time.Instant} prints it, 'Z'. Other values are PostgreSQL's text of the value
 * {@code AT TIME ZONE 'UTC'}, which is the raw text with "+00" dropped (timestamptz) or added
 * (TIMESTAMP): {@code infinity}, {@code 0044-03-15 12:00:00+00 BC}, and {@code -infinity} with the
 * formula guard's {@code '}. Text of any other shape (another zone's offset, another DateStyle) fails
 * the export rather than write a wrong time.
 */
final class TrailingTimestamps implements ExportStore.LineSink {
    private static final byte[] INFINITY = "infinity".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BC = " BC".getBytes(StandardCharsets.US_ASCII);
    /** "YYYY-MM-DD HH:MM:SS": the part every finite value has, after the year's digits. */
    private static final int DATE_TIME = 19;
    /** The longest field read; PostgreSQL's longest is 32 bytes ("4713-11-24 23:59:59.999999+00 BC"). */
    private static final int LONGEST_FIELD = 40;
    /** What a field may grow by: "+00", or 'Z' and two digits of padding (a TIMESTAMP), or the guard's '. */
    private static final int GROWTH = 3;

    private final int fields;
    private final byte delimiter;
    private final boolean formulaGuard;
    private final ExportStore.LineSink next;
    private final byte[] tail;
    private final int[] starts;
    private final int[] ends;
    private boolean header;

    /**
     * @param fields       how many fields at the end of each line are raw timestamps
     * @param header       the first line is the header, passed on as it is
     */
    TrailingTimestamps(int fields, char delimiter, boolean header, boolean formulaGuard, ExportStore.LineSink next) {
        if (fields < 1) {
            throw new IllegalArgumentException("No timestamps to format");
        }
        this.fields = fields;
        this.delimiter = (byte) delimiter;
        this.header = header;
        this.formulaGuard = formulaGuard;
        this.next = next;
        this.starts = new int[fields];
        this.ends = new int[fields];
        this.tail = new byte[fields * (LONGEST_FIELD + GROWTH + 1)]; // each with its delimiter or line feed
    }

    @Override
    public void line(byte[] line) throws IOException {
        if (header) {
            header = false;
            next.line(line);
            return;
        }
        int end = line.length - 1;
        if (end < 0 || line[end] != '\n') {
            throw new IllegalStateException("COPY sent a line that does not end in a line feed");
        }
        // From the line feed back to the delimiters: each field's bounds, the first one's start last.
        int to = end;
        for (int field = fields - 1; field >= 0; field--) {
            int from = to;
            while (from > 0 && line[from - 1] != delimiter && to - from <= LONGEST_FIELD) {
                from--;
            }
            starts[field] = from;
            ends[field] = to;
            if (field > 0) {
                if (from == 0) {
                    throw unexpected(line, 0, end);
                }
                to = from - 1;
            }
        }
        int written = 0;
        for (int field = 0; field < fields; field++) {
            if (field > 0) {
                tail[written++] = delimiter;
            }
            written = format(line, starts[field], ends[field], tail, written);
        }
        tail[written++] = '\n';
        next.line(line, starts[0], tail, written);
    }

    /** Writes the field raw[from, to) in the export's format at out[at]; returns the end of what it wrote. */
    int format(byte[] raw, int from, int to, byte[] out, int at) {
        if (to <= from || to - from > LONGEST_FIELD) {
            throw unexpected(raw, from, to);
        }
        if (raw[from] == '-' || raw[from] == 'i') {
            return infinity(raw, from, to, out, at);
        }
        int year = from;
        while (year < to && digit(raw[year])) {
            year++;
        }
        int yearDigits = year - from;
        int time = year - 4; // the date and time fields line up with a four-digit year from here on
        if (yearDigits < 4 || time + DATE_TIME > to || !dateAndTime(raw, time)) {
            throw unexpected(raw, from, to);
        }
        int p = time + DATE_TIME;
        int fractionDigits = 0;
        if (p < to && raw[p] == '.') {
            p++;
            while (p < to && digit(raw[p])) {
                p++;
                fractionDigits++;
            }
            if (fractionDigits == 0 || fractionDigits > 6) {
                throw unexpected(raw, from, to);
            }
        }
        int valueEnd = p;
        boolean offset = p < to && (raw[p] == '+' || raw[p] == '-');
        if (offset) {
            boolean utc = p + 3 <= to && raw[p] == '+' && raw[p + 1] == '0' && raw[p + 2] == '0'
                    && (p + 3 == to || raw[p + 3] == ' ');
            if (!utc) {
                throw new IllegalStateException("The session's time zone is not UTC: the server sent the timestamp "
                        + text(raw, from, to));
            }
            p += 3;
        }
        boolean bc = p < to;
        if (bc && (to - p != BC.length || !same(raw, p, BC))) {
            throw unexpected(raw, from, to);
        }
        if (yearDigits == 4 && !bc) {
            return instant(raw, time, fractionDigits, out, at);
        }
        // Out of Instant's years: the text of the value AT TIME ZONE 'UTC', a timestamp for a
        // timestamptz and the other way round, so "+00" goes where there was none.
        int length = valueEnd - from;
        System.arraycopy(raw, from, out, at, length);
        at += length;
        if (!offset) {
            out[at++] = '+';
            out[at++] = '0';
            out[at++] = '0';
        }
        if (bc) {
            System.arraycopy(BC, 0, out, at, BC.length);
            at += BC.length;
        }
        return at;
    }

    /** "YYYY-MM-DDTHH:MM:SS", the fraction in groups of three digits, "Z". */
    private static int instant(byte[] raw, int from, int fractionDigits, byte[] out, int at) {
        System.arraycopy(raw, from, out, at, DATE_TIME);
        out[at + 10] = 'T';
        at += DATE_TIME;
        if (fractionDigits > 0) {
            int length = fractionDigits + 1; // with the point
            System.arraycopy(raw, from + DATE_TIME, out, at, length);
            at += length;
            for (int pad = fractionDigits <= 3 ? 3 - fractionDigits : 6 - fractionDigits; pad > 0; pad--) {
                out[at++] = '0';
            }
        }
        out[at++] = 'Z';
        return at;
    }

    private int infinity(byte[] raw, int from, int to, byte[] out, int at) {
        boolean negative = raw[from] == '-';
        int word = negative ? from + 1 : from;
        if (to - word != INFINITY.length || !same(raw, word, INFINITY)) {
            throw unexpected(raw, from, to);
        }
        if (negative && formulaGuard) {
            out[at++] = '\'';
        }
        int length = to - from;
        System.arraycopy(raw, from, out, at, length);
        return at + length;
    }

    /** "-MM-DD HH:MM:SS" after the year's last four digits at raw[at]. */
    private static boolean dateAndTime(byte[] raw, int at) {
        return raw[at + 4] == '-' && digit(raw[at + 5]) && digit(raw[at + 6]) && raw[at + 7] == '-'
                && digit(raw[at + 8]) && digit(raw[at + 9]) && raw[at + 10] == ' '
                && digit(raw[at + 11]) && digit(raw[at + 12]) && raw[at + 13] == ':'
                && digit(raw[at + 14]) && digit(raw[at + 15]) && raw[at + 16] == ':'
                && digit(raw[at + 17]) && digit(raw[at + 18]);
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean same(byte[] raw, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (raw[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static IllegalStateException unexpected(byte[] raw, int from, int to) {
        return new IllegalStateException("The server sent a timestamp in an unexpected form: " + text(raw, from, to));
    }

    private static String text(byte[] raw, int from, int to) {
        return new String(raw, from, Math.min(to - from, 80), StandardCharsets.UTF_8);
    }
}
