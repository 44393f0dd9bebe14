package io.postdesk.config;

import java.time.Duration;

/**
 * Connection pool and driver timeouts. Defaults are the blog application's pool (max 10, min 2,
 * idle 10 min, lifetime 30 min) with short connect timeouts so a dead server fails in seconds,
 * not after the driver's default of minutes.
 */
public record PoolSettings(int maximumPoolSize, int minimumIdle, Duration connectionTimeout,
                           Duration idleTimeout, Duration maxLifetime, Duration socketTimeout) {

    public static final PoolSettings DEFAULTS = new PoolSettings(10, 2, Duration.ofSeconds(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(5));

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
    }

    /** Reads POSTDESK_POOL_MAX, POSTDESK_POOL_MIN and the *_MS timeouts; unset ones keep the default. */
    public static PoolSettings from(Settings settings) {
        return new PoolSettings(
                settings.getInt("POSTDESK_POOL_MAX", DEFAULTS.maximumPoolSize, 1, 1_000),
                settings.getInt("POSTDESK_POOL_MIN", DEFAULTS.minimumIdle, 0, 1_000),
                millis(settings, "POSTDESK_CONNECT_TIMEOUT_MS", DEFAULTS.connectionTimeout),
                millis(settings, "POSTDESK_IDLE_TIMEOUT_MS", DEFAULTS.idleTimeout),
                millis(settings, "POSTDESK_MAX_LIFETIME_MS", DEFAULTS.maxLifetime),
                millis(settings, "POSTDESK_SOCKET_TIMEOUT_MS", DEFAULTS.socketTimeout));
    }

    private static Duration millis(Settings settings, String name, Duration defaultValue) {
        return Duration.ofMillis(settings.getLong(name, defaultValue.toMillis()));
    }
}
