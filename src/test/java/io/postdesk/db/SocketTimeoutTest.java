package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.PoolSettings;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: "the 300 s socket timeout never fired". POSTDESK_SOCKET_TIMEOUT_MS must end a statement
 * whose server stays silent longer than it (statement_timeout off), while a migration's connection,
 * which builds indexes for minutes in silence, has none.
 */
class SocketTimeoutTest {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static HikariDataSource pool(Duration socketTimeout) {
        PoolSettings d = PoolSettings.DEFAULTS;
        return ConnectionPool.create(db.url(), new PoolSettings(1, 0, d.connectionTimeout(), d.idleTimeout(),
                d.maxLifetime(), socketTimeout, d.lockTimeout()), false);
    }

    @Test
    void aSilentServerEndsTheStatementAfterTheSocketTimeout() throws SQLException {
        try (HikariDataSource pool = pool(SOCKET_TIMEOUT);
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = 0");
            long start = System.nanoTime();

            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(20)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(SOCKET_TIMEOUT.minusMillis(200), SOCKET_TIMEOUT.plusSeconds(3));
        }
    }

    @Test
    void aTimeoutUnderASecondIsOneSecondNotNone() {
        assertThat(ConnectionPool.socketTimeoutSeconds(Duration.ofMillis(300))).isEqualTo(1);
        assertThat(ConnectionPool.socketTimeoutSeconds(Duration.ofMillis(2_500))).isEqualTo(3);
        assertThat(ConnectionPool.socketTimeoutSeconds(Duration.ZERO)).isZero();
    }

    @Test
    void migrationConnectionsHaveNoSocketTimeoutAndThePoolsConnectionsGetItBack() throws SQLException {
        try (HikariDataSource pool = pool(SOCKET_TIMEOUT)) {
            DataSource migrations = LockTimeoutDataSource.wrap(pool, "500ms");
            try (Connection connection = migrations.getConnection();
                 Statement statement = connection.createStatement()) {
                assertThat(connection.getNetworkTimeout()).isZero();
                statement.execute("SELECT pg_sleep(" + (SOCKET_TIMEOUT.toSeconds() + 1) + ")");
            }
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.getNetworkTimeout()).isEqualTo((int) SOCKET_TIMEOUT.toMillis());
            }
        }
    }
}
