package io.postdesk.db;

import io.postdesk.model.Health;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;

/** {@code SELECT 1} through the pool, timed. */
public final class HealthProbe {
    /** More than a pool ever holds idle: each dead one fails at once and is dropped. */
    private static final int MOST_ATTEMPTS = 64;
    private final DataSource dataSource;
    private final Function<Throwable, String> describe;

    public HealthProbe(DataSource dataSource, Function<Throwable, String> describe) {
        this.dataSource = dataSource;
        this.describe = describe;
    }

    public Health check() {
        long start = System.nanoTime();
        // A pooled connection the server had already ended answers for the past, not for now: the pool
        // drops it, so the probe goes on to the next one (or a fresh one) to learn whether the server is there.
        for (int attempt = 1; ; attempt++) {
            try {
                return probe(start);
            } catch (SQLException e) {
                if (!endedConnection(e) || attempt == MOST_ATTEMPTS) {
                    return Health.down(describe.apply(e));
                }
            } catch (RuntimeException e) {
                return Health.down(describe.apply(e));
            }
        }
    }

    private Health probe(long start) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            statement.execute("SELECT 1");
            return Health.up(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * The session was ended by the server (57P01-57P03) or its link broke (08006, 08003) while it sat
     * in the pool. Not 08001: no connection could be made, which is the answer (and each try waits
     * the pool's connection timeout).
     */
    private static boolean endedConnection(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("57P0") || state.equals("08006") || state.equals("08003"));
    }
}
