package io.postdesk.db;

import io.postdesk.model.LockWait;

/**
 * The user cancelled a statement that waited for a lock (the window's Cancel); the transaction
 * was rolled back. Names the session that held the lock, so the user knows whom to ask before
 * trying again.
 */
public final class LockWaitCancelledException extends RuntimeException {
    private final transient LockWait blocker;

    public LockWaitCancelledException(LockWait blocker, Throwable cause) {
        super(blocker == null ? "Cancelled. Nothing was changed." : blocker.cancelled(), cause);
        this.blocker = blocker;
    }

    /** The session that held the lock, or null when the wait was not seen. */
    public LockWait blocker() {
        return blocker;
    }
}
