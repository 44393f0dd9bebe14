package io.postdesk.store;

import io.postdesk.model.Cancellation;
import io.postdesk.model.PostFilter;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Sets {@code published} on many posts at once, set-based: one statement per chunk, never one per
 * row. Only rows whose state changes are touched (so their xmin and updated_at move and nothing
 * else's does). The filter uses {@link PostConditions}, the same WHERE as the pages and counts.
 */
public final class BulkPublishStore {

    /** How many posts of the selection are not yet in the wanted state. */
    public long countChanging(Session session, List<UUID> ids, boolean publish) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*) FROM posts WHERE id = ANY(?) AND published <> ?")) {
                statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                statement.setBoolean(2, publish);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** How many posts matching the filter are not yet in the wanted state (exact). */
    public long countChanging(Session session, PostFilter filter, boolean publish, Cancellation cancellation) {
        Sql sql = Sql.of("SELECT count(*) FROM " + PostConditions.POSTS).append(Sql.where(changing(filter, publish)));
        return CancellableQueries.query(session, sql, cancellation, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    /** Updates one chunk of ids (the caller keeps chunks within the driver's limits); returns rows changed. */
    public int updateIds(Session session, List<UUID> ids, boolean publish, Cancellation cancellation) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE posts SET published = ? WHERE id = ANY(?) AND published <> ?")) {
                Array array = connection.createArrayOf("uuid", ids.toArray());
                statement.setBoolean(1, publish);
                statement.setArray(2, array);
                statement.setBoolean(3, publish);
                return Cancellable.update(statement, cancellation);
            }
        });
    }

    /**
     * Updates the next chunk of posts matching the filter, in id order after {@code afterId} (null:
     * from the start). Returns the chunk's size and last id; a size of 0 means nothing is left.
     */
    public Chunk updateNext(Session session, PostFilter filter, boolean publish, UUID afterId, int chunkSize,
                            Cancellation cancellation) {
        List<Sql> conditions = changing(filter, publish);
        if (afterId != null) {
            conditions.add(Sql.of("p.id > ?", afterId));
        }
        Sql sql = Sql.of("WITH c AS MATERIALIZED (SELECT p.id FROM " + PostConditions.POSTS)
                .append(Sql.where(conditions))
                .append(" ORDER BY p.id LIMIT ?)", chunkSize)
                .append(", u AS (UPDATE posts SET published = ? FROM c WHERE posts.id = c.id RETURNING 1)", publish)
                .append(" SELECT (SELECT count(*) FROM u), (SELECT id FROM c ORDER BY id DESC LIMIT 1)");
        return CancellableQueries.query(session, sql, cancellation, rows -> {
            rows.next();
            return new Chunk(rows.getInt(1), rows.getObject(2, UUID.class));
        });
    }

    /** One chunk's outcome: rows changed and the last id seen (null when none). */
    public record Chunk(int changed, UUID lastId) {
    }

    private static List<Sql> changing(PostFilter filter, boolean publish) {
        List<Sql> conditions = PostConditions.of(filter);
        conditions.add(Sql.of("p.published <> ?", publish));
        return conditions;
    }

    /** An UPDATE that a Cancellation can stop in the server (as the browse queries). */
    private static final class Cancellable {
        static int update(PreparedStatement statement, Cancellation cancellation) throws java.sql.SQLException {
            if (cancellation == null) {
                return statement.executeUpdate();
            }
            // The driver sends the cancel over a new connection: not on the caller's (perhaps the FX) thread.
            cancellation.onCancel(() -> {
                Thread canceller = new Thread(() -> {
                    try {
                        statement.cancel();
                    } catch (java.sql.SQLException ignored) {
                        // the caller still sees the cancellation and rolls back
                    }
                }, "postdesk-cancel");
                canceller.setDaemon(true);
                canceller.start();
            });
            try {
                return statement.executeUpdate();
            } finally {
                cancellation.onCancel(null);
            }
        }
    }
}
