package io.postdesk.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An audit row's changes in words, one "field: old → new" line per field, in the order the
 * forms show them. The jsonb keeps full values; here long ones are cut short and line breaks
 * become spaces, so every field stays on one line.
 */
final class ChangeLines {
    static final int MAX_VALUE_LENGTH = 80;
    private static final List<String> FORM_ORDER = List.of("username", "email", "password", "title", "content",
            "published", "author", "posts");

    private record Line(String field, String text) {
    }

    private final List<Line> lines = new ArrayList<>();

    void change(String field, boolean hasOld, String oldValue, boolean hasNew, String newValue) {
        String text;
        if (hasOld && hasNew) {
            text = shown(oldValue) + " → " + shown(newValue);
        } else {
            text = shown(hasOld ? oldValue : newValue);
        }
        lines.add(new Line(field, text));
    }

    void note(String field, String text) {
        lines.add(new Line(field, shown(text)));
    }

    String text() {
        return lines.stream()
                .sorted(Comparator.comparingInt((Line line) -> position(line.field())).thenComparing(Line::field))
                .map(line -> line.field() + ": " + line.text())
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
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
