package io.postdesk.bench;

import java.util.Arrays;

/**
 * Times of repeated runs of one scenario, in milliseconds, with the p50 and p95 the table shows
 * (nearest rank: the p95 of 20 runs is the 19th fastest).
 */
record Timings(double[] millis) {

    /** Something measured; may throw (the scenario then shows as failed). */
    @FunctionalInterface
    interface Run {
        void run() throws Exception;
    }

    /**
     * One untimed warm-up (caches, prepared statements, the JIT), then {@code runs} timed runs,
     * fewer when they are slow: after {@code budgetMillis} of timed runs it stops at 3 or more.
     */
    static Timings measure(int runs, double budgetMillis, Run run) throws Exception {
        run.run();
        return measureCold(runs, budgetMillis, run);
    }

    /** As {@link #measure} without the warm-up: for runs that change data or take seconds each. */
    static Timings measureCold(int runs, double budgetMillis, Run run) throws Exception {
        double[] times = new double[runs];
        double total = 0;
        int done = 0;
        while (done < runs) {
            long start = System.nanoTime();
            run.run();
            times[done] = (System.nanoTime() - start) / 1e6;
            total += times[done++];
            if (done >= 3 && total > budgetMillis) {
                break;
            }
        }
        return new Timings(Arrays.copyOf(times, done));
    }

    static Timings of(double... millis) {
        return new Timings(millis.clone());
    }

    double p50() {
        return percentile(50);
    }

    double p95() {
        return percentile(95);
    }

    int runs() {
        return millis.length;
    }

    private double percentile(int p) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
