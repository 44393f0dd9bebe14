package io.postdesk.service;

import io.postdesk.db.DatabaseException;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Change;
import io.postdesk.model.ChangeCursor;
import io.postdesk.store.ChangeLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Every committed change to users and posts, by any writer, in commit order (V9): read from a
 * cursor, followed as it happens, and pruned once its registered consumers have passed it.
 *
 * <p>LISTEN/NOTIFY only wakes a follower; the tables are the record. A follower reads until
 * nothing is left, then waits for a notification (or {@link #POLL} at most, in case one was
 * missed), so a change reaches it within milliseconds of its commit and nothing is lost while it
 * was disconnected: it resumes from its cursor.
 */
public final class ChangeFeed {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChangeFeed.class);
    /** How long a follower waits for a notification before it looks anyway. */
    static final Duration POLL = Duration.ofMillis(500);
    /** Changes are kept this long even when every registered consumer has read them (a window catching up). */
    static final Duration KEEP = Duration.ofHours(1);
    /** Changes older than this are pruned even if a consumer has not read them: it is taken as abandoned. */
    static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(5);

    /** What a follower does with each batch; the cursor moves past the batch once this returns. */
    @FunctionalInterface
    public interface Sink {
        void accept(List<Change> batch) throws Exception;
    }

    private final DataSource dataSource;
    private final ChangeLog log = new ChangeLog();
    private final Duration keep;
    private final Duration retention;
    /** Where a window's watch starts: the feed's end taken before the window read anything; null if unknown. */
    private final ChangeCursor openedAt;

    public ChangeFeed(DataSource dataSource) {
        this(dataSource, KEEP, RETENTION, null);
    }

    /** A feed whose watch starts at {@code openedAt} (see {@link #openedAt()}). */
    public ChangeFeed(DataSource dataSource, ChangeCursor openedAt) {
        this(dataSource, KEEP, RETENTION, openedAt);
    }

    ChangeFeed(DataSource dataSource, Duration keep, Duration retention) {
        this(dataSource, keep, retention, null);
    }

    private ChangeFeed(DataSource dataSource, Duration keep, Duration retention, ChangeCursor openedAt) {
        this.dataSource = dataSource;
        this.keep = keep;
        this.retention = retention;
        this.openedAt = openedAt;
    }

    /**
     * The feed's end when the workspace was opened, before any view read a page: a watch starting
     * there misses nothing a view could have missed (one starting at the end later could: a change
     * committed between the page's read and the watch's start). Null when it could not be read.
     */
    public ChangeCursor openedAt() {
        return openedAt;
    }

    /**
     * Up to {@code limit} changes after {@code after}, in commit order.
     *
     * @throws CursorExpiredException when changes after the cursor were pruned
     */
    public List<Change> read(ChangeCursor after, int limit) {
        return withConnection(connection -> read(connection, after, limit));
    }

    /** The cursor before the oldest change still kept (START until something was pruned). */
    public ChangeCursor oldest() {
        return withConnection(connection -> new ChangeCursor(log.prunedThrough(connection), 0));
    }

    /** The cursor after the last committed change: a follower starting there sees only what commits from now on. */
    public ChangeCursor end() {
        return withConnection(log::end);
    }

    /**
     * Hands every change after {@code after} to {@code sink}, batch by batch, and then each new
     * one as it commits, until {@code cancellation} is cancelled or the thread interrupted.
     * Returns the cursor after the last batch the sink accepted.
     */
    public ChangeCursor follow(ChangeCursor after, int batchSize, Sink sink, Cancellation cancellation) {
        ChangeCursor cursor = after;
        long lastPrune = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            log.listen(connection);
            PGConnection notifications = connection.unwrap(PGConnection.class);
            while (!stopped(cancellation)) {
                List<Change> batch = read(connection, cursor, batchSize);
                if (!batch.isEmpty()) {
                    sink.accept(batch);
                    cursor = batch.get(batch.size() - 1).cursor();
                    continue;
                }
                if (System.nanoTime() - lastPrune > PRUNE_EVERY.toNanos() || lastPrune == 0) {
                    prune(connection);
                    lastPrune = System.nanoTime();
                }
                notifications.getNotifications((int) POLL.toMillis());
            }
            return cursor;
        } catch (SQLException e) {
            if (stopped(cancellation)) {
                return cursor; // Ctrl+C cancelled the statement
            }
            throw new DatabaseException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The cursor {@code consumer} last saved, if it is registered. */
    public Optional<ChangeCursor> consumer(String consumer) {
        return withConnection(connection -> log.consumer(connection, consumer));
    }

    /** Registers {@code consumer} as having read through {@code cursor}: nothing after it is pruned while it keeps coming back. */
    public void saveConsumer(String consumer, ChangeCursor cursor) {
        withConnection(connection -> {
            log.saveConsumer(connection, consumer, cursor);
            return null;
        });
    }

    public void removeConsumer(String consumer) {
        withConnection(connection -> {
            log.removeConsumer(connection, consumer);
            return null;
        });
    }

    /** Prunes what every registered consumer has read (kept at least {@link #KEEP}) and what is older than the retention. */
    public long prune() {
        return withConnection(connection -> log.prune(connection, keep, retention));
    }

    /** A role that may read the feed but not delete from it leaves the pruning to others. */
    private void prune(Connection connection) {
        try {
            log.prune(connection, keep, retention);
        } catch (SQLException e) {
            LOG.info("Could not prune the change log: {}", e.getMessage());
        }
    }

    /** Read first, then the pruning mark: a prune that committed before the read shows in the mark. */
    private List<Change> read(Connection connection, ChangeCursor after, int limit) throws SQLException {
        List<Change> changes = log.after(connection, after, limit);
        long prunedThrough = log.prunedThrough(connection);
        if (after.position() < prunedThrough) {
            throw new CursorExpiredException(after, prunedThrough);
        }
        return changes;
    }

    private static boolean stopped(Cancellation cancellation) {
        return cancellation.isCancelled() || Thread.currentThread().isInterrupted();
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
