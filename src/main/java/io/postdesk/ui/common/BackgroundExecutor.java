package io.postdesk.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one executor every database task runs on: a few named daemon threads (fewer than the
 * pool's connections, so tasks never queue for a connection), failures logged, shut down on exit.
 */
public final class BackgroundExecutor implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundExecutor.class);

    private final ExecutorService executor;

    public BackgroundExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "postdesk-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> log.error("Uncaught failure on {}", t.getName(), e));
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    /**
     * Runs the command; after {@link #close()} (the window is closing) it is dropped, not thrown,
     * and cancelled when it is a task, so what waits for its end (a lock-wait watch's timer) ends too.
     */
    @Override
    public void execute(Runnable command) {
        if (executor.isShutdown()) {
            log.debug("Dropped a task submitted while PostDesk shuts down");
            cancel(command);
            return;
        }
        try {
            executor.execute(command);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Dropped a task submitted while PostDesk shuts down", e);
            cancel(command);
        }
    }

    private static void cancel(Runnable dropped) {
        if (dropped instanceof Future<?> task) {
            task.cancel(false);
        }
    }

    /**
     * Interrupts running tasks, cancels the queued ones (they never run, and their callbacks see the
     * cancel) and waits briefly; daemon threads never keep the JVM alive.
     */
    @Override
    public void close() {
        executor.shutdownNow().forEach(BackgroundExecutor::cancel);
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Background tasks still running at exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
