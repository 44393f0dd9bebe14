package io.postdesk.db;

import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Runs store calls in one transaction each: commit on success, roll back on any exception.
 * Entities come back detached, so nothing lazy can be touched later on the FX thread.
 */
public final class Transactions {
    private final SessionFactory sessionFactory;

    public Transactions(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** A transaction for reading: entities load read-only, so Hibernate skips dirty checking. */
    public <T> T read(Function<Session, T> work) {
        return sessionFactory.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return work.apply(session);
        });
    }

    public <T> T write(Function<Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }
}
