package io.postdesk.config;

import java.util.Locale;

/** The SSL modes a saved connection offers, in libpq's and the driver's spelling. */
public enum SslMode {
    DISABLE, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** "verify-ca": the word in URLs and in the saved file. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the server's certificate is checked against a root certificate. */
    public boolean verifies() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /** @throws IllegalArgumentException naming the modes PostDesk knows */
    public static SslMode of(String word) {
        for (SslMode mode : values()) {
            if (mode.word().equals(word)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("the SSL mode is not one of disable, prefer, require, verify-ca, verify-full");
    }

    @Override
    public String toString() {
        return word();
    }
}
