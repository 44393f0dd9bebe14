package io.postdesk.model;

import java.time.Duration;
import java.time.Instant;

/** The outcome of one health check: reachable with a round-trip time, or the reason it is not. */
public record Health(boolean reachable, Duration latency, String problem, Instant checkedAt) {
    public static Health up(Duration latency) {
        return new Health(true, latency, null, Instant.now());
    }

    public static Health down(String problem) {
        return new Health(false, null, problem, Instant.now());
    }
}
