package io.postdesk.config;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding for the parts of a database URL. */
final class UrlCodec {
    private UrlCodec() {
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Decodes %XX escapes. A '+' stays a '+' (it is a literal in the userinfo and path of a URL,
     * and passwords contain them).
     *
     * @throws IllegalArgumentException on a broken escape; the message never repeats the text
     */
    static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a broken %-escape");
        }
    }
}
