package io.postdesk.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;

/** Builds the one HikariCP pool a PostDesk window uses. */
public final class ConnectionPool {
    /**
     * Every session runs in UTC, whatever the zone of the machine: pgjdbc sends the JVM's default
     * zone as the session's TimeZone when it connects, and that zone decides how a TIMESTAMP
     * (without time zone) column compares with an instant, how to_char writes it in the export, and
     * what now() puts into it. PostDesk's rule (README, "Times"): a TIMESTAMP holds UTC wall-clock
     * time. A startup option (-c TimeZone=UTC) would not do: the server applies the driver's own
     * TimeZone parameter after the options, so the JVM's zone would win again.
     */
    static final String SESSION_ZONE = "SET TIME ZONE 'UTC'";

    private ConnectionPool() {
    }

    /**
     * The pool starts even when the server is down (initializationFailTimeout -1), so the window
     * can open and show that state; each borrow then fails within the connection timeout.
     */
    public static HikariDataSource create(DatabaseUrl url, PoolSettings settings, boolean readOnly) {
        return new HikariDataSource(config("postdesk", url, settings, readOnly));
    }

    /** As {@link #create}, reporting HikariCP's metrics of the pool to {@code metrics} (the Diagnostics view). */
    public static HikariDataSource create(DatabaseUrl url, PoolSettings settings, boolean readOnly, PoolMetrics metrics) {
        HikariConfig config = config("postdesk", url, settings, readOnly);
        metrics.install(config);
        return new HikariDataSource(config);
    }

    /**
     * One read-only connection apart from the pool for the Diagnostics view: it must show the pool
     * when the pool is full, and its own queries must not count in the pool's figures.
     */
    public static HikariDataSource createForDiagnostics(DatabaseUrl url, PoolSettings settings) {
        // A short lock timeout: a catalog read must not hang behind a session holding a table locked.
        PoolSettings one = new PoolSettings(1, 0, settings.connectionTimeout(), settings.idleTimeout(),
                settings.maxLifetime(), settings.socketTimeout(), java.time.Duration.ofSeconds(1));
        HikariConfig config = config("postdesk-diagnostics", url, one, true);
        config.addDataSourceProperty("ApplicationName", "PostDesk diagnostics");
        return new HikariDataSource(config);
    }

    /**
     * One connection apart from the pool for the window's change watch: it LISTENs for as long as
     * the window is open, and must not take a connection the executor's tasks count on.
     */
    public static HikariDataSource createForChangeWatch(DatabaseUrl url, PoolSettings settings) {
        PoolSettings one = new PoolSettings(1, 0, settings.connectionTimeout(), settings.idleTimeout(),
                settings.maxLifetime(), settings.socketTimeout(), settings.lockTimeout());
        HikariConfig config = config("postdesk-change-watch", url, one, false);
        driverProperty(config, "ApplicationName", "PostDesk change watch");
        return new HikariDataSource(config);
    }

    /**
     * One connection apart from the pool for the {@link LockWatch}: the pool may be full of
     * statements waiting for a lock, and the watcher must still be able to ask who holds it.
     */
    public static HikariDataSource createForLockWatch(DatabaseUrl url, PoolSettings settings) {
        PoolSettings one = new PoolSettings(1, 0, settings.connectionTimeout(), settings.idleTimeout(),
                settings.maxLifetime(), settings.socketTimeout(), settings.lockTimeout());
        HikariConfig config = config("postdesk-lock-watch", url, one, true);
        driverProperty(config, "ApplicationName", "PostDesk lock watch");
        return new HikariDataSource(config);
    }

    /**
     * This process's tag on its sessions ({@code postdesk.writer}, a custom setting any role may
     * set): V9 records it with each transaction, so the window tells its own changes from others'.
     */
    public static final String WRITER_TAG = java.util.UUID.randomUUID().toString();

    private static HikariConfig config(String name, DatabaseUrl url, PoolSettings settings, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user().isEmpty() ? null : url.user());
        config.setPassword(url.password().isEmpty() ? null : url.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setMinimumIdle(settings.minimumIdle());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 3_000));
        config.setIdleTimeout(settings.idleTimeout().toMillis());
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        config.setInitializationFailTimeout(-1);
        config.setConnectionInitSql(SESSION_ZONE);
        // Driver timeouts in seconds: a dead host fails the TCP connect fast, a half-open
        // connection does not hang a worker forever, keep-alive notices a vanished server.
        long connectSeconds = Math.max(1, settings.connectionTimeout().toSeconds());
        driverProperty(config, "connectTimeout", connectSeconds);
        driverProperty(config, "loginTimeout", connectSeconds);
        driverProperty(config, "socketTimeout", socketTimeoutSeconds(settings.socketTimeout()));
        driverProperty(config, "tcpKeepAlive", true);
        driverProperty(config, "ApplicationName", "PostDesk");
        // A startup parameter, not connectionInitSql: no extra round trip, and it holds for every
        // statement on the connection, Flyway's and Hibernate's included (see PoolSettings).
        driverProperty(config, "options", "-c lock_timeout=" + settings.lockTimeout().toMillis()
                + " -c postdesk.writer=" + WRITER_TAG);
        driverProperty(config, "reWriteBatchedInserts", true);
        // Socket reads in blocks of up to 64 KiB under the driver's 8 KiB buffer (an export's rows).
        driverProperty(config, "socketFactory", ReadBufferedSocketFactory.class.getName());
        if (readOnly) {
            // Enforced by the driver on every statement, so even a bug cannot write.
            config.setReadOnly(true);
            driverProperty(config, "readOnly", true);
            driverProperty(config, "readOnlyMode", "always");
        }
        return config;
    }

    /**
     * Always as text: Hikari hands the properties to the driver as given, and pgjdbc reads them
     * with {@link java.util.Properties#getProperty}, which returns null for a value that is not a
     * String. A number or a boolean was silently dropped, so the socket timeout (issue 12: "the
     * 300 s socket timeout never fired"), the connect and login timeouts, keep-alive and batched
     * inserts never reached the driver.
     */
    private static void driverProperty(HikariConfig config, String name, Object value) {
        config.addDataSourceProperty(name, String.valueOf(value));
    }

    /** The driver counts whole seconds, and 0 means none: a timeout under a second becomes 1 s, not none. */
    static long socketTimeoutSeconds(java.time.Duration timeout) {
        return timeout.isZero() ? 0 : Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
