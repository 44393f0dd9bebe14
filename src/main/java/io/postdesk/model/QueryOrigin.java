package io.postdesk.model;

import java.util.concurrent.Callable;

/**
 * Which screen or command the statements of this thread run for ("Loading posts", "postdesk export"):
 * the slow-query log records it beside each statement, so an admin sees what was slow where.
 * Set by whatever starts the work (the UI's background tasks, the command line), read by the JDBC
 * listener on the same thread.
 */
public final class QueryOrigin {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private QueryOrigin() {
    }

    /** The origin set on this thread, else the thread's name (Hibernate's boot, Flyway, a test). */
    public static String current() {
        String origin = CURRENT.get();
        return origin != null ? origin : Thread.currentThread().getName();
    }

    /** Runs {@code work} with {@code origin} set, and puts back what was set before. */
    public static <T> T call(String origin, Callable<T> work) throws Exception {
        String previous = CURRENT.get();
        CURRENT.set(origin);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** For a thread that does one thing until it ends (a command line's main thread). */
    public static void set(String origin) {
        CURRENT.set(origin);
    }
}
