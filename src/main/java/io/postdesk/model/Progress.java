package io.postdesk.model;

/**
 * How far a long piece of work is: {@code done} of {@code total} (total may be an estimate, or -1
 * when unknown), and the rate so far, from which the time left follows.
 */
public record Progress(long done, long total, double perSecond) {

    /** Seconds left at the rate so far, or -1 when the total or the rate is unknown. */
    public long secondsLeft() {
        if (total < 0 || perSecond <= 0) {
            return -1;
        }
        return Math.max(0, Math.round((total - done) / perSecond));
    }

    /** Receives progress reports; called on the worker's thread. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = progress -> { };

        void update(Progress progress);
    }
}
