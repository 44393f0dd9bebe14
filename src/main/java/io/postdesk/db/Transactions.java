package io.postdesk.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.jdbc.ReturningWork;

/**
 * Runs store calls in one transaction each: commit on success, roll back on any exception.
 * Entities come back detached, so nothing lazy can be touched later on the FX thread.
 *
 * <p>Work that needs only JDBC ({@link #readJdbc}, the CSV export) runs on a connection of the
 * pool without Hibernate: building the SessionFactory is most of a command's start (about 60% of
 * the CPU of {@code postdesk export posts} before its first row), so a command that only exports
 * never builds it. The SessionFactory is asked for when a Hibernate transaction first needs it.
 */
public final class Transactions {
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    private final Supplier<SessionFactory> sessionFactory;
    private final DataSource dataSource;
    private final LockWatch lockWatch;

    public Transactions(SessionFactory sessionFactory) {
        this(sessionFactory, null);
    }

    /** With {@code lockWatch} (may be null) told of every transaction, so a lock wait gets a name. */
    public Transactions(SessionFactory sessionFactory, LockWatch lockWatch) {
        this(() -> sessionFactory, null, lockWatch);
    }

    /**
     * @param sessionFactory asked on the first Hibernate transaction (it may build Hibernate then)
     * @param dataSource     the pool for JDBC-only work; null to run it in a Hibernate session
     */
    public Transactions(Supplier<SessionFactory> sessionFactory, DataSource dataSource, LockWatch lockWatch) {
        this.sessionFactory = sessionFactory;
        this.dataSource = dataSource;
        this.lockWatch = lockWatch;
    }

    /** A transaction for reading: entities load read-only, so Hibernate skips dirty checking. */
    public <T> T read(Function<Session, T> work) {
        return sessionFactory.get().fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return watched(session.doReturningWork(lockWatch()), () -> work.apply(session));
        });
    }

    /**
     * A transaction that writes. The rows are flushed before the commit, so a refusal (a constraint,
     * a lock) comes from there; a commit that fails because the connection dropped is then checked
     * with the server ({@link CommitCheck}): the work's result when it was committed after all,
     * else {@link NotCommittedException} or {@link CommitUnknownException}, never a blind failure.
     */
    public <T> T write(Function<Session, T> work) {
        try (Session session = sessionFactory.get().openSession()) {
            Transaction transaction = session.beginTransaction();
            T result;
            String xid;
            try {
                result = watched(session.doReturningWork(lockWatch()), () -> {
                    T done = work.apply(session);
                    session.flush();
                    return done;
                });
                xid = session.doReturningWork(CommitCheck::currentXid);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(transaction, e);
                throw e;
            }
            try {
                transaction.commit();
            } catch (RuntimeException e) {
                if (!CommitCheck.isConnectionLost(e)) {
                    throw e;
                }
                commitCheck().afterLostCommit(xid, e);
            }
            return result;
        }
    }

    /** Asks on a connection of its own: a fresh borrow from the pool, which has dropped the broken one. */
    private CommitCheck commitCheck() {
        return new CommitCheck(new CommitCheck.Asker() {
            @Override
            public <A> A ask(ReturningWork<A> question) throws SQLException {
                if (dataSource == null) {
                    try (Session session = sessionFactory.get().openSession()) {
                        return session.doReturningWork(question);
                    }
                }
                try (Connection connection = dataSource.getConnection()) {
                    return question.execute(connection);
                }
            }
        });
    }

    private static void rollbackQuietly(Transaction transaction, Throwable failure) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * A reading transaction of plain JDBC work, as {@link #read} would run it but without Hibernate
     * when there is a pool: commit on success, roll back on any exception; a SQLException comes out
     * as a {@link DatabaseException}.
     */
    public <T> T readJdbc(ReturningWork<T> work) {
        if (dataSource == null) {
            return read(session -> session.doReturningWork(work));
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = watched(lockWatch().execute(connection), () -> {
                    try {
                        return work.execute(connection);
                    } catch (SQLException e) {
                        throw new DatabaseException(e);
                    }
                });
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection, autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * Quietly: on a connection the server has ended, setAutoCommit fails ("This connection has been
     * closed"), and thrown from the finally it replaced the failure that says what happened (the
     * window then said "closed" instead of "the server ended PostDesk's session"). The pool resets
     * auto-commit on return and drops a broken connection anyway.
     */
    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // the connection is broken: the pool drops it
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Registers a connection with the lock watch; null when there is none. */
    private ReturningWork<LockWatch.Registration> lockWatch() {
        return connection -> lockWatch == null ? null : lockWatch.register(connection);
    }

    /** Runs the work known to the lock watch; a lock timeout comes out naming the session that held the lock. */
    private static <T> T watched(LockWatch.Registration watch, Supplier<T> work) {
        if (watch == null) {
            return work.get();
        }
        try (watch) {
            try {
                return work.get();
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
