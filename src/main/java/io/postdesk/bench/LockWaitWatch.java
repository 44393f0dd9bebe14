package io.postdesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The longest time each watched server process has waited for a lock, from {@code pg_locks.waitstart}
 * (PostgreSQL 14+) sampled every 50 ms on a connection of its own. A probe's whole time also holds
 * the query's own work, which on a loaded machine or without an index can take seconds; this is the
 * part a migration's locks are to blame for.
 */
final class LockWaitWatch implements AutoCloseable {
    private static final long EVERY_MILLIS = 50;

    private final Connection connection;
    private final Map<Integer, Double> longestMillis = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-lock-wait-watch");
        thread.setDaemon(true);
        return thread;
    });

    LockWaitWatch(Connection connection, int... pids) throws SQLException {
        this.connection = connection;
        for (int pid : pids) {
            longestMillis.put(pid, 0.0);
        }
        PreparedStatement query = connection.prepareStatement("SELECT pid, 1000 * extract(epoch FROM clock_timestamp()"
                + " - waitstart) FROM pg_locks WHERE NOT granted AND waitstart IS NOT NULL AND pid = ANY(?)");
        query.setArray(1, connection.createArrayOf("int4", longestMillis.keySet().toArray()));
        timer.scheduleWithFixedDelay(() -> sample(query), 0, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample(PreparedStatement query) {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                longestMillis.merge(rs.getInt(1), rs.getDouble(2), Math::max);
            }
        } catch (SQLException e) {
            // a missed sample: the next one comes 50 ms later
        }
    }

    double longestMillis(int pid) {
        return longestMillis.getOrDefault(pid, 0.0);
    }

    @Override
    public void close() throws SQLException {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
