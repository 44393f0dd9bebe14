package io.postdesk.ui.common;

import io.postdesk.model.LockWait;
import io.postdesk.service.DatabaseConnection;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * Follows one task's lock wait while it runs: twice a second it asks the connection whether the
 * transaction on the task's worker thread waits for a lock (a look at what the lock watch last
 * saw, no query), and shows the wait, how long it has lasted, and Cancel in the task's
 * {@link WaitDisplay}. Keyed by the worker thread, so with several tasks waiting each view shows
 * its own wait and its Cancel ends its own statement. FX thread, except {@link #running}.
 */
final class LockWaitWatch {
    private static final Duration LOOK_EVERY = Duration.millis(500);

    private final WaitDisplay display;
    private final Supplier<DatabaseConnection> connection;
    private final Timeline looks = new Timeline(new KeyFrame(LOOK_EVERY, event -> look()));
    private final long startedNanos = System.nanoTime();
    private volatile Thread worker;
    private boolean showing;
    private boolean cancelling;

    LockWaitWatch(WaitDisplay display, Supplier<DatabaseConnection> connection) {
        this.display = display;
        this.connection = connection;
        looks.setCycleCount(Timeline.INDEFINITE);
    }

    void start() {
        looks.play();
    }

    /** The worker thread, from the worker itself: set while the work runs, null after. */
    void running(Thread thread) {
        worker = thread;
    }

    /** The task has ended: its wait (if shown) goes before its outcome is shown. */
    void stop() {
        looks.stop();
        if (showing) {
            showing = false;
            display.hideWait();
        }
    }

    private void look() {
        Thread thread = worker;
        DatabaseConnection open = connection.get();
        LockWait wait = thread == null || open == null ? null : open.lockWaitOn(thread);
        if (wait != null) {
            showing = true;
            if (cancelling) {
                display.showWait("Cancelling…", null);
            } else {
                long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
                display.showWait(wait.describe() + " — " + seconds + " s", this::cancel);
            }
        } else if (showing && !cancelling) {
            showing = false;
            display.hideWait();
        }
    }

    private void cancel() {
        Thread thread = worker;
        DatabaseConnection open = connection.get();
        if (thread != null && open != null) {
            cancelling = true;
            display.showWait("Cancelling…", null);
            open.cancelStatementOn(thread);
        }
    }
}
