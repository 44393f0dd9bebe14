package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The pool's sockets read in 64 KiB blocks under the driver's 8 KiB buffer (export12): what the
 * driver reads is unchanged (a COPY of several megabytes, notifications, the socket timeout).
 */
class ReadBufferedSocketFactoryTest {
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Connection connect(int socketTimeoutSeconds) throws SQLException {
        DatabaseUrl url = db.url();
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        if (!url.password().isEmpty()) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("socketFactory", ReadBufferedSocketFactory.class.getName());
        properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    @Test
    void thePoolsConnectionsUseIt() throws SQLException {
        try (HikariDataSource pool = ConnectionPool.create(db.url(), PoolSettings.DEFAULTS, false)) {
            assertThat(pool.getDataSourceProperties().getProperty("socketFactory"))
                    .isEqualTo(ReadBufferedSocketFactory.class.getName());
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                assertThat(s.executeQuery("SELECT 1").next()).isTrue();
            }
        }
    }

    @Test
    void aCopyOfMegabytesArrivesByteForByte() throws Exception {
        String query = "SELECT g, repeat(md5(g::text), 1 + g % 97) FROM generate_series(1, 20000) g";
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        try (Connection c = db.dataSource().getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv)", plain);
        }
        try (Connection c = connect(30)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv)", buffered);
        }

        assertThat(buffered.size()).isGreaterThan(10_000_000);
        assertThat(buffered.toByteArray()).isEqualTo(plain.toByteArray());
    }

    @Test
    void notificationsStillArrive() throws SQLException {
        try (Connection listener = connect(30); Statement listen = listener.createStatement();
             Connection sender = db.dataSource().getConnection(); Statement notify = sender.createStatement()) {
            listen.execute("LISTEN export12");
            notify.execute("NOTIFY export12, 'hello'");

            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(10_000);

            assertThat(notifications).extracting(PGNotification::getParameter).containsExactly("hello");
        }
    }

    @Test
    void theSocketTimeoutStillFires() throws SQLException {
        try (Connection c = connect(1); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(20)")).isInstanceOf(SQLException.class);
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
        }
    }

    @Test
    void readsGiveWhatTheStreamHadInAnyChunks() throws IOException {
        byte[] data = new byte[3 * ReadBufferedSocketFactory.BUFFER + 123];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        InputStream in = new ReadBufferedSocketFactory.ReadAhead(new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 5_000)); // a socket gives what it has
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[ReadBufferedSocketFactory.BUFFER + 7];
        int[] sizes = {1, 8192, 100, ReadBufferedSocketFactory.BUFFER + 7, 3};
        for (int i = 0; ; i++) {
            if (i % 7 == 6) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
                continue;
            }
            int n = in.read(chunk, 0, sizes[i % sizes.length]);
            if (n < 0) {
                break;
            }
            out.write(chunk, 0, n);
        }

        assertThat(out.toByteArray()).isEqualTo(data);
    }
}
