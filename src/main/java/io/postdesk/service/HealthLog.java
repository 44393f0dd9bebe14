package io.postdesk.service;

import io.postdesk.model.Diagnostics;
import io.postdesk.model.Health;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The periodic health check's results over time (the last {@link #KEPT}), the last failure and how
 * often the database came back after one: the Health part of the Diagnostics view.
 */
final class HealthLog {
    static final int KEPT = 120;
    private final Deque<Diagnostics.HealthSample> samples = new ArrayDeque<>();
    private String lastFailure;
    private Instant lastFailureAt;
    private int reconnects;
    private boolean down;

    synchronized void record(Health health) {
        Instant at = health.checkedAt() != null ? health.checkedAt() : Instant.now();
        samples.addLast(new Diagnostics.HealthSample(at, health.reachable() ? health.latency().toMillis() : null));
        while (samples.size() > KEPT) {
            samples.removeFirst();
        }
        if (!health.reachable()) {
            lastFailure = health.problem();
            lastFailureAt = at;
            down = true;
        } else if (down) {
            down = false;
            reconnects++;
        }
    }

    synchronized Diagnostics.HealthLog view() {
        return new Diagnostics.HealthLog(java.util.List.copyOf(samples), lastFailure, lastFailureAt, reconnects);
    }
}
