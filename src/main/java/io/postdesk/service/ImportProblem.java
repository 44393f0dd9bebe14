package io.postdesk.service;

import io.postdesk.model.Printable;
import java.util.Locale;

/**
 * One bad line of an import file, or what makes the whole file unreadable.
 *
 * @param line   the physical line of the file where the record starts (1 is the header); 0 when the
 *               problem is the file as a whole (no rows)
 * @param column the column's name as the header has it, or "" for the whole line
 * @param reason PostDesk's own sentence; any text it quotes from the file is already made printable
 * @param byteNumber for a problem found in the raw bytes (not UTF-8, a NUL): the 1-based position
 *                   of the first bad byte; 0 otherwise
 */
public record ImportProblem(long line, String column, String reason, long byteNumber) {
    public ImportProblem(long line, String column, String reason) {
        this(line, column, reason, 0);
    }

    /**
     * As printed on the command line and in the import window: "line 3, title: reason", with the
     * column name (the file's text) escaped and cut, so a header cannot steer the terminal.
     */
    @Override
    public String toString() {
        String where;
        if (byteNumber > 0) {
            where = String.format(Locale.ROOT, "byte %,d (line %,d): ", byteNumber, line);
        } else if (line > 0) {
            where = "line " + line + (column.isEmpty() ? "" : ", " + Printable.shortened(column)) + ": ";
        } else {
            where = "";
        }
        return where + Printable.escaped(reason);
    }
}
