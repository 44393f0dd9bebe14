package io.postdesk.db;

import io.postdesk.model.LockWait;

/**
 * A statement gave up waiting for a lock (PostgreSQL's lock_timeout, SQLSTATE 55P03); names the
 * session that held it when the {@link LockWatch} saw it, so the user knows whom to ask.
 */
public final class LockTimeoutException extends RuntimeException {
    private final transient LockWait blocker;

    public LockTimeoutException(LockWait blocker, Throwable cause) {
        super(message(blocker), cause);
        this.blocker = blocker;
    }

    /** The session that held the lock, or null when it was not seen (a wait shorter than a second). */
    public LockWait blocker() {
        return blocker;
    }

    private static String message(LockWait blocker) {
        String who = blocker == null ? "another session" : blocker.blocker();
        return "PostDesk gave up waiting for a lock held by " + who + "; nothing was changed. Ask whoever"
                + " uses that session to finish (commit or roll back), or end it, then try again.";
    }
}
