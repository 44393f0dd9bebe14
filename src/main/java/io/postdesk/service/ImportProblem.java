package io.postdesk.service;

/**
 * One bad line of an import file.
 *
 * @param line   the physical line of the file where the record starts (1 is the header)
 * @param column the column's name as the header has it, or "" for the whole line
 */
public record ImportProblem(long line, String column, String reason) {
    @Override
    public String toString() {
        return "line " + line + (column.isEmpty() ? "" : ", " + column) + ": " + reason;
    }
}
