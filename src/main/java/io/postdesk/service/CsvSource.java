package io.postdesk.service;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One pass over a CSV file as spreadsheets write it: UTF-8 with or without a BOM (dropped),
 * RFC 4180 quoting (line breaks inside quotes), the delimiter (comma, semicolon or tab) taken
 * from the header line. Streams record by record, so a 100 MB file is never held whole; each
 * record comes with the physical line it starts on, for messages a person can find in an editor.
 * Blank lines are skipped. Invalid UTF-8 fails with a message rather than turning into '?'.
 */
final class CsvSource implements Closeable, Iterable<CsvSource.Row> {
    /** A record and the line (1-based) of the file where it starts. */
    record Row(long line, CSVRecord record) {
        int size() {
            return record.size();
        }

        String get(int index) {
            return record.get(index);
        }
    }

    private static final int HEADER_LIMIT = 1 << 20;
    private static final char[] DELIMITERS = {',', ';', '\t'};

    private final LineCounter lines;
    private final CSVParser parser;
    private final char delimiter;
    private final long size;

    private CsvSource(Path file) throws IOException {
        InputStream bytes = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            size = Files.size(file);
            boolean bom = skipBom(bytes);
            Reader text = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                    1 << 16);
            delimiter = detectDelimiter(text);
            lines = new LineCounter(text, bom ? 3 : 0);
            parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get()
                    .parse(lines);
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    static CsvSource open(Path file) {
        try {
            return new CsvSource(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    char delimiter() {
        return delimiter;
    }

    /** The file's size when it was opened, in bytes. */
    long size() {
        return size;
    }

    /**
     * How far into the file the parser has read, in bytes: ahead of the records returned by at most
     * the parser's small buffer, and the whole file once the last record is out. (The readers
     * below the parser read further ahead, up to a megabyte for the header's delimiter; counting
     * here keeps progress honest on small files.)
     */
    long bytesRead() {
        return lines.bytes;
    }

    /**
     * The records in order. Broken quoting ends the walk with a {@link SyntaxError} in PostDesk's
     * words; other I/O errors (including text that is not UTF-8) come as UncheckedIOException, as
     * commons-csv's iterator throws them.
     */
    @Override
    public Iterator<Row> iterator() {
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && moreRecords()) {
                    CSVRecord record = records.next();
                    if (record.size() == 1 && record.get(0).isEmpty()) {
                        continue; // a blank line
                    }
                    next = new Row(lines.lineAt(record.getCharacterPosition()), record);
                }
                return next != null;
            }

            /** The parser reads the next record here, so this is where a broken record shows. */
            private boolean moreRecords() {
                long startLine = parser.getCurrentLineNumber() + 1; // line breaks read so far, plus one
                try {
                    return records.hasNext();
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof CSVException csv) {
                        throw new SyntaxError(startLine, describe(csv));
                    }
                    throw e;
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                next = null;
                return row;
            }
        };
    }

    /** A record the parser cannot read, so the rest of the file cannot be read either. */
    static final class SyntaxError extends RuntimeException {
        private final long line;

        SyntaxError(long line, String reason) {
            super(reason);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    /** commons-csv's two quoting errors in PostDesk's words (its own name the wrong line and say "encapsulated token"). */
    private static String describe(CSVException error) {
        String message = String.valueOf(error.getMessage());
        if (message.contains("EOF")) {
            return "a quoted value is not closed: the file ends before its closing quote (\").";
        }
        if (message.contains("between encapsulated token and delimiter")) {
            return "text follows a closing quote; inside a quoted value, write a quote as two (\"\").";
        }
        return "the line cannot be read as CSV; check its quotes.";
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the file starts with a UTF-8 byte order mark, which is then skipped. */
    private static boolean skipBom(InputStream bytes) throws IOException {
        bytes.mark(3);
        byte[] head = bytes.readNBytes(3);
        if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return true;
        }
        bytes.reset();
        return false;
    }

    /** The candidate found most often in the first line outside quotes; comma when none is. */
    static char detectDelimiter(Reader text) throws IOException {
        text.mark(HEADER_LIMIT);
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        int read = 0;
        for (int c = text.read(); c != -1 && read < HEADER_LIMIT - 1; c = text.read(), read++) {
            if (c == '"') {
                quoted = !quoted; // a doubled quote flips twice: still right
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int i = 0; i < DELIMITERS.length; i++) {
                    if (c == DELIMITERS[i]) {
                        counts[i]++;
                    }
                }
            }
        }
        text.reset();
        int best = 0;
        for (int i = 1; i < DELIMITERS.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return DELIMITERS[best];
    }

    static String describe(char delimiter) {
        return switch (delimiter) {
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '\t' -> "tab";
            default -> "'" + delimiter + "'";
        };
    }

    /**
     * Counts line breaks (LF, CRLF, lone CR) as the parser reads, remembering where lines start
     * only as far ahead as the parser's buffer, so a character position turns into a line number
     * without keeping the file. Also counts the UTF-8 bytes of what the parser has read, for progress.
     */
    private static final class LineCounter extends FilterReader {
        private final ArrayDeque<Long> starts = new ArrayDeque<>();
        private long position;
        private long line = 1;
        private boolean afterCr;
        private long bytes;

        LineCounter(Reader in, long bytesBefore) {
            super(in);
            this.bytes = bytesBefore;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c != -1) {
                see((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                see(buffer[offset + i]);
            }
            return n;
        }

        private void see(char c) {
            if (c == '\n' && afterCr) {
                if (!starts.isEmpty() && starts.peekLast() == position) {
                    starts.removeLast(); // CR LF is one break: the line starts after the LF
                }
                starts.addLast(position + 1);
            } else if (c == '\n' || c == '\r') {
                starts.addLast(position + 1);
            }
            afterCr = c == '\r';
            position++;
            // UTF-8 length; a surrogate pair is 4 bytes, 2 for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }

        /** The line of a character position; positions must not go backwards. */
        long lineAt(long characterPosition) {
            while (!starts.isEmpty() && starts.peekFirst() <= characterPosition) {
                starts.removeFirst();
                line++;
            }
            return line;
        }
    }

    static List<String> values(Row row) {
        return row.record().toList();
    }
}
