package io.postdesk.service;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of an import file: column names matched ignoring case and surrounding
 * spaces; unknown, repeated and missing columns are problems on line 1.
 */
final class CsvHeader {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names;
    private final long line;

    private CsvHeader(List<String> names, long line) {
        this.names = names;
        this.line = line;
    }

    static CsvHeader read(CsvSource.Row row, List<String> known, ProblemList problems) {
        return read(row, known, List.of(), problems);
    }

    /** As {@link #read(CsvSource.Row, List, ProblemList)}; columns named in {@code ignored} are read past. */
    static CsvHeader read(CsvSource.Row row, List<String> known, List<String> ignored, ProblemList problems) {
        List<String> names = CsvSource.values(row);
        CsvHeader header = new CsvHeader(names, row.line());
        for (int i = 0; i < names.size(); i++) {
            String name = normal(names.get(i));
            if (ignored.contains(name)) {
                continue;
            }
            if (!known.contains(name)) {
                problems.add(row.line(), names.get(i), "Unknown column; expected " + String.join(", ", known) + ".");
            } else if (header.index.putIfAbsent(name, i) != null) {
                problems.add(row.line(), names.get(i), "This column appears twice.");
            }
        }
        return header;
    }

    void require(String name, ProblemList problems) {
        if (!has(name)) {
            problems.add(line, "", "The header has no " + name + " column.");
        }
    }

    boolean has(String name) {
        return index.containsKey(name);
    }

    int size() {
        return names.size();
    }

    /** The value of the column in the row, or null when the file has no such column. */
    String get(CsvSource.Row row, String name) {
        Integer i = index.get(name);
        return i == null ? null : row.get(i);
    }

    String nameAt(int index) {
        return names.get(index);
    }

    /** The column's name as the file writes it, for messages. */
    String label(String name) {
        Integer i = index.get(name);
        return i == null ? name : names.get(i);
    }

    private static String normal(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
