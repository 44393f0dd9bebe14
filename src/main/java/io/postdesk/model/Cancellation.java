package io.postdesk.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets a caller stop a query that is already running in the database: the store registers how
 * to cancel its statement, the caller (a newer search) calls {@link #cancel()}.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<Runnable> action = new AtomicReference<>();

    /** Registers how to stop the running work; runs it at once if already cancelled. Null clears it. */
    public void onCancel(Runnable stop) {
        action.set(stop);
        if (stop != null && cancelled.get()) {
            stop.run();
        }
    }

    public void cancel() {
        if (!cancelled.getAndSet(true)) {
            Runnable stop = action.get();
            if (stop != null) {
                stop.run();
            }
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
