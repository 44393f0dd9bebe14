package io.postdesk.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.postdesk.model.Diagnostics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * HikariCP's own metrics of one pool (its Micrometer tracker), kept in memory for the Diagnostics
 * view: connections active, idle, waiting; time to get one and time held as percentiles over the
 * last minutes; timeouts. One registry per pool: a replaced pool starts with its own figures.
 */
public final class PoolMetrics {
    private static final String PREFIX = "hikaricp.connections";
    /** Null when off: no Micrometer at all (a command that never shows the figures). */
    private final SimpleMeterRegistry registry;

    public PoolMetrics() {
        registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith(PREFIX)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentiles(0.5, 0.95, 0.99)
                        .expiry(Duration.ofMinutes(5)).bufferLength(5).build().merge(config);
            }
        });
    }

    private PoolMetrics(Void off) {
        registry = null;
    }

    /**
     * No figures (all zero): for a command that never shows them. Micrometer's registry and
     * HikariCP's tracker with its percentile histograms are some 140 classes (and their lambda
     * forms) loaded at start (docs/PERFORMANCE.md, export12), on every command of a few seconds.
     */
    public static PoolMetrics off() {
        return new PoolMetrics((Void) null);
    }

    public boolean isOn() {
        return registry != null;
    }

    /** Makes the pool built from {@code config} report here. */
    void install(HikariConfig config) {
        if (registry == null) {
            return;
        }
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    public Diagnostics.Pool figures() {
        return new Diagnostics.Pool(gauge(".active"), gauge(".idle"), gauge(".pending"), gauge(""), gauge(".max"),
                times(".acquire"), times(".usage"), (long) count(".timeout"));
    }

    private int gauge(String suffix) {
        if (registry == null) {
            return 0;
        }
        Gauge gauge = registry.find(PREFIX + suffix).gauge();
        return gauge == null ? 0 : (int) gauge.value();
    }

    private double count(String suffix) {
        if (registry == null) {
            return 0;
        }
        var counter = registry.find(PREFIX + suffix).counter();
        return counter == null ? 0 : counter.count();
    }

    private Diagnostics.Times times(String suffix) {
        Timer timer = registry == null ? null : registry.find(PREFIX + suffix).timer();
        if (timer == null) {
            return new Diagnostics.Times(0, 0, 0, 0, 0);
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        double[] at = new double[3];
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            int index = value.percentile() < 0.9 ? 0 : value.percentile() < 0.98 ? 1 : 2;
            at[index] = value.value(TimeUnit.MILLISECONDS);
        }
        return new Diagnostics.Times(snapshot.count(), at[0], at[1], at[2], snapshot.max(TimeUnit.MILLISECONDS));
    }
}
