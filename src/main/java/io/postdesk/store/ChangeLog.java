package io.postdesk.store;

import io.postdesk.model.Change;
import io.postdesk.model.ChangeCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The change feed's tables (V9, db/migration/V9__change_log.sql): reading in commit order, the
 * registered consumers and their cursors, and pruning.
 *
 * <p>Only committed transactions have a position, and positions become visible in order (the
 * stamping trigger holds an advisory lock until its commit is visible), so "after the cursor, in
 * (position, id) order" never passes over a change that commits later, and never returns one twice.
 */
public final class ChangeLog {
    /** The NOTIFY channel the stamping trigger sends each committed position to. */
    public static final String CHANNEL = "postdesk_changes";

    private static final String READ = "SELECT c.position, c.committed_at, ch.id, ch.table_name, ch.operation, ch.row_id,"
            + " ch.changes::text, c.writer FROM postdesk_change_commits c JOIN postdesk_changes ch ON ch.xid = c.xid"
            + " WHERE c.position >= ? AND (c.position > ? OR ch.id > ?) ORDER BY c.position, ch.id LIMIT ?";

    /** Up to {@code limit} changes after {@code after}, oldest first. */
    public List<Change> after(Connection connection, ChangeCursor after, int limit) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(READ)) {
            read.setLong(1, after.position());
            read.setLong(2, after.position());
            read.setLong(3, after.changeId());
            read.setInt(4, limit);
            List<Change> changes = new ArrayList<>();
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(6);
                    changes.add(new Change(new ChangeCursor(rows.getLong(1), rows.getLong(3)),
                            rows.getTimestamp(2).toInstant(), rows.getString(4), rows.getString(5),
                            key == null ? null : UUID.fromString(key), rows.getString(7), rows.getString(8)));
                }
            }
            return changes;
        }
    }

    /** The cursor after the last committed change (START when there is none). */
    public ChangeCursor end(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement("SELECT c.position,"
                + " (SELECT max(id) FROM postdesk_changes ch WHERE ch.xid = c.xid) FROM postdesk_change_commits c"
                + " WHERE c.position IS NOT NULL ORDER BY c.position DESC LIMIT 1");
             ResultSet rows = read.executeQuery()) {
            return rows.next() ? new ChangeCursor(rows.getLong(1), rows.getLong(2)) : ChangeCursor.START;
        }
    }

    /** The highest position pruned: a cursor before it may have lost changes. */
    public long prunedThrough(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement("SELECT through_position FROM postdesk_change_pruned");
             ResultSet rows = read.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    public Optional<ChangeCursor> consumer(Connection connection, String name) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT position, change_id FROM postdesk_change_consumers WHERE name = ?")) {
            read.setString(1, name);
            try (ResultSet rows = read.executeQuery()) {
                return rows.next() ? Optional.of(new ChangeCursor(rows.getLong(1), rows.getLong(2))) : Optional.empty();
            }
        }
    }

    /** Registers {@code name} as having read through {@code cursor}, now (seen_at keeps it from being abandoned). */
    public void saveConsumer(Connection connection, String name, ChangeCursor cursor) throws SQLException {
        try (PreparedStatement save = connection.prepareStatement("INSERT INTO postdesk_change_consumers"
                + " (name, position, change_id, seen_at) VALUES (?, ?, ?, now()) ON CONFLICT (name) DO UPDATE"
                + " SET position = excluded.position, change_id = excluded.change_id, seen_at = now()")) {
            save.setString(1, name);
            save.setLong(2, cursor.position());
            save.setLong(3, cursor.changeId());
            save.executeUpdate();
        }
    }

    public void removeConsumer(Connection connection, String name) throws SQLException {
        try (PreparedStatement remove = connection.prepareStatement("DELETE FROM postdesk_change_consumers WHERE name = ?")) {
            remove.setString(1, name);
            remove.executeUpdate();
        }
    }

    /** Changes one pruning deletes at most: the rest in the next one (each its own transaction when auto-committing). */
    static final int PRUNE_BATCH = 10_000;

    /**
     * Deletes the transactions every consumer seen within {@code retention} has read past and that
     * committed more than {@code keep} ago (the windows, which do not register, catch up after a
     * lost connection within that time), and whatever committed more than {@code retention} ago,
     * read or not: an abandoned consumer cannot fill the disk. V9's {@code postdesk_prune_changes},
     * the same pruning writers do at commit, in batches of {@link #PRUNE_BATCH} until nothing is
     * left (or another session is pruning). Returns the number of changes deleted.
     */
    public long prune(Connection connection, Duration keep, Duration retention) throws SQLException {
        try (PreparedStatement prune = connection.prepareStatement("SELECT postdesk_prune_changes("
                + "make_interval(secs => ?), make_interval(secs => ?), ?)")) {
            prune.setLong(1, keep.toSeconds());
            prune.setLong(2, retention.toSeconds());
            prune.setInt(3, PRUNE_BATCH);
            long total = 0;
            long deleted;
            do {
                try (ResultSet rows = prune.executeQuery()) {
                    rows.next();
                    deleted = rows.getLong(1);
                }
                total += deleted;
            } while (deleted >= PRUNE_BATCH);
            return total;
        }
    }

    /** Starts hearing the stamping trigger's notifications on this connection. */
    public void listen(Connection connection) throws SQLException {
        try (PreparedStatement listen = connection.prepareStatement("LISTEN " + CHANNEL)) {
            listen.execute();
        }
    }
}
