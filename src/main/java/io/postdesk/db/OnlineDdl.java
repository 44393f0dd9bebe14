package io.postdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Schema changes on a live blog's tables that never make the blog wait more than a moment.
 *
 * <p>A DDL statement that waits for a lock also blocks every statement queued behind it, reads and
 * writes alike. So every statement that needs a lock the blog's reads or writes would wait for runs
 * under a short {@code lock_timeout} and, when it times out (a long transaction of the blog holds
 * the table), is retried a few times with a growing pause instead of waiting in the queue.
 *
 * <p>Indexes are built with {@code CREATE INDEX CONCURRENTLY}: reads and writes go on during the
 * build. Its lock (SHARE UPDATE EXCLUSIVE) conflicts with no read or write, so it runs without the
 * timeout: its waits for older transactions delay only the migration. A build that was interrupted
 * (cancelled, connection lost, PostDesk killed) leaves an INVALID index behind; the next run drops
 * and rebuilds it. The connection must be in auto-commit: CONCURRENTLY cannot run in a transaction.
 */
final class OnlineDdl {
    /** Below the one-second goal, with room for the statement itself. */
    static final String LOCK_TIMEOUT = "500ms";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int ATTEMPTS = 8;
    private static final long FIRST_PAUSE_MILLIS = 200;

    private final Connection connection;
    private final DataSource progressSource;
    private final MigrationProgress progress;
    private final String step;

    /**
     * @param progressSource where the progress poller takes its own connection; null for no progress
     * @param step the migration's name in progress lines, such as "V3"
     */
    OnlineDdl(Connection connection, DataSource progressSource, MigrationProgress progress, String step) throws SQLException {
        this.connection = connection;
        this.progressSource = progressSource;
        this.progress = progress;
        this.step = step;
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        set("lock_timeout", LOCK_TIMEOUT);
    }

    /** A statement that takes a table lock, under the short lock_timeout, retried when the lock is not free. */
    void run(String sql) throws SQLException {
        runPrepared(sql, null);
    }

    /** Sets a prepared statement's parameters. */
    interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** As {@link #run}, with parameters (null: none, and the text may hold several statements). */
    void runPrepared(String sql, Parameters parameters) throws SQLException {
        long pause = FIRST_PAUSE_MILLIS;
        try (LockWatch.Retries retries = LockWatch.retriesOn(connection)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    execute(sql, parameters);
                    return;
                } catch (SQLException e) {
                    if (retries.cancelled()) {
                        throw new LockWaitCancelledException(retries.lastWait(), e);
                    }
                    if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                        throw e;
                    }
                    progress.report(step + ": the table is busy, trying again in " + pause + " ms");
                    if (retries.pause(pause)) {
                        throw new LockWaitCancelledException(retries.lastWait(), e);
                    }
                    pause = Math.min(pause * 2, 5_000);
                }
            }
        }
    }

    private void execute(String sql, Parameters parameters) throws SQLException {
        if (parameters == null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.set(statement);
            statement.execute();
        }
    }

    /**
     * Builds {@code name} with {@code CREATE [UNIQUE] INDEX CONCURRENTLY name ON <definition>} unless a
     * valid index of that name exists; an invalid one (an interrupted build) is dropped first.
     */
    void createIndex(String name, String definition) throws SQLException {
        createIndex(name, definition, false);
    }

    void createUniqueIndex(String name, String definition) throws SQLException {
        createIndex(name, definition, true);
    }

    private void createIndex(String name, String definition, boolean unique) throws SQLException {
        Optional<Boolean> valid = indexValidity(name);
        if (valid.orElse(false)) {
            return;
        }
        if (valid.isPresent()) {
            progress.report(step + ": " + name + " was left unfinished by an interrupted build; building it again");
            dropIndex(name);
        }
        progress.report(step + ": building " + name);
        String sql = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + name + " ON " + definition;
        withoutLockTimeout(() -> {
            try (IndexBuildProgress poller = IndexBuildProgress.start(progressSource, backendPid(), name, step, progress)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
        });
    }

    /** DROP INDEX CONCURRENTLY IF EXISTS: waits for the transactions using the index, blocks none. */
    void dropIndex(String name) throws SQLException {
        withoutLockTimeout(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
            }
        });
    }

    /** Empty when no index of that name exists in the current schema, else whether it is valid (usable). */
    Optional<Boolean> indexValidity(String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT i.indisvalid AND i.indisready FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = ? AND c.relnamespace = current_schema()::regnamespace")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }

    boolean queryBoolean(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private void withoutLockTimeout(SqlWork work) throws SQLException {
        set("lock_timeout", "0");
        try {
            work.run();
        } finally {
            set("lock_timeout", LOCK_TIMEOUT);
        }
    }

    MigrationProgress progress() {
        return progress;
    }

    /** The connection the migration runs on (auto-commit, under the lock timeout). */
    Connection connection() {
        return connection;
    }

    /** A setting of this session, e.g. TimeZone. */
    String setting(String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Sets a setting of this session (until it is set again or the connection ends). */
    void set(String setting, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            statement.setString(1, setting);
            statement.setString(2, value);
            statement.execute();
        }
    }

    private int backendPid() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
