package io.postdesk.ui;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.PoolSettings;
import io.postdesk.model.StartupTimes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The database's first opening, begun by the launcher before the JavaFX toolkit starts, so that the
 * embedded server's start, the first connection and the schema check run beside the toolkit's start
 * and the window's build instead of after them (docs/PERFORMANCE.md, "startup").
 *
 * <p>It runs exactly what {@link Connector} runs for an opening ({@link Connector#open}), on a thread
 * of its own (the window's executor does not exist yet). The window's connector takes it over with
 * {@link Connector#start(EarlyOpening)}: the steps from then on (and the last one before) reach the
 * window, and the result, a failure too (another PostDesk holds the data folder, the server did not
 * start), is handled as an opening begun by the connector would be. No JavaFX is touched here before
 * the connector takes over.
 */
public final class EarlyOpening {
    private final DatabaseTarget target;
    private final PoolSettings pool;
    private final LaunchOptions options;
    private final Consumer<io.postdesk.service.Workspace> readAhead;
    private final CompletableFuture<Connector.Connected> result = new CompletableFuture<>();
    /** The connection being opened, once connected (before the schema steps, which may wait for locks). */
    private final CompletableFuture<io.postdesk.service.DatabaseConnection> connecting = new CompletableFuture<>();
    /** The thread the opening runs on: whose lock waits the window's task shows. */
    private volatile Thread thread;
    private final Object lock = new Object();
    /** Where the steps go once a connector has taken this over; null before. */
    private Consumer<String> steps;
    /** The step under way, replayed to the connector that takes this over. */
    private String lastStep;
    private boolean taken;

    private EarlyOpening(DatabaseTarget target, PoolSettings pool, LaunchOptions options,
                         Consumer<io.postdesk.service.Workspace> readAhead) {
        this.readAhead = readAhead;
        this.target = target;
        this.pool = pool;
        this.options = options;
    }

    /** Begins opening {@code target} on a thread of its own, recording its phases in {@code times}. */
    public static EarlyOpening begin(DatabaseTarget target, PoolSettings pool, LaunchOptions options,
                                     StartupTimes times) {
        return begin(target, pool, options, times, () -> { }, workspace -> { });
    }

    /**
     * As {@link #begin(DatabaseTarget, PoolSettings, LaunchOptions, StartupTimes)}: {@code first} runs first on
     * the opening's thread (waiting for logging to be configured), and {@code readAhead} once the database is open.
     */
    public static EarlyOpening begin(DatabaseTarget target, PoolSettings pool, LaunchOptions options,
                                     StartupTimes times, Runnable first,
                                     Consumer<io.postdesk.service.Workspace> readAhead) {
        EarlyOpening opening = new EarlyOpening(target, pool, options, readAhead);
        Thread thread = new Thread(() -> {
            first.run();
            opening.run(times);
        }, "postdesk-early-open");
        thread.setDaemon(true);
        opening.thread = thread;
        thread.start();
        return opening;
    }

    private void run(StartupTimes times) {
        try {
            result.complete(Connector.open(target, pool, options, times, this::report, readAhead, connecting::complete));
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    public DatabaseTarget target() {
        return target;
    }

    public PoolSettings pool() {
        return pool;
    }

    private void report(String step) {
        synchronized (lock) {
            lastStep = step;
            if (steps != null) {
                steps.accept(step);
            }
        }
    }

    /**
     * The connector's background task: from now on the steps go to {@code to} (the one under way
     * first), the connection being opened to {@code connected} (for its lock waits, which this
     * thread then shows and cancels as its own), and the result, when there is one, is returned, or
     * its failure thrown as it was.
     */
    Connector.Connected await(Consumer<String> to, Consumer<io.postdesk.service.DatabaseConnection> connected) {
        synchronized (lock) {
            if (taken) {
                throw new IllegalStateException("The early opening was already taken");
            }
            taken = true;
            steps = to;
            if (lastStep != null) {
                to.accept(lastStep);
            }
        }
        Thread waiter = Thread.currentThread();
        CompletableFuture<Runnable> following = connecting.thenApply(connection -> {
            connected.accept(connection);
            return connection.followLockWaits(waiter, thread);
        });
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        } finally {
            following.thenAccept(Runnable::run);
        }
    }

    /** True once a connector has taken this over (or it was closed untaken). */
    boolean isTaken() {
        synchronized (lock) {
            return taken;
        }
    }

    /**
     * After the window has gone: an opening no connector took (the toolkit did not start) is closed
     * when it is done, so the embedded server stops and the data folder is free again.
     */
    public void closeIfNotTaken() {
        synchronized (lock) {
            if (taken) {
                return;
            }
            taken = true;
        }
        result.thenAccept(connected -> connected.connection().close());
    }
}
