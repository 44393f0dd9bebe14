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
    private final DataSource dataSource;
    private final Function<Throwable, String> describe;

    public HealthProbe(DataSource dataSource, Function<Throwable, String> describe) {
        this.dataSource = dataSource;
        this.describe = describe;
    }

    public Health check() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            statement.execute("SELECT 1");
            return Health.up(Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException | RuntimeException e) {
            return Health.down(describe.apply(e));
        }
    }
}
