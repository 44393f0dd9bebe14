package io.postdesk.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the two URL forms people paste: the libpq/Heroku form the blog's own code uses
 * ({@code postgres://user:pass@host:port/db?sslmode=require}) and the JDBC form
 * ({@code jdbc:postgresql://host:port/db?user=..&password=..}).
 *
 * <p>Written by hand rather than with {@link java.net.URI} because URI's exceptions quote the
 * whole input, password included, and because real passwords break URI's grammar.
 */
public final class DatabaseUrlParser {
    static final int DEFAULT_PORT = 5432;

    private DatabaseUrlParser() {
    }

    /**
     * @param raw    the URL as given
     * @param origin where it came from, for the message ("DATABASE_URL in .env")
     */
    public static DatabaseUrl parse(String raw, String origin) {
        try {
            return parse(raw == null ? "" : raw.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("The database URL from " + origin + " is not valid: "
                    + e.getMessage() + ". Expected postgres://user:password@host:port/database"
                    + " or jdbc:postgresql://host:port/database.");
        }
    }

    private static DatabaseUrl parse(String url) {
        if (url.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        String rest = stripScheme(url);
        String query = "";
        // The userinfo '@' comes before the query; an '@' inside the query (?password=p@ss) is data.
        int firstQuestionMark = rest.indexOf('?');
        int at = rest.lastIndexOf('@', firstQuestionMark >= 0 ? firstQuestionMark : rest.length());
        int queryStart = rest.indexOf('?', Math.max(at, 0));
        if (queryStart >= 0) {
            query = rest.substring(queryStart + 1);
            rest = rest.substring(0, queryStart);
        }
        String userInfo = "";
        if (at >= 0) {
            userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        if (userInfo.indexOf('@') >= 0) {
            // user:pa@ss@host would quietly take "pa@ss" as the password; better to say what to write
            throw new IllegalArgumentException("the user name or password contains an '@' that is not"
                    + " percent-encoded; write it as %40");
        }
        int slash = rest.indexOf('/');
        String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? UrlCodec.decode(rest.substring(slash + 1)) : "";

        Map<String, String> parameters = parseQuery(query);
        String user = parameters.remove("user");
        String password = parameters.remove("password");
        parameters = DriverParameters.check(parameters);
        if (!userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = UrlCodec.decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            if (colon >= 0) {
                password = UrlCodec.decode(userInfo.substring(colon + 1));
            }
        }
        HostPort hp = parseHostPort(hostPort);
        if (database.isEmpty()) {
            throw new IllegalArgumentException("the database name is missing (add /name after the host)");
        }
        if (database.contains("/")) {
            throw new IllegalArgumentException("the database name contains '/'");
        }
        return new DatabaseUrl(hp.host(), hp.port(), database, user, password, parameters);
    }

    private static String stripScheme(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("it has no scheme such as postgres://");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgres") && !scheme.equals("postgresql") && !scheme.equals("jdbc:postgresql")) {
            throw new IllegalArgumentException("the scheme '" + safeScheme(scheme) + "' is not PostgreSQL");
        }
        return url.substring(schemeEnd + 3);
    }

    /** A scheme is not secret, but cap it so a pasted password without "://" is never echoed in full. */
    private static String safeScheme(String scheme) {
        return scheme.length() <= 20 && scheme.matches("(jdbc:)?[a-z0-9+.-]*") ? scheme : "(unrecognised)";
    }

    private record HostPort(String host, int port) {
    }

    private static HostPort parseHostPort(String hostPort) {
        String host;
        String port = "";
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("the IPv6 host has no closing ']'");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("unexpected text after the IPv6 host");
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            port = colon >= 0 ? hostPort.substring(colon + 1) : "";
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is missing");
        }
        if (host.contains(",")) {
            throw new IllegalArgumentException("several hosts are not supported");
        }
        if (!host.matches("[A-Za-z0-9._%:-]+")) {
            throw new IllegalArgumentException("the host contains characters a host name cannot have");
        }
        return new HostPort(host, port.isEmpty() ? DEFAULT_PORT : parsePort(port));
    }

    private static int parsePort(String port) {
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("the port is not a number");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("the port " + value + " is outside 1-65535");
        }
        return value;
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = UrlCodec.decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = eq >= 0 ? UrlCodec.decode(pair.substring(eq + 1)) : "";
            if (key.isEmpty()) {
                throw new IllegalArgumentException("a query parameter has no name");
            }
            parameters.put(key, value);
        }
        return parameters;
    }
}
