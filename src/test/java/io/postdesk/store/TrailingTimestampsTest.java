package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client's timestamp format on the text PostgreSQL sends in a UTC session (DateStyle ISO):
 * the same bytes as ExportValues' SQL format writes. ExportTimestampsTest checks the two against
 * each other on a server; these pin the cases one by one.
 */
class TrailingTimestampsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            2024-05-01 09:30:00+00           | 2024-05-01T09:30:00Z
            2024-05-01 09:30:00.1+00         | 2024-05-01T09:30:00.100Z
            2024-05-01 09:30:00.12+00        | 2024-05-01T09:30:00.120Z
            2024-05-01 09:30:00.123+00       | 2024-05-01T09:30:00.123Z
            2024-05-01 09:30:00.1234+00      | 2024-05-01T09:30:00.123400Z
            2024-05-01 09:30:00.12345+00     | 2024-05-01T09:30:00.123450Z
            2024-05-01 09:30:00.123456+00    | 2024-05-01T09:30:00.123456Z
            2024-05-01 09:30:00.000001+00    | 2024-05-01T09:30:00.000001Z
            2024-05-01 09:30:00.01+00        | 2024-05-01T09:30:00.010Z
            2026-01-01 00:00:00+00           | 2026-01-01T00:00:00Z
            2024-02-29 23:59:59.999999+00    | 2024-02-29T23:59:59.999999Z
            0001-01-01 00:00:00+00           | 0001-01-01T00:00:00Z
            9999-12-31 23:59:59.999999+00    | 9999-12-31T23:59:59.999999Z
            infinity                         | infinity
            -infinity                        | '-infinity
            0044-03-15 12:00:00.5+00 BC      | 0044-03-15 12:00:00.5 BC
            0001-12-31 23:59:59.999999+00 BC | 0001-12-31 23:59:59.999999 BC
            4713-11-24 00:00:00+00 BC        | 4713-11-24 00:00:00 BC
            10000-01-01 00:00:00+00          | 10000-01-01 00:00:00
            294276-12-31 23:59:59.999999+00  | 294276-12-31 23:59:59.999999
            """)
    void timestamptz(String raw, String expected) throws IOException {
        assertThat(formatted(raw, true)).isEqualTo(expected);
    }

    /** TIMESTAMP without time zone: no offset in, and out of range the text gains "+00" (AT TIME ZONE 'UTC' made it a timestamptz). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            2024-05-01 09:30:00           | 2024-05-01T09:30:00Z
            2024-05-01 09:30:00.1         | 2024-05-01T09:30:00.100Z
            2024-05-01 09:30:00.12        | 2024-05-01T09:30:00.120Z
            2024-05-01 09:30:00.123       | 2024-05-01T09:30:00.123Z
            2024-05-01 09:30:00.1234      | 2024-05-01T09:30:00.123400Z
            2024-05-01 09:30:00.123456    | 2024-05-01T09:30:00.123456Z
            2024-02-29 00:00:00           | 2024-02-29T00:00:00Z
            0001-01-01 00:00:00           | 0001-01-01T00:00:00Z
            9999-12-31 23:59:59.999999    | 9999-12-31T23:59:59.999999Z
            infinity                      | infinity
            -infinity                     | '-infinity
            0044-03-15 12:00:00.5 BC      | 0044-03-15 12:00:00.5+00 BC
            10000-01-01 00:00:00          | 10000-01-01 00:00:00+00
            """)
    void timestampWithoutTimeZone(String raw, String expected) throws IOException {
        assertThat(formatted(raw, true)).isEqualTo(expected);
    }

    @Test
    void minusInfinityKeepsNoQuoteWithoutTheFormulaGuard() throws IOException {
        assertThat(formatted("-infinity", false)).isEqualTo("-infinity");
        assertThat(formatted("infinity", false)).isEqualTo("infinity");
        assertThat(formatted("0044-03-15 12:00:00 BC", false)).isEqualTo("0044-03-15 12:00:00+00 BC");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            2024-05-01 09:30:00+09
            2024-05-01 09:30:00-05
            2024-05-01 09:30:00+05:30
            2024-05-01 09:30:00.5-03:30 BC
            """)
    void anotherZonesOffsetFailsTheExport(String raw) {
        assertThatThrownBy(() -> formatted(raw, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not UTC").hasMessageContaining(raw);
    }

    /** Other DateStyles, cut or padded text: refused, never written half-right. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            05/01/2024 09:30:00 UTC
            Wed May 01 09:30:00 2024 UTC
            2024-05-01T09:30:00Z
            2024-05-01 09:30
            2024-05-01 09:30:00.
            2024-05-01 09:30:00.1234567+00
            2024-05-01 09:30:00+00 AD
            2024-05-01 09:30:00 BCE
            024-05-01 09:30:00
            infinit
            -infinityy
            +infinity
            true
            """)
    void anythingElseFailsTheExport(String raw) {
        assertThatThrownBy(() -> formatted(raw, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unexpected form");
    }

    /** Only the trailing fields are read: quoted values before them, with delimiters, quotes and line breaks, pass as they are. */
    @Test
    void theLineBeforeTheTimestampsPassesUnchanged() throws IOException {
        String head = "7f0c,\"a, \"\"b\"\"\n2024-01-01 00:00:00+00,\",'=1+1,true,";
        List<String> lines = lines(2, ',', false, true,
                head + "2024-05-01 09:30:00.12+00,-infinity\n",
                "x,,\"\",false,infinity,2024-02-29 00:00:00+00\n");
        assertThat(lines).containsExactly(head + "2024-05-01T09:30:00.120Z,'-infinity\n",
                "x,,\"\",false,infinity,2024-02-29T00:00:00Z\n");
    }

    @Test
    void theHeaderPassesUnchanged() throws IOException {
        assertThat(lines(2, ';', true, true, "title;created_at;updated_at\n", "a;2024-05-01 09:30:00;2024-05-01 09:30:00.5\n"))
                .containsExactly("title;created_at;updated_at\n", "a;2024-05-01T09:30:00Z;2024-05-01T09:30:00.500Z\n");
    }

    @Test
    void tabAndSemicolonDelimiters() throws IOException {
        assertThat(lines(1, '\t', false, true, "a,b;c\t2024-05-01 09:30:00.1234+00\n"))
                .containsExactly("a,b;c\t2024-05-01T09:30:00.123400Z\n");
        assertThat(lines(2, ';', false, true, "a,b\t;2024-05-01 09:30:00+00;10000-01-01 00:00:00+00\n"))
                .containsExactly("a,b\t;2024-05-01T09:30:00Z;10000-01-01 00:00:00\n");
    }

    /** Every column a timestamp: the first field starts the line. */
    @Test
    void aLineOfTimestampsOnly() throws IOException {
        assertThat(lines(2, ',', false, true, "2024-05-01 09:30:00+00,-infinity\n"))
                .containsExactly("2024-05-01T09:30:00Z,'-infinity\n");
        assertThat(lines(1, ',', false, true, "0001-01-01 00:00:00\n")).containsExactly("0001-01-01T00:00:00Z\n");
    }

    @Test
    void aLineWithFewerFieldsThanTimestampsFails() {
        assertThatThrownBy(() -> lines(3, ',', false, true, "2024-05-01 09:30:00+00,2024-05-01 09:30:00+00\n"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> lines(1, ',', false, true, "a,2024-05-01 09:30:00+00"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line feed");
        assertThatThrownBy(() -> lines(1, ',', false, true, "a,\n")).isInstanceOf(IllegalStateException.class);
    }

    /**
     * The client's cost alone, on lines shaped like the benchmark's (about 1.2 KB, two timestamptz at
     * the end), into a sink that writes the two parts as CsvExport's does. Printed, not asserted: the
     * machine is shared. The first rounds warm the JIT.
     */
    @Test
    void costPerLine() throws IOException {
        int lines = 1_000_000;
        byte[][] samples = new byte[16][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = ("0b6a4f7e-3c1d-4e8e-9a51-" + String.format(Locale.ROOT, "%012d", i) + ",user" + i
                    + ",\"Title, " + i + "\"," + "x".repeat(1150) + ",true,2025-03-13 01:49:" + (10 + i)
                    + "." + "123456".substring(0, 1 + i % 6) + "+00,2025-03-13 01:49:37+00\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        long[] sum = new long[1];
        ExportStore.LineSink counting = new ExportStore.LineSink() {
            @Override
            public void line(byte[] line) {
                sum[0] += line.length;
            }

            @Override
            public void line(byte[] head, int headLength, byte[] tail, int tailLength) {
                sum[0] += headLength + tail[tailLength - 2];
            }
        };
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            TrailingTimestamps sink = new TrailingTimestamps(2, ',', false, true, counting);
            long start = System.nanoTime();
            for (int i = 0; i < lines; i++) {
                sink.line(samples[i & 15]);
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) lines);
        }
        System.out.printf(Locale.ROOT, "TrailingTimestamps: %.1f ns per line (two timestamptz, best of 5 rounds"
                + " of %,d lines), %.0f ms per million rows (checksum %d)%n", best, lines, best, sum[0]);
        assertThat(sum[0]).isPositive();
    }

    private static String formatted(String raw, boolean formulaGuard) throws IOException {
        String line = lines(1, ',', false, formulaGuard, "a," + raw + "\n").get(0);
        assertThat(line).startsWith("a,").endsWith("\n");
        return line.substring(2, line.length() - 1);
    }

    /** The lines as a sink that joins the two parts receives them (the default). */
    private static List<String> lines(int fields, char delimiter, boolean header, boolean formulaGuard, String... lines)
            throws IOException {
        List<String> out = new ArrayList<>();
        TrailingTimestamps sink = new TrailingTimestamps(fields, delimiter, header, formulaGuard,
                line -> out.add(new String(line, StandardCharsets.UTF_8)));
        for (String line : lines) {
            sink.line(line.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
