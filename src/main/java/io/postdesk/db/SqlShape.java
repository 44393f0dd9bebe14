package io.postdesk.db;

import java.util.regex.Pattern;

/**
 * A statement's shape for the slow-query list: its text with every quoted literal replaced by
 * {@code ?}. Bound values never reach the text, but PostDesk inlines some literals (the search
 * text, see store/InlineSql), and those may be personal data too.
 */
public final class SqlShape {
    /** 'text' (quotes doubled inside), E'text' with backslash escapes, and $tag$text$tag$. */
    private static final Pattern LITERALS = Pattern.compile(
            "(?s)[Ee]'(?:[^'\\\\]|\\\\.|'')*'|'(?:[^']|'')*'|\\$([A-Za-z_]*)\\$.*?\\$\\1\\$");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    static final int MAX_LENGTH = 600;

    private SqlShape() {
    }

    public static String of(String sql) {
        String shape = SPACE.matcher(LITERALS.matcher(sql).replaceAll("?")).replaceAll(" ").trim();
        return shape.length() <= MAX_LENGTH ? shape : shape.substring(0, MAX_LENGTH - 1) + "…";
    }
}
