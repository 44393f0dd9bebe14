package io.postdesk.model;

/**
 * Text from a file or the database made safe to print to a terminal or show in a dialog. A value
 * in an import file can hold terminal escape sequences (retitle the window, clear the screen),
 * thousands of NULs, or bidi overrides that make a line read backwards; echoed raw, the file
 * controls the admin's terminal. Here every control character becomes a visible escape
 * (ESC as {@code \e}, NUL as {@code \0}, tab, CR and LF as {@code \t \r \n}, any other C0 or C1
 * control, DEL, bidi control and line separator as {@code \}{@code uXXXX}) and the text is cut to a
 * length a line can hold, ending in "…". Only for showing: the data itself is never changed.
 */
public final class Printable {
    /** How much of a value a one-line message shows. */
    public static final int SHORT = 80;
    private static final String ELLIPSIS = "…";

    private Printable() {
    }

    /** Escaped and cut to {@link #SHORT} characters: for a value quoted inside a message. */
    public static String shortened(String text) {
        return shortened(text, SHORT);
    }

    /** Escaped and cut to at most {@code limit} code points, the last being "…" when cut. */
    public static String shortened(String text, int limit) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 8);
        int shown = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            String token = escape(codePoint);
            int length = token.codePointCount(0, token.length());
            boolean last = i >= text.length();
            // Keep room for the ellipsis unless this is the end of the text.
            if (shown + length > limit - (last ? 0 : 1)) {
                return out.append(ELLIPSIS).toString();
            }
            out.append(token);
            shown += length;
        }
        return out.toString();
    }

    /** Escaped but not cut: for a path or a whole message. */
    public static String escaped(String text) {
        return text == null ? "" : shortened(text, Integer.MAX_VALUE);
    }

    private static String escape(int c) {
        switch (c) {
            case 0x1B:
                return "\\e";
            case 0x00:
                return "\\0";
            case '\t':
                return "\\t";
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            default:
                return needsEscape(c) ? String.format("\\u%04X", c) : Character.toString(c);
        }
    }

    private static boolean needsEscape(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) // C0, DEL, C1
                || c == 0x061C || c == 0x200E || c == 0x200F // bidi marks
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) // bidi embeddings, overrides, isolates
                || c == 0x2028 || c == 0x2029 // line and paragraph separators
                || Character.getType(c) == Character.SURROGATE; // a lone half of a pair
    }
}
