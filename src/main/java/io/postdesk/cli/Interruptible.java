package io.postdesk.cli;

import io.postdesk.model.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs long work so that Ctrl+C cancels it cleanly: the shutdown hook cancels, then waits for
 * the work to roll back or delete its temporary file before the JVM ends.
 */
final class Interruptible {
    private Interruptible() {
    }

    static <T> T run(Function<Cancellation, T> work) {
        Cancellation cancellation = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancellation.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "postdesk-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.apply(cancellation);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is waiting for us, and we are done
            }
        }
    }
}
