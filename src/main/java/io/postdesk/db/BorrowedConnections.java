package io.postdesk.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections PostDesk's work holds right now, so they can be cut when the server has gone
 * without a word (a host switched off, a network that drops packets, a firewall that forgets the
 * connection): a statement waiting on such a connection hears nothing until the socket timeout,
 * five minutes by default. HikariCP can evict only idle connections, so the borrowed ones are
 * tracked here, from the borrow to the close.
 */
public final class BorrowedConnections {
    private final Set<Connection> borrowed = ConcurrentHashMap.newKeySet();

    /** {@code pool} with every connection it hands out known here until it is closed. */
    public DataSource wrap(DataSource pool) {
        return new Tracking(pool);
    }

    /** How many connections are borrowed now. */
    public int size() {
        return borrowed.size();
    }

    /**
     * Closes the sockets of every borrowed connection (JDBC's {@code abort}): a statement waiting on one
     * fails at once with a connection error, which the pool takes as a reason to drop it. Returns how many.
     */
    public int abortAll() {
        int cut = 0;
        for (Connection connection : borrowed) {
            borrowed.remove(connection);
            try {
                connection.abort(Runnable::run); // pgjdbc only closes the socket: no wait, no round trip
                cut++;
            } catch (SQLException | RuntimeException e) {
                // Closed already, or the driver refused: nothing waits on it then.
            }
        }
        return cut;
    }

    private Connection track(Connection connection) {
        borrowed.add(connection);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "close":
                            borrowed.remove(connection);
                            break;
                        default:
                            break;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private final class Tracking implements DataSource {
        private final DataSource pool;

        Tracking(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return track(pool.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return track(pool.getConnection(username, password));
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(this) || pool.isWrapperFor(type);
        }
    }
}
