package io.postdesk.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.hibernate.jdbc.ReturningWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out whether a transaction whose COMMIT failed on a lost connection was committed after all.
 * The COMMIT may have reached the server and been applied before the connection dropped, or not:
 * the client cannot tell from the error. So {@link #currentXid} is read just before the commit, and
 * after such a failure the server is asked about that transaction on another connection
 * ({@code pg_xact_status}, PostgreSQL 13+; {@code txid_status} before), as PostgreSQL's docs
 * suggest for exactly this case.
 */
public final class CommitCheck {
    private static final Logger log = LoggerFactory.getLogger(CommitCheck.class);
    /** How long to keep asking while the server is unreachable or the transaction still in progress. */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final long PAUSE_MILLIS = 500;

    /** Runs a question on a connection other than the broken one (a fresh borrow from the pool). */
    public interface Asker {
        <T> T ask(ReturningWork<T> work) throws SQLException;
    }

    private final Asker asker;
    private final Duration patience;

    public CommitCheck(Asker asker) {
        this(asker, PATIENCE);
    }

    CommitCheck(Asker asker, Duration patience) {
        this.asker = asker;
        this.patience = patience;
    }

    /**
     * The id of the transaction open on {@code connection}, or null when it has written nothing (no
     * id assigned: then there is nothing a commit could have kept). Does not assign an id itself,
     * so it works on a standby and costs nothing for a transaction that wrote nothing.
     */
    public static String currentXid(Connection connection) throws SQLException {
        String sql = modern(connection) ? "SELECT pg_current_xact_id_if_assigned()::text"
                : "SELECT txid_current_if_assigned()::text";
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** True when a failure means the connection went away (not that the server refused the statement). */
    public static boolean isConnectionLost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * After the commit of {@code xid} failed with {@code failure}, a lost connection: returns when
     * the server says it committed; otherwise throws {@link NotCommittedException} (it says it did
     * not) or {@link CommitUnknownException} (it could not be asked, or could not tell).
     */
    public void afterLostCommit(String xid, RuntimeException failure) {
        if (xid == null) {
            throw new NotCommittedException(failure); // nothing was written, so nothing was kept
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            String status;
            try {
                status = asker.ask(connection -> statusOf(connection, xid));
            } catch (SQLException | RuntimeException e) {
                status = null;
                failure.addSuppressed(e);
            }
            log.warn("The connection was lost at the commit of transaction {}; the server says: {}", xid,
                    status == null ? "nothing (unreachable or unknown)" : status);
            if ("committed".equals(status)) {
                return;
            }
            if ("aborted".equals(status)) {
                throw new NotCommittedException(failure);
            }
            if (System.nanoTime() > deadline) {
                throw new CommitUnknownException(failure);
            }
            try {
                Thread.sleep(PAUSE_MILLIS); // unreachable, or still in progress: it may answer shortly
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommitUnknownException(failure);
            }
        }
    }

    /** "committed", "aborted", "in progress", or null (too old to tell). */
    private static String statusOf(Connection connection, String xid) throws SQLException {
        String sql = modern(connection) ? "SELECT pg_xact_status(?::xid8)" : "SELECT txid_status(?::bigint)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, xid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** PostgreSQL 13 renamed the txid functions (xid8); the old names are deprecated there. */
    private static boolean modern(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseMajorVersion() >= 13;
    }
}
