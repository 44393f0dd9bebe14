package io.postdesk.db;

import java.sql.SQLException;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Runs store calls in one transaction each: commit on success, roll back on any exception.
 * Entities come back detached, so nothing lazy can be touched later on the FX thread.
 */
public final class Transactions {
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    private final SessionFactory sessionFactory;
    private final LockWatch lockWatch;

    public Transactions(SessionFactory sessionFactory) {
        this(sessionFactory, null);
    }

    /** With {@code lockWatch} (may be null) told of every transaction, so a lock wait gets a name. */
    public Transactions(SessionFactory sessionFactory, LockWatch lockWatch) {
        this.sessionFactory = sessionFactory;
        this.lockWatch = lockWatch;
    }

    /** A transaction for reading: entities load read-only, so Hibernate skips dirty checking. */
    public <T> T read(Function<Session, T> work) {
        return sessionFactory.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return watched(session, work);
        });
    }

    public <T> T write(Function<Session, T> work) {
        return sessionFactory.fromTransaction(session -> watched(session, work));
    }

    /** Runs the work known to the lock watch; a lock timeout comes out naming the session that held the lock. */
    private <T> T watched(Session session, Function<Session, T> work) {
        if (lockWatch == null) {
            return work.apply(session);
        }
        try (LockWatch.Registration watch = session.doReturningWork(lockWatch::register)) {
            try {
                return work.apply(session);
            } catch (RuntimeException e) {
                if (hasState(e, LOCK_NOT_AVAILABLE)) {
                    throw new LockTimeoutException(watch.lastWait(), watch.age(), e);
                }
                if (watch.cancelledByUser() && hasState(e, QUERY_CANCELED)) {
                    throw new LockWaitCancelledException(watch.lastWait(), e);
                }
                throw e;
            }
        }
    }

    private static boolean hasState(Throwable error, String sqlState) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
