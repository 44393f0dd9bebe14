package io.postdesk.db;

/**
 * The connection dropped at the commit and the server could not be asked (or could not tell)
 * whether the change was kept. Neither "saved" nor "not saved" would be honest.
 */
public final class CommitUnknownException extends RuntimeException {
    public CommitUnknownException(Throwable cause) {
        super("The connection to the database was lost while saving, and PostDesk could not find out whether"
                + " the change was saved. When the database is back, look at the record"
                + " before saving again.", cause);
    }
}
