package io.postdesk.cli;

import java.util.regex.Pattern;

/** Hides passwords in text that may echo what the user typed (picocli's error messages). */
final class Secrets {
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^:/@\\s]*):[^@\\s]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s']*");

    private Secrets() {
    }

    static String mask(String text) {
        if (text == null) {
            return "";
        }
        String masked = USERINFO_PASSWORD.matcher(text).replaceAll("$1:***@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
    }
}
