package io.postdesk.bench;

import java.util.function.Predicate;

/** A scenario's goal as the issue states it, and the check of a measured row against it. */
record Goal(String text, Predicate<Row> met) {

    static Goal p95Under(double millis) {
        return new Goal("p95 < " + Row.number(millis) + " ms", row -> row.ours().p95() < millis);
    }

    static Goal p50Under(double millis) {
        return new Goal("< " + Row.number(millis) + " ms", row -> row.ours().p50() < millis);
    }

    /** At most {@code ratio} times the baseline's p50. */
    static Goal atMostTimesBaseline(double ratio) {
        return new Goal("<= " + ratio + "x baseline", row -> row.ratio() <= ratio);
    }

    /** At least {@code times} faster than the baseline (p50 against p50). */
    static Goal fasterThanBaseline(double times) {
        return new Goal(">= " + Row.number(times) + "x faster than baseline",
                row -> row.ratio() > 0 && 1 / row.ratio() >= times);
    }

    Goal and(Goal other) {
        return new Goal(text + ", " + other.text, row -> met.test(row) && other.met.test(row));
    }
}
