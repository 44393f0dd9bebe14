package io.postdesk.store;

/** The little JSON the audit needs (strings, numbers, booleans, null); no library for ~20 lines. */
final class Json {
    private Json() {
    }

    static StringBuilder value(StringBuilder json, Object value) {
        if (value == null) {
            return json.append("null");
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return json.append(value);
        }
        return string(json, value.toString());
    }

    static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
