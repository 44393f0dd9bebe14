package io.postdesk.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An audit row's changes in words, in the order the forms show them. {@link #text()} is one
 * "field: old → new" line per field, long values cut short and line breaks made spaces, for a
 * table row; {@link #fullText()} keeps every value whole, line breaks included, for reading an
 * entry in full (the History view's pane under its table).
 */
final class ChangeLines {
    static final int MAX_VALUE_LENGTH = 80;
    private static final List<String> FORM_ORDER = List.of("username", "email", "password", "title", "content",
            "published", "author", "posts");

    private record Line(String field, String text, String full) {
    }

    private final List<Line> lines = new ArrayList<>();

    void change(String field, boolean hasOld, String oldValue, boolean hasNew, String newValue) {
        if (hasOld && hasNew) {
            String text = shown(oldValue) + " → " + shown(newValue);
            String full = fitsOneLine(oldValue) && fitsOneLine(newValue) ? field + ": " + text
                    : field + ", before:\n" + whole(oldValue) + "\n" + field + ", after:\n" + whole(newValue);
            lines.add(new Line(field, text, full));
        } else {
            note(field, hasOld ? oldValue : newValue);
        }
    }

    void note(String field, String value) {
        lines.add(new Line(field, shown(value),
                fitsOneLine(value) ? field + ": " + shown(value) : field + ":\n" + whole(value)));
    }

    String text() {
        return ordered().map(line -> line.field() + ": " + line.text()).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /**
     * Every value whole: a short one-line change reads "field: old → new" as in {@link #text()};
     * a long or multi-line value gets lines of its own ("field, before:" and "field, after:"), and
     * such a field is set apart by a blank line, so where one value ends and the next begins is plain.
     */
    String fullText() {
        return ordered().map(Line::full)
                .reduce((a, b) -> a + (a.contains("\n") || b.contains("\n") ? "\n\n" : "\n") + b).orElse("");
    }

    private Stream<Line> ordered() {
        return lines.stream()
                .sorted(Comparator.comparingInt((Line line) -> position(line.field())).thenComparing(Line::field));
    }

    private static boolean fitsOneLine(String value) {
        return value == null || value.indexOf('\n') < 0 && value.strip().equals(shown(value));
    }

    /** The value as it was saved, only blank ends trimmed. */
    private static String whole(String value) {
        return value == null ? "(empty)" : value.strip();
    }

    static String shown(String value) {
        if (value == null) {
            return "(empty)";
        }
        String oneLine = value.strip().replaceAll("\\s+", " ");
        if (oneLine.codePointCount(0, oneLine.length()) <= MAX_VALUE_LENGTH) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_VALUE_LENGTH - 1)) + "…";
    }

    private static int position(String field) {
        int index = FORM_ORDER.indexOf(field);
        return index < 0 ? FORM_ORDER.size() : index;
    }
}
