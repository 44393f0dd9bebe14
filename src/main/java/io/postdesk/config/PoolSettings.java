package io.postdesk.config;

import java.time.Duration;

/**
 * Connection pool and driver timeouts. Defaults are the blog application's pool (max 10, min 2,
 * idle 10 min, lifetime 30 min) with short connect timeouts so a dead server fails in seconds,
 * not after the driver's default of minutes.
 *
 * <p>{@code lockTimeout} bounds how long any statement of PostDesk waits for a lock another session
 * holds (PostgreSQL's {@code lock_timeout}, set for every connection): a table locked by someone
 * else ends the statement with a message naming that session instead of a wait without end. The
 * socket timeout cannot do that: a server waiting on a lock keeps the connection open and silent,
 * and the driver's socket timeout only fires after minutes (then taking the connection with it).
 */
public record PoolSettings(int maximumPoolSize, int minimumIdle, Duration connectionTimeout,
                           Duration idleTimeout, Duration maxLifetime, Duration socketTimeout,
                           Duration lockTimeout) {

    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    public static final PoolSettings DEFAULTS = new PoolSettings(10, 2, Duration.ofSeconds(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(5), DEFAULT_LOCK_TIMEOUT);

    /** With the default lock timeout. */
    public PoolSettings(int maximumPoolSize, int minimumIdle, Duration connectionTimeout,
                        Duration idleTimeout, Duration maxLifetime, Duration socketTimeout) {
        this(maximumPoolSize, minimumIdle, connectionTimeout, idleTimeout, maxLifetime, socketTimeout,
                DEFAULT_LOCK_TIMEOUT);
    }

    public PoolSettings {
        if (maximumPoolSize < 1) {
            throw new ConfigurationException("The pool needs at least one connection (POSTDESK_POOL_MAX).");
        }
        if (minimumIdle < 0 || minimumIdle > maximumPoolSize) {
            throw new ConfigurationException("POSTDESK_POOL_MIN must be between 0 and POSTDESK_POOL_MAX.");
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new ConfigurationException("POSTDESK_CONNECT_TIMEOUT_MS must be at least 250 ms.");
        }
        if (lockTimeout.toMillis() < 1) {
            // 0 would mean "wait for ever" to PostgreSQL: exactly what this setting is there to prevent.
            throw new ConfigurationException("POSTDESK_LOCK_TIMEOUT_MS must be at least 1 ms.");
        }
    }

    /** The same settings with another lock timeout. */
    public PoolSettings withLockTimeout(Duration timeout) {
        return new PoolSettings(maximumPoolSize, minimumIdle, connectionTimeout, idleTimeout, maxLifetime,
                socketTimeout, timeout);
    }

    /** Reads POSTDESK_POOL_MAX, POSTDESK_POOL_MIN and the *_MS timeouts; unset ones keep the default. */
    public static PoolSettings from(Settings settings) {
        return new PoolSettings(
                settings.getInt("POSTDESK_POOL_MAX", DEFAULTS.maximumPoolSize, 1, 1_000),
                settings.getInt("POSTDESK_POOL_MIN", DEFAULTS.minimumIdle, 0, 1_000),
                millis(settings, "POSTDESK_CONNECT_TIMEOUT_MS", DEFAULTS.connectionTimeout),
                millis(settings, "POSTDESK_IDLE_TIMEOUT_MS", DEFAULTS.idleTimeout),
                millis(settings, "POSTDESK_MAX_LIFETIME_MS", DEFAULTS.maxLifetime),
                millis(settings, "POSTDESK_SOCKET_TIMEOUT_MS", DEFAULTS.socketTimeout),
                millis(settings, "POSTDESK_LOCK_TIMEOUT_MS", DEFAULTS.lockTimeout));
    }

    private static Duration millis(Settings settings, String name, Duration defaultValue) {
        return Duration.ofMillis(settings.getLong(name, defaultValue.toMillis()));
    }
}
