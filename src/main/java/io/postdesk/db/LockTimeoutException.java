package io.postdesk.db;

import io.postdesk.model.LockWait;
import java.time.Duration;

/**
 * A statement gave up waiting for a lock (PostgreSQL's lock_timeout, SQLSTATE 55P03); names the
 * session that held it when the {@link LockWatch} saw it, so the user knows whom to ask.
 */
public final class LockTimeoutException extends RuntimeException {
    private final transient LockWait blocker;

    /** @param waited about how long the statement waited (its transaction's age) */
    public LockTimeoutException(LockWait blocker, Duration waited, Throwable cause) {
        super(message(blocker, waited), cause);
        this.blocker = blocker;
    }

    /** The session that held the lock, or null when it was not seen (a wait shorter than a second). */
    public LockWait blocker() {
        return blocker;
    }

    /** "posts stayed locked by session 4242 (user blog, application psql, …) for 30 s; nothing was changed. …" */
    private static String message(LockWait blocker, Duration waited) {
        String what = blocker == null ? "A table PostDesk needed" : blocker.lockedObject();
        String who = blocker == null ? "another session" : blocker.blocker();
        long seconds = Math.max(1, Math.round(waited.toMillis() / 1000.0));
        return what + " stayed locked by " + who + " for " + seconds + " s; nothing was changed. Ask whoever"
                + " uses that session to finish (commit or roll back), or end it, then try again"
                + " (POSTDESK_LOCK_TIMEOUT_MS sets how long PostDesk waits).";
    }
}
