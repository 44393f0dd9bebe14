package io.postdesk.service;

import io.postdesk.config.ConfigurationException;
import io.postdesk.db.DataFolderInUseException;
import io.postdesk.store.NoSuchRecordException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns failures into sentences that say what happened and what to do. The details (stack
 * trace, SQL) go to the log, never to a dialog.
 */
public final class ErrorMessages {
    private static final String RAISED = "P0001";

    private ErrorMessages() {
    }

    /** The sentence for a failure; any text it quotes (a server message, an exception's) is made printable. */
    public static String describe(Throwable error) {
        return io.postdesk.model.Printable.escaped(sentence(error));
    }

    private static String sentence(Throwable error) {
        // The network cause (connection refused, unknown host) says more than the driver's wrapper.
        for (Throwable t = error; t != null; t = t.getCause()) {
            String network = describeNetwork(t);
            if (network != null) {
                return network;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            // pgjdbc's own 08004 under the pool's 08001 wrapper: not "cannot be reached"
            if (t instanceof SQLException && t.getMessage() != null && t.getMessage().contains("no password was provided")) {
                return "The server asks for a password and none was given: keep one in the keychain or .pgpass,"
                        + " or type it when PostDesk asks.";
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            String known = describeOne(t);
            if (known != null) {
                return known;
            }
        }
        return "Something went wrong: " + firstLine(error) + ". The details are in the log.";
    }

    /** True when the failure means the server cannot be reached (as opposed to a refused query). */
    public static boolean isConnectionProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // 57P01-03: the server shut down under the statement, or is starting
            }
        }
        return false;
    }

    /**
     * True when the connection dropped at a commit and the server could not say whether it was kept:
     * the user must hear neither "saved" nor "nothing was saved".
     */
    public static boolean isCommitUnknown(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof io.postdesk.db.CommitUnknownException) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Nothing was deleted. <why>", unless the connection dropped at the commit and nobody knows
     * whether it was done (then only the sentence that says so): never a blind "nothing was done".
     */
    public static String nothingDone(String nothing, Throwable error) {
        return isCommitUnknown(error) ? describe(error) : nothing + " " + describe(error);
    }

    /**
     * True when the work failed because another session held a lock: the wait was cancelled or
     * ran out (lock_timeout). Nothing was changed, and trying again later may well work.
     */
    public static boolean isLockWait(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof io.postdesk.db.LockWaitCancelledException || t instanceof io.postdesk.db.LockTimeoutException
                    || t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** True when the database refused a write for lack of rights or a read-only session (rights may have changed). */
    public static boolean isPermissionProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("42501".equals(sql.getSQLState()) || "25006".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static String describeNetwork(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "The database server's host name is unknown. Check the host in the database URL.";
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return "The database server cannot be reached (connection refused). Check that it is running"
                    + " and that the host and port are right.";
        }
        if (t instanceof SocketTimeoutException) {
            return "The database server did not answer in time. Check the network and the server.";
        }
        return null;
    }

    private static String describeOne(Throwable t) {
        if (t instanceof ConfigurationException || t instanceof DataFolderInUseException
                || t instanceof io.postdesk.db.ServerRestartException
                || t instanceof NoSuchRecordException || t instanceof ConflictException
                || t instanceof ValidationException || t instanceof ExportException
                || t instanceof CancelledException || t instanceof io.postdesk.db.LockTimeoutException
                || t instanceof io.postdesk.db.LockWaitCancelledException || t instanceof io.postdesk.db.UndoRefusedException
                || t instanceof io.postdesk.db.NotCommittedException || t instanceof io.postdesk.db.CommitUnknownException) {
            return t.getMessage();
        }
        if (t instanceof PSQLException psql && isRefusal(psql.getSQLState())) {
            String refused = refused(psql);
            if (refused != null) {
                return refused;
            }
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            return describeSqlState(sql.getSQLState());
        }
        if (t instanceof SQLTransientConnectionException) {
            return "No database connection could be made in time. Check that the server is running.";
        }
        return null;
    }

    private static String describeSqlState(String state) {
        return switch (state) {
            case "28P01", "28000" -> "The server refused the login: check the user name and password.";
            case "3D000" -> "The database named in the URL does not exist on the server.";
            case "42501" -> "Your database role is not allowed to do this. Ask the database owner for the right,"
                    + " or connect as another role.";
            case "25006" -> "This connection is read-only, so nothing can be changed.";
            case "57014" -> "The query was cancelled.";
            case "55P03" -> "Another session held a lock PostDesk needed for too long (POSTDESK_LOCK_TIMEOUT_MS);"
                    + " nothing was changed. Try again when that session has finished.";
            case "08001", "08004" -> "The database server cannot be reached. Check that it is running and that"
                    + " the host and port are right.";
            case "57P01", "57P02" -> "The database server ended PostDesk's session (it was shut down, or an"
                    + " administrator ended the session), so this did not finish. PostDesk reconnects by itself"
                    + " when the server is back; try again then.";
            case "57P03" -> "The database server is shutting down or starting up. Try again shortly.";
            case "53300" -> "The database server has no free connections. Try again shortly.";
            default -> state.startsWith("08")
                    ? "The connection to the database server was lost. Check that it is running, then retry."
                    : null;
        };
    }

    /**
     * A rule of the database said no: a constraint the form does not know (class 23; those it
     * knows became field messages already), or a RAISE EXCEPTION in a migration or in a trigger of
     * the blog's. The server's own sentence names the rule (a migration names the rows to fix), so
     * it is shown with its hint.
     */
    private static boolean isRefusal(String state) {
        return state != null && (state.startsWith("23") || RAISED.equals(state));
    }

    private static String refused(PSQLException error) {
        ServerErrorMessage server = error.getServerErrorMessage();
        if (server == null || server.getMessage() == null) {
            return null;
        }
        String hint = server.getHint();
        return "The database refused the change: " + server.getMessage() + (hint == null ? "" : " " + hint);
    }

    private static String firstLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }
}
