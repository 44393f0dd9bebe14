package io.postdesk.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waiting in tests for something another thread or the server makes true, by polling with TestFX's
 * {@code WaitForAsyncUtils.waitFor} (no fixed sleeps in the tests themselves).
 */
public final class Eventually {
    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} after {@code limit}. */
    public static void until(Duration limit, Supplier<String> what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError(what.get() + " (waited " + limit.toSeconds() + " s)");
        }
    }

    /** Reads until {@code done} accepts what was read, and returns that; the failure shows the last value. */
    public static <T> T read(Duration limit, Callable<T> read, Predicate<T> done) throws Exception {
        AtomicReference<T> last = new AtomicReference<>();
        until(limit, () -> "not reached: " + last.get(), () -> {
            last.set(read.call());
            return done.test(last.get());
        });
        return last.get();
    }

    /** Until another session of the server that {@code connect} reaches runs a statement containing {@code text}. */
    public static void activeQuery(Callable<Connection> connect, String text) throws Exception {
        until(Duration.ofSeconds(30), () -> "the query with '" + text + "' did not start", () -> {
            try (Connection jdbc = connect.call(); ResultSet rs = jdbc.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%" + text + "%'"
                            + " AND pid <> pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        });
    }

    /** Until another session of the server that {@code connect} reaches waits for a lock (another session holds). */
    public static void lockWait(Callable<Connection> connect) throws Exception {
        until(Duration.ofSeconds(30), () -> "no session came to wait for a lock", () -> {
            try (Connection jdbc = connect.call(); ResultSet rs = jdbc.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        });
    }
}
