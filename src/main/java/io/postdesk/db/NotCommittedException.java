package io.postdesk.db;

/** The connection dropped at the commit, and the server confirmed afterwards that it did not keep the change. */
public final class NotCommittedException extends RuntimeException {
    public NotCommittedException(Throwable cause) {
        super("The connection to the database was lost while saving, and the database confirmed that it did"
                + " not keep the change. Save again when the database is back.", cause);
    }
}
