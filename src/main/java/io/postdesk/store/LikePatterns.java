package io.postdesk.store;

/**
 * Turns what a person typed into a LIKE pattern that matches it literally (DESIGN rule 6):
 * {@code \}, {@code %} and {@code _} lose their wildcard meaning. The patterns are used with
 * {@code ESCAPE '\'} and always travel as parameters, never inside the SQL text.
 */
public final class LikePatterns {
    private LikePatterns() {
    }

    /** The text with LIKE's special characters escaped; the backslash first, so no escape is escaped twice. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Matches values that contain the text anywhere. */
    public static String contains(String text) {
        return "%" + escape(text) + "%";
    }

    /** Matches values that begin with the text. */
    public static String startsWith(String text) {
        return escape(text) + "%";
    }
}
