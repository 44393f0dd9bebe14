package io.postdesk.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A server database the user saved in the connection dialog. It holds no password: that lives in
 * the OS keychain, a {@code .pgpass} file, or the session's memory (see {@link PasswordSources}).
 *
 * @param rootCertificate the CA file for verify-ca and verify-full, or "" for the driver's default
 * @param poolSize        the pool's maximum connections
 */
public record SavedConnection(String name, String host, int port, String database, String user, SslMode sslMode,
                              String rootCertificate, boolean readOnly, int poolSize) {
    public static final int DEFAULT_POOL_SIZE = PoolSettings.DEFAULTS.maximumPoolSize();
    public static final int MAX_POOL_SIZE = 50;

    public SavedConnection {
        name = Objects.requireNonNull(name).strip();
        host = Objects.requireNonNull(host).strip();
        database = Objects.requireNonNull(database).strip();
        user = user == null ? "" : user.strip();
        sslMode = sslMode == null ? SslMode.PREFER : sslMode;
        rootCertificate = rootCertificate == null ? "" : rootCertificate.strip();
    }

    /**
     * The fields a pasted URL fills; the URL's password is returned apart so the caller can offer
     * to keep it in the keychain (it never goes into the saved file).
     */
    public static SavedConnection fromUrl(String name, DatabaseUrl url) {
        Map<String, String> parameters = url.parameters();
        String mode = parameters.getOrDefault("sslmode", "prefer");
        SslMode sslMode = mode.equals("allow") ? SslMode.PREFER : SslMode.of(mode);
        return new SavedConnection(name, url.host(), url.port(), url.database(), url.user(), sslMode,
                parameters.getOrDefault("sslrootcert", ""), false, DEFAULT_POOL_SIZE);
    }

    /**
     * What the fields may not be; empty when they are fine.
     *
     * @return a sentence naming the field to fix, or ""
     */
    public String problem() {
        if (name.isEmpty()) {
            return "Give the connection a name.";
        }
        if (name.equalsIgnoreCase(ConnectionStore.EMBEDDED_NAME)) {
            return "\"" + ConnectionStore.EMBEDDED_NAME + "\" is the built-in database's name; choose another.";
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._%:-]+")) {
            return "The host must be a host name or an address.";
        }
        if (port < 1 || port > 65535) {
            return "The port must be between 1 and 65535.";
        }
        if (database.isEmpty() || database.contains("/")) {
            return "Name the database (without '/').";
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            return "The pool size must be between 1 and " + MAX_POOL_SIZE + ".";
        }
        return "";
    }

    /** The URL the pool connects with; {@code password} may be empty (then the server may ask for none). */
    public DatabaseUrl url(String password) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("sslmode", sslMode.word());
        if (!rootCertificate.isEmpty()) {
            parameters.put("sslrootcert", rootCertificate);
        }
        return new DatabaseUrl(host, port, database, user, password, parameters);
    }

    /** user@host:port/db: for the list, the title and the status bar; never a password. */
    public String displayName() {
        return url("").displayName();
    }

    /** The pool settings of the environment with this connection's pool size. */
    public PoolSettings pool(PoolSettings base) {
        return new PoolSettings(poolSize, Math.min(base.minimumIdle(), poolSize), base.connectionTimeout(),
                base.idleTimeout(), base.maxLifetime(), base.socketTimeout(), base.lockTimeout());
    }

    public SavedConnection named(String newName) {
        return new SavedConnection(newName, host, port, database, user, sslMode, rootCertificate, readOnly, poolSize);
    }
}
