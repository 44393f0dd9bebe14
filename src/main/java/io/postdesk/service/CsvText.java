package io.postdesk.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first look at an import file, byte by byte, before any CSV parsing: is it UTF-8 text at all?
 * A NUL byte means a binary file (a spreadsheet's own format, an image, UTF-16), which would
 * otherwise become thousands of lines of garbage problems; a byte sequence that is not UTF-8 means
 * another encoding, which would turn letters into question marks. Either way the file is rejected
 * with the position of the first bad byte (1-based, as {@code cmp} counts) and its line (LF, CR or
 * CRLF end a line, as {@link CsvSource} counts them), so the user can find it in an editor.
 * One pass, in blocks, so a large file is never held whole.
 */
final class CsvText {
    static final String NOT_UTF8 = "not valid UTF-8; save the file as UTF-8 (in a spreadsheet: \"CSV UTF-8\").";
    static final String BINARY = "a NUL byte: this is not a text/CSV file. Choose a CSV file"
            + " (a spreadsheet saves one with Save As, \"CSV UTF-8\").";

    private CsvText() {
    }

    /** Nothing when the file is UTF-8 text without NULs; else the first bad byte as a problem. */
    static ImportProblem firstProblem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return scan(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImportProblem scan(InputStream in) throws IOException {
        byte[] block = new byte[1 << 16];
        long position = 0; // bytes before the block
        long line = 1;
        boolean afterCr = false;
        int expected = 0; // continuation bytes still due in the current sequence
        int low = 0x80;
        int high = 0xBF;
        long sequenceStart = 0;
        long sequenceLine = 1;
        for (int n = in.read(block); n >= 0; n = in.read(block)) {
            for (int i = 0; i < n; i++) {
                int b = block[i] & 0xFF;
                long here = position + i;
                if (expected > 0) {
                    if (b < low || b > high) {
                        return new ImportProblem(sequenceLine, "", NOT_UTF8, sequenceStart + 1);
                    }
                    expected--;
                    low = 0x80;
                    high = 0xBF;
                    continue;
                }
                sequenceStart = here;
                sequenceLine = line;
                if (b == 0) {
                    return new ImportProblem(line, "", BINARY, here + 1);
                } else if (b < 0x80) {
                    if (b == '\n') {
                        if (!afterCr) {
                            line++;
                        }
                    } else if (b == '\r') {
                        line++;
                    }
                    afterCr = b == '\r';
                    continue;
                }
                afterCr = false;
                // The first byte decides the length and the range of the next byte (Unicode table 3-7):
                // no overlong forms, no surrogates, nothing above U+10FFFF.
                if (b >= 0xC2 && b <= 0xDF) {
                    expected = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    expected = 2;
                    low = b == 0xE0 ? 0xA0 : 0x80;
                    high = b == 0xED ? 0x9F : 0xBF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    expected = 3;
                    low = b == 0xF0 ? 0x90 : 0x80;
                    high = b == 0xF4 ? 0x8F : 0xBF;
                } else {
                    return new ImportProblem(line, "", NOT_UTF8, here + 1);
                }
            }
            position += n;
        }
        return expected > 0 ? new ImportProblem(sequenceLine, "", NOT_UTF8, sequenceStart + 1) : null;
    }
}
