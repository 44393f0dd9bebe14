package io.postdesk.config;

import java.util.Map;
import java.util.Objects;

/**
 * Where a PostgreSQL server is, split into parts so the password never travels inside a URL
 * string that might end up in a log, an exception or a title bar.
 *
 * @param host        host name or address
 * @param port        TCP port
 * @param database    database name
 * @param user        role name, may be empty (the driver then uses the OS user)
 * @param password    password, may be empty; never printed by {@link #toString()}
 * @param parameters  further driver parameters such as sslmode
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {

    public DatabaseUrl {
        Objects.requireNonNull(host);
        Objects.requireNonNull(database);
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        parameters = Map.copyOf(parameters);
    }

    /** The JDBC URL without user and password; those go to the driver as properties. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://")
                .append(host.contains(":") ? "[" + host + "]" : host)
                .append(':').append(port).append('/').append(UrlCodec.encode(database));
        return url.append(query()).toString();
    }

    /**
     * The whole URL, password included, in the {@code postgres://} form the parser reads: only for
     * handing the database to a child process through its environment, never for showing.
     */
    public String withCredentials() {
        StringBuilder url = new StringBuilder("postgres://").append(UrlCodec.encode(user));
        if (!password.isEmpty()) {
            url.append(':').append(UrlCodec.encode(password));
        }
        url.append('@').append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port)
                .append('/').append(UrlCodec.encode(database));
        return url.append(query()).toString();
    }

    /** The driver parameters as a URL query ({@code ?a=b&c=d}, sorted), or nothing. */
    private String query() {
        StringBuilder query = new StringBuilder();
        for (var entry : new java.util.TreeMap<>(parameters).entrySet()) {
            query.append(query.isEmpty() ? '?' : '&').append(UrlCodec.encode(entry.getKey()))
                    .append('=').append(UrlCodec.encode(entry.getValue()));
        }
        return query.toString();
    }

    /** What people see: {@code user@host:port/db}, never the password. */
    public String displayName() {
        String who = user.isEmpty() ? "" : user + "@";
        String bracketed = host.contains(":") ? "[" + host + "]" : host;
        String where = port == 5432 ? bracketed : bracketed + ":" + port;
        return who + where + "/" + database;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
