package io.postdesk.db;

import io.postdesk.model.LockWait;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the transactions PostDesk has running: when one has run for more than a moment, a
 * daemon thread asks the server, over a connection of its own, whether it waits for a lock and
 * who holds it ({@code pg_blocking_pids} and {@code pg_stat_activity}), about once a second while
 * it runs. Listeners hear of the longest wait (or null when none is left), so the window and the
 * command line can say what PostDesk waits for instead of spinning in silence.
 *
 * <p>It also knows every running statement's connection, so Ctrl+C can cancel them all in the
 * server ({@link #cancelAll()}) whatever they are, with or without a {@code Cancellation}.
 */
public final class LockWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LockWatch.class);
    /** A wait shorter than this is not worth a word (nor a query). */
    static final Duration REPORT_AFTER = Duration.ofSeconds(1);
    private static final Duration POLL_EVERY = Duration.ofMillis(500);
    /**
     * While work that retries has not been seen waiting yet: each of its tries waits half a second
     * (its lock_timeout), so a look every half second could fall between them try after try.
     */
    private static final Duration POLL_RETRIES_EVERY = Duration.ofMillis(100);
    private static final String BLOCKERS = """
            SELECT w.pid AS waiting, b.pid, b.usename, b.application_name, host(b.client_addr) AS client, b.state,
                   coalesce(b.xact_start, b.backend_start) AS since,
                   CASE WHEN b.query LIKE '<insufficient privilege>%' THEN NULL ELSE b.query END AS query,
                   (SELECT l.relation::regclass::text FROM pg_locks l
                     WHERE l.pid = w.pid AND NOT l.granted AND l.relation IS NOT NULL LIMIT 1) AS relation
              FROM pg_stat_activity w
             CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocking(pid)
              JOIN pg_stat_activity b ON b.pid = blocking.pid
             WHERE w.pid = ANY (?)
             ORDER BY w.pid, b.xact_start NULLS LAST""";

    private final DataSource watcherConnections;
    private final Map<Integer, Running> running = new ConcurrentHashMap<>();
    /** Work that tries its statements again after a lock timeout, by the thread it runs on. */
    private final Map<Thread, Retries> retrying = new ConcurrentHashMap<>();
    /** A thread that waits for work running on another (the key's waits are the value's): see {@link #follow}. */
    private final Map<Thread, Thread> following = new ConcurrentHashMap<>();
    private final List<Consumer<LockWait>> listeners = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private volatile LockWait current;
    private volatile boolean closed;
    private Thread thread;

    /** @param watcherConnections connections apart from the pool, which may be full of waiting statements */
    public LockWatch(DataSource watcherConnections) {
        this.watcherConnections = watcherConnections;
    }

    /** One running transaction; close it when the transaction ends. */
    public final class Registration implements AutoCloseable {
        private final Running entry;

        private Registration(Running entry) {
            this.entry = entry;
        }

        /** The last wait seen for this transaction (kept after the wait ended, for the error message). */
        public LockWait lastWait() {
            return entry.lastSeen;
        }

        /** How long the transaction has run (for a lock timeout: about how long it waited). */
        public Duration age() {
            return Duration.ofNanos(System.nanoTime() - entry.startedNanos);
        }

        /** True when {@link #cancel(Thread)} asked the server to end this transaction's statement. */
        public boolean cancelledByUser() {
            return entry.cancelled;
        }

        @Override
        public void close() {
            if (running.remove(entry.pid, entry)) {
                refreshCurrent();
            }
        }
    }

    private static final class Running {
        final int pid;
        final PGConnection connection;
        final long startedNanos;
        /** The thread running the transaction: how a window's task finds its own wait. */
        final Thread thread = Thread.currentThread();
        volatile boolean cancelled;
        /** The last wait seen, kept after it ended (for the message of a lock timeout). */
        volatile LockWait lastSeen;
        /** Whether the last look found it waiting. */
        volatile boolean waitingNow;

        Running(int pid, PGConnection connection, long startedNanos) {
            this.pid = pid;
            this.connection = connection;
            this.startedNanos = startedNanos;
        }
    }

    /**
     * Work that runs its statements under a short lock_timeout and tries them again after a pause
     * (migrations, {@code OnlineDdl}): each try waits half a second at most, so a wait seen in one
     * try is what the work as a whole is stuck behind. While the work runs, the last wait seen in
     * any try stays its wait ({@link #waitOn}), through the pauses and the next try's first steps,
     * instead of showing and vanishing with every try; and Cancel also ends the pauses.
     * Opened with {@link #retriesOn}; one per thread (a nested open shares it). Not thread-safe: the
     * thread that opened it uses it.
     */
    public static final class Retries implements AutoCloseable {
        private final LockWatch watch;
        private final Thread thread = Thread.currentThread();
        private final java.util.concurrent.CountDownLatch cancel = new java.util.concurrent.CountDownLatch(1);
        private volatile LockWait lastWait;
        private int opened = 1;

        private Retries(LockWatch watch) {
            this.watch = watch;
        }

        /** The last wait seen in a try, or null when none was seen (the tries were too short to see). */
        public LockWait lastWait() {
            return lastWait;
        }

        /** True when the user cancelled the work (the window's Cancel) or the thread was interrupted. */
        public boolean cancelled() {
            return cancel.getCount() == 0;
        }

        /**
         * Pauses before the next try, ended early by a cancel.
         *
         * @return true when the work should stop instead of trying again: the user cancelled, or the
         *     thread was interrupted (its interrupt flag is set again)
         */
        public boolean pause(long millis) {
            try {
                return cancel.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.countDown();
                return true;
            }
        }

        private void cancel() {
            cancel.countDown();
        }

        @Override
        public void close() {
            if (--opened == 0 && watch != null && watch.retrying.remove(thread, this)) {
                watch.refreshCurrent();
            }
        }
    }

    /**
     * Opens the retries of work on this thread with the watch that {@code source} (a data source or
     * connection from {@link #watching}) reports to; without one, retries that only pause.
     */
    public static Retries retriesOn(java.sql.Wrapper source) {
        LockWatch watch = null;
        try {
            if (source.isWrapperFor(LockWatch.class)) {
                watch = source.unwrap(LockWatch.class);
            }
        } catch (SQLException e) {
            log.debug("Could not find the lock watch of {}", source, e);
        }
        if (watch == null) {
            return new Retries(null);
        }
        Retries open = watch.retrying.get(Thread.currentThread());
        if (open != null) {
            open.opened++;
            return open;
        }
        Retries retries = new Retries(watch);
        watch.retrying.put(retries.thread, retries);
        return retries;
    }

    /** Hears the longest lock wait whenever it changes; null when PostDesk waits for none any more. Any thread. */
    public void addListener(Consumer<LockWait> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<LockWait> listener) {
        listeners.remove(listener);
    }

    /** The longest lock wait of PostDesk now, or null. */
    public LockWait current() {
        return current;
    }

    /**
     * The lock wait of the transaction running on {@code worker} now, or null when it waits for
     * none. Reads only what the watcher last saw, so the FX thread may ask.
     */
    public LockWait waitOn(Thread thread) {
        Thread worker = following.getOrDefault(thread, thread);
        for (Running entry : running.values()) {
            if (entry.thread == worker && entry.waitingNow) {
                return entry.lastSeen;
            }
        }
        Retries retries = retrying.get(worker);
        return retries == null ? null : retries.lastWait;
    }

    /**
     * Asks the server to cancel the statement of the transaction running on {@code worker} (a
     * window's Cancel); the transaction then fails and rolls back. The cancel request goes over a
     * connection of its own, so this may take as long as a connect: call it off the FX thread.
     *
     * @return false when no transaction of PostDesk runs on that thread (it has ended meanwhile)
     */
    public boolean cancel(Thread thread) {
        Thread worker = following.getOrDefault(thread, thread);
        Retries retries = retrying.get(worker);
        if (retries != null) {
            retries.cancel(); // before the statement's cancel: its failure must find the work cancelled
        }
        for (Running entry : running.values()) {
            if (entry.thread == worker) {
                entry.cancelled = true;
                cancel(entry);
                return true;
            }
        }
        return retries != null;
    }

    /**
     * From now until the returned action is run, {@link #waitOn} and {@link #cancel(Thread)} of
     * {@code waiter} mean {@code worker}'s: the window's opening task waits for an opening the
     * launcher began on a thread of its own ({@code EarlyOpening}), and shows and cancels its waits.
     */
    public Runnable follow(Thread waiter, Thread worker) {
        following.put(waiter, worker);
        return () -> following.remove(waiter, worker);
    }

    /** Starts watching the transaction on {@code connection} (a pooled one; its server process is asked). */
    public Registration register(Connection connection) throws SQLException {
        return register(connection, System.nanoTime());
    }

    /** As {@link #register(Connection)}, for work that began at {@code startedNanos} (System.nanoTime()). */
    private Registration register(Connection connection, long startedNanos) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        Running entry = new Running(pg.getBackendPID(), pg, startedNanos);
        running.put(entry.pid, entry);
        startIfNeeded();
        synchronized (signal) {
            signal.notifyAll();
        }
        return new Registration(entry);
    }

    /**
     * {@code source} with every connection it gives known to this watch while it is borrowed, for
     * work that runs on plain connections rather than in {@link Transactions}: migrations, schema
     * changes, the opening's checks. Their lock waits are then named and can be cancelled like a
     * view's (issue 12). The thread that borrows a connection is the one {@link #waitOn} and
     * {@link #cancel(Thread)} know it by.
     *
     * <p>Its connections count as old as the returned data source: a migration takes a new
     * connection for each try, and waits at most half a second in each (its short lock_timeout),
     * so counted from each borrow its waits would never outlast the moment that is not worth a
     * word, while the migration as a whole stays stuck behind the same session.
     */
    public DataSource watching(DataSource source) {
        long since = System.nanoTime();
        java.lang.reflect.InvocationHandler dataSource = (proxy, method, args) -> {
            if (asksForThis(method, args)) {
                return method.getName().equals("unwrap") ? this : Boolean.TRUE;
            }
            Object result = invoke(source, method, args);
            return method.getName().equals("getConnection") ? watched((Connection) result, since) : result;
        };
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, dataSource);
    }

    private Connection watched(Connection connection, long since) throws SQLException {
        Registration registration = register(connection, since);
        java.lang.reflect.InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                registration.close();
            }
            if (asksForThis(method, args)) {
                return method.getName().equals("unwrap") ? this : Boolean.TRUE;
            }
            return invoke(connection, method, args);
        };
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    /** {@code unwrap(LockWatch.class)} or {@code isWrapperFor(LockWatch.class)}: how {@link #retriesOn} finds this watch. */
    private static boolean asksForThis(java.lang.reflect.Method method, Object[] args) {
        return (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor"))
                && args != null && args.length == 1 && args[0] == LockWatch.class;
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Asks the server to cancel every statement PostDesk has running (Ctrl+C). Cancel requests
     * go over connections of their own, so this does not wait for the busy connections.
     */
    public void cancelAll() {
        retrying.values().forEach(Retries::cancel); // a pause between tries ends too
        for (Running entry : running.values()) {
            cancel(entry);
        }
    }

    private static void cancel(Running entry) {
        try {
            entry.connection.cancelQuery();
        } catch (SQLException | RuntimeException e) {
            log.debug("Cancelling the statement of server process {} failed", entry.pid, e);
        }
    }

    private synchronized void startIfNeeded() {
        if (thread == null && !closed) {
            thread = new Thread(this::watch, "postdesk-lock-watch");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void watch() {
        while (!closed) {
            try {
                Duration nextLook = poll();
                synchronized (signal) {
                    if (!closed) {
                        signal.wait(Math.max(1, nextLook.toMillis()));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Watching for lock waits failed", e);
            }
        }
    }

    /** Looks at the transactions older than {@link #REPORT_AFTER}; returns when to look again. */
    private Duration poll() {
        long now = System.nanoTime();
        List<Running> old = new ArrayList<>();
        long soonest = Long.MAX_VALUE;
        for (Running entry : running.values()) {
            long age = now - entry.startedNanos;
            if (age >= REPORT_AFTER.toNanos()) {
                old.add(entry);
            } else {
                soonest = Math.min(soonest, REPORT_AFTER.toNanos() - age);
            }
        }
        if (!old.isEmpty()) {
            Map<Integer, LockWait> waits = blockers(old);
            if (waits != null) {
                for (Running entry : old) {
                    LockWait wait = waits.get(entry.pid);
                    if (wait != null) {
                        entry.lastSeen = wait;
                        Retries retries = retrying.get(entry.thread);
                        if (retries != null) {
                            retries.lastWait = wait;
                        }
                    }
                    entry.waitingNow = wait != null;
                }
                refreshCurrent();
            }
            return retrying.values().stream().anyMatch(retries -> retries.lastWait == null) ? POLL_RETRIES_EVERY : POLL_EVERY;
        }
        return soonest == Long.MAX_VALUE ? Duration.ofMinutes(1) : Duration.ofNanos(soonest);
    }

    /** The first blocker of each waiting transaction; null when the server could not be asked. */
    private Map<Integer, LockWait> blockers(List<Running> entries) {
        Integer[] pids = entries.stream().map(entry -> entry.pid).toArray(Integer[]::new);
        try (Connection connection = watcherConnections.getConnection();
             PreparedStatement statement = connection.prepareStatement(BLOCKERS)) {
            statement.setQueryTimeout(2);
            statement.setArray(1, connection.createArrayOf("int4", pids));
            Map<Integer, LockWait> waits = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp since = rows.getTimestamp("since");
                    waits.putIfAbsent(rows.getInt("waiting"), new LockWait(rows.getInt("waiting"), rows.getInt("pid"),
                            rows.getString("usename"), rows.getString("application_name"), rows.getString("client"),
                            rows.getString("state"), since == null ? null : since.toInstant(), rows.getString("query"),
                            rows.getString("relation")));
                }
            }
            return waits;
        } catch (SQLException e) {
            log.debug("Could not ask the server about lock waits", e);
            return null;
        }
    }

    /** The longest wait still going on, told to the listeners when it changed. */
    private synchronized void refreshCurrent() {
        LockWait longest = running.values().stream()
                .filter(entry -> entry.waitingNow)
                .min(java.util.Comparator.comparingLong(entry -> entry.startedNanos))
                .map(entry -> entry.lastSeen)
                .orElseGet(() -> retrying.values().stream().map(Retries::lastWait)
                        .filter(Objects::nonNull).findFirst().orElse(null));
        if (!Objects.equals(longest, current)) {
            current = longest;
            for (Consumer<LockWait> listener : listeners) {
                try {
                    listener.accept(longest);
                } catch (RuntimeException e) {
                    log.warn("A lock wait listener failed", e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (signal) {
            signal.notifyAll();
        }
    }
}
