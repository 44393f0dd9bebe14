package io.postdesk.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Migration connections with a short lock_timeout: a DDL statement waiting for a lock blocks every
 * statement queued behind it, so it gives up after a moment instead (and is tried again). The
 * connections usually come from the application's pool, so the setting is reset when each is
 * given back: the application's own statements keep the pool's settings.
 *
 * <p>They also have no socket timeout: an index built CONCURRENTLY on a big blog runs silently
 * for minutes (the issue measured 384 s), longer than the pool's socket timeout, and must not
 * lose its connection for it. The pool puts the timeout back when the connection returns.
 */
final class LockTimeoutDataSource {
    private LockTimeoutDataSource() {
    }

    static DataSource wrap(DataSource pool, String lockTimeout) {
        InvocationHandler dataSource = (proxy, method, args) -> {
            Object result = invoke(pool, method, args);
            return method.getName().equals("getConnection") ? withLockTimeout((Connection) result, lockTimeout) : result;
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, dataSource);
    }

    private static Connection withLockTimeout(Connection connection, String lockTimeout) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '" + lockTimeout + "'");
        }
        connection.setNetworkTimeout(Runnable::run, 0);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && !connection.isClosed()) {
                resetLockTimeout(connection);
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static void resetLockTimeout(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // a failed transaction accepts no SET; Flyway has ended its own
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET lock_timeout");
            }
        } catch (SQLException e) {
            // The pool validates connections it takes back; a broken one is not reused.
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
