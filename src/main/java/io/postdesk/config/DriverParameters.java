package io.postdesk.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters a database URL may carry to the driver. Only those PostDesk documents
 * (README, "Which database PostDesk opens") pass: the driver reads many more, and some of them
 * (socketFactory, sslfactory, sslhostnameverifier, authenticationPluginClassName, ...) make it load
 * and run a class named in the URL, so a pasted or planted URL must not reach it unchecked.
 * Values are checked here too, so a typo is a configuration error at start instead of a
 * misleading "server cannot be reached" later. The libpq spellings the blog's own URL may use
 * ({@code application_name}, {@code connect_timeout}) become the driver's.
 */
final class DriverParameters {
    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    /** What README lists, in the driver's spelling. */
    static final List<String> ALLOWED = List.of("sslmode", "sslrootcert", "sslcert", "sslkey", "connectTimeout",
            "ApplicationName");
    private static final Map<String, String> LIBPQ_NAMES = Map.of(
            "application_name", "ApplicationName", "connect_timeout", "connectTimeout");

    private DriverParameters() {
    }

    /**
     * @return the parameters in the driver's spelling
     * @throws IllegalArgumentException naming the parameter that is not allowed or has a wrong value
     */
    static Map<String, String> check(Map<String, String> parameters) {
        Map<String, String> checked = new LinkedHashMap<>();
        for (var entry : parameters.entrySet()) {
            String name = LIBPQ_NAMES.getOrDefault(entry.getKey(), entry.getKey());
            String value = entry.getValue();
            if (!ALLOWED.contains(name)) {
                throw new IllegalArgumentException("the parameter '" + shown(entry.getKey()) + "' is not supported"
                        + " (PostDesk passes only " + String.join(", ", ALLOWED) + ", application_name, connect_timeout)");
            }
            if (name.equals("sslmode") && !SSL_MODES.contains(value)) {
                throw new IllegalArgumentException("sslmode '" + shown(value) + "' is not one of "
                        + String.join(", ", SSL_MODES));
            }
            if (name.equals("connectTimeout") && !value.matches("\\d{1,6}")) {
                throw new IllegalArgumentException(entry.getKey() + " must be a whole number of seconds");
            }
            if (checked.put(name, value) != null) {
                throw new IllegalArgumentException("the parameter '" + name + "' is given twice");
            }
        }
        return checked;
    }

    /**
     * A parameter's name or an sslmode value when it is a plain word; anything else (control
     * characters, something long that might be a misplaced password) is not repeated.
     */
    private static String shown(String text) {
        return text.matches("[A-Za-z0-9_.-]{1,40}") ? text : "(not shown)";
    }
}
