package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {

    @Test
    void defaults() {
        PoolSettings d = PoolSettings.DEFAULTS;

        assertThat(d.maximumPoolSize()).isEqualTo(10);
        assertThat(d.minimumIdle()).isEqualTo(2);
        assertThat(d.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void emptySettingsGiveDefaults() {
        assertThat(PoolSettings.from(new Settings(Map.of(), Map.of()))).isEqualTo(PoolSettings.DEFAULTS);
    }

    @Test
    void overridesFromSettings() {
        Settings settings = new Settings(
                Map.of("POSTDESK_POOL_MAX", "20", "POSTDESK_CONNECT_TIMEOUT_MS", "1500"),
                Map.of("POSTDESK_POOL_MIN", "5",
                        "POSTDESK_IDLE_TIMEOUT_MS", "60000",
                        "POSTDESK_MAX_LIFETIME_MS", "120000",
                        "POSTDESK_SOCKET_TIMEOUT_MS", "30000"));

        PoolSettings pool = PoolSettings.from(settings);

        assertThat(pool.maximumPoolSize()).isEqualTo(20);
        assertThat(pool.minimumIdle()).isEqualTo(5);
        assertThat(pool.connectionTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(pool.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(pool.maxLifetime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(pool.socketTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void partialOverrideKeepsOtherDefaults() {
        PoolSettings pool = PoolSettings.from(new Settings(Map.of("POSTDESK_POOL_MAX", "3"), Map.of()));

        assertThat(pool.maximumPoolSize()).isEqualTo(3);
        assertThat(pool.minimumIdle()).isEqualTo(2);
        assertThat(pool.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void minimumAboveMaximumIsRejected() {
        Settings settings = new Settings(Map.of("POSTDESK_POOL_MAX", "3", "POSTDESK_POOL_MIN", "4"), Map.of());

        assertThatThrownBy(() -> PoolSettings.from(settings))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("POSTDESK_POOL_MIN");
    }

    @Test
    void minimumEqualToMaximumIsAllowed() {
        Settings settings = new Settings(Map.of("POSTDESK_POOL_MAX", "3", "POSTDESK_POOL_MIN", "3"), Map.of());

        assertThat(PoolSettings.from(settings).minimumIdle()).isEqualTo(3);
    }

    @Test
    void maximumZeroIsRejected() {
        Settings settings = new Settings(Map.of("POSTDESK_POOL_MAX", "0", "POSTDESK_POOL_MIN", "0"), Map.of());

        assertThatThrownBy(() -> PoolSettings.from(settings))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("POSTDESK_POOL_MAX");
    }

    @Test
    void negativeMinimumIsRejected() {
        assertThatThrownBy(() -> new PoolSettings(10, -1, Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(5)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("POSTDESK_POOL_MIN");
    }

    @Test
    void lockTimeoutDefaultsToThirtySecondsAndCannotBeEndless() {
        assertThat(PoolSettings.DEFAULTS.lockTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(PoolSettings.from(new Settings(Map.of("POSTDESK_LOCK_TIMEOUT_MS", "2500"), Map.of())).lockTimeout())
                .isEqualTo(Duration.ofMillis(2500));
        assertThatThrownBy(() -> PoolSettings.from(new Settings(Map.of("POSTDESK_LOCK_TIMEOUT_MS", "0"), Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("POSTDESK_LOCK_TIMEOUT_MS");
    }

    @Test
    void tooShortConnectTimeoutIsRejected() {
        Settings settings = new Settings(Map.of("POSTDESK_CONNECT_TIMEOUT_MS", "249"), Map.of());

        assertThatThrownBy(() -> PoolSettings.from(settings))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("POSTDESK_CONNECT_TIMEOUT_MS");
    }

    @Test
    void nonNumericOverrideNamesTheVariable() {
        Settings settings = new Settings(Map.of(), Map.of("POSTDESK_IDLE_TIMEOUT_MS", "10min"));

        assertThatThrownBy(() -> PoolSettings.from(settings))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("POSTDESK_IDLE_TIMEOUT_MS");
    }

    @Test
    void hugeNumbersAreRejectedNotWrappedAround() {
        Settings settings = new Settings(Map.of("POSTDESK_POOL_MAX", "4294967306"), Map.of());
        assertThatThrownBy(() -> PoolSettings.from(settings))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("POSTDESK_POOL_MAX");
    }
}
