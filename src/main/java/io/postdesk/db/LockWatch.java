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
    public LockWait waitOn(Thread worker) {
        for (Running entry : running.values()) {
            if (entry.thread == worker && entry.waitingNow) {
                return entry.lastSeen;
            }
        }
        return null;
    }

    /**
     * Asks the server to cancel the statement of the transaction running on {@code worker} (a
     * window's Cancel); the transaction then fails and rolls back. The cancel request goes over a
     * connection of its own, so this may take as long as a connect: call it off the FX thread.
     *
     * @return false when no transaction of PostDesk runs on that thread (it has ended meanwhile)
     */
    public boolean cancel(Thread worker) {
        for (Running entry : running.values()) {
            if (entry.thread == worker) {
                entry.cancelled = true;
                cancel(entry);
                return true;
            }
        }
        return false;
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
            return invoke(connection, method, args);
        };
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
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
                    }
                    entry.waitingNow = wait != null;
                }
                refreshCurrent();
            }
            return POLL_EVERY;
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
                .orElse(null);
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
