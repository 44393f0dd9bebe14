package io.postdesk.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postdesk.db.DatabaseException;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Change;
import io.postdesk.model.ChangeCursor;
import io.postdesk.store.ChangeLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Keeps a Redis database in step with users and posts: a hash per row ({@code postdesk:users:ID},
 * {@code postdesk:posts:ID}, every column but the password hash), deleted rows removed. Each batch
 * of changes and the cursor after it ({@code postdesk:cursor}) are written in one MULTI/EXEC, so a
 * sync killed at any point resumes from the last batch Redis holds: nothing lost, nothing twice.
 *
 * <p>Without a cursor in Redis (a first run, or one killed while copying) every row is copied from
 * one snapshot, together with the feed's end in that same snapshot, then the changes after it are
 * followed. The sync also registers its cursor in PostgreSQL, so the changes it has not read yet
 * are not pruned.
 */
public final class RedisSync {
    public static final String CURSOR_KEY = "postdesk:cursor";
    private static final String PREFIX = "postdesk:";
    private static final List<String> TABLES = List.of("users", "posts");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final ChangeFeed feed;
    private final Jedis redis;
    private final String consumer;
    private final int batchSize;

    public RedisSync(DataSource dataSource, ChangeFeed feed, Jedis redis, String consumer, int batchSize) {
        this.dataSource = dataSource;
        this.feed = feed;
        this.redis = redis;
        this.consumer = consumer;
        this.batchSize = batchSize;
    }

    /** The cursor Redis holds, if a copy finished there. */
    public ChangeCursor storedCursor() {
        String stored = redis.get(CURSOR_KEY);
        return stored == null ? null : ChangeCursor.parse(stored);
    }

    /**
     * Copies everything if Redis holds no cursor (or one whose changes were pruned), then follows
     * until cancelled; {@code status} hears what it does. Returns the cursor Redis holds at the end.
     */
    public ChangeCursor run(Cancellation cancellation, Consumer<String> status) {
        ChangeCursor cursor = storedCursor();
        while (true) {
            if (cursor == null) {
                cursor = copyAll(status);
            }
            status.accept("Following changes after " + cursor + ".");
            try {
                return feed.follow(cursor, batchSize, this::apply, cancellation);
            } catch (CursorExpiredException e) {
                status.accept(e.getMessage() + " Copying everything again.");
                cursor = null;
            }
        }
    }

    /** Replaces whatever PostDesk keys Redis holds with every row, from one snapshot; returns the cursor it stored. */
    public ChangeCursor copyAll(Consumer<String> status) {
        redis.del(CURSOR_KEY); // until the copy is complete, a restart copies again
        for (String table : TABLES) {
            deleteKeys(table);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL TimeZone = 'UTC'"); // timestamps as the capture writes them
            }
            ChangeCursor end = new ChangeLog().end(connection); // the first query fixes the snapshot
            for (String table : TABLES) {
                long rows = copy(connection, table);
                status.accept("Copied " + rows + " " + table + ".");
            }
            connection.commit();
            try (Transaction multi = redis.multi()) {
                multi.set(CURSOR_KEY, end.toString());
                multi.exec();
            }
            feed.saveConsumer(consumer, end);
            return end;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private long copy(Connection connection, String table) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT id::text, (to_jsonb(t) - 'password_hash')::text FROM " + table + " t")) {
            read.setFetchSize(batchSize);
            long rows = 0;
            try (ResultSet result = read.executeQuery()) {
                Transaction multi = redis.multi();
                int queued = 0;
                while (result.next()) {
                    writeRow(multi, table, result.getString(1), json(result.getString(2)), true);
                    rows++;
                    if (++queued == batchSize) {
                        multi.exec();
                        multi = redis.multi();
                        queued = 0;
                    }
                }
                multi.exec();
            }
            return rows;
        }
    }

    /** One batch of changes and the cursor after it, atomically; a truncate empties its table first, in its own step. */
    private void apply(List<Change> batch) {
        List<Change> rows = new ArrayList<>();
        for (Change change : batch) {
            if (change.operation().equals("truncate")) {
                write(rows);
                rows.clear();
                List<String> keys = keys(change.table());
                try (Transaction multi = redis.multi()) {
                    keys.forEach(multi::del);
                    multi.set(CURSOR_KEY, change.cursor().toString());
                    multi.exec();
                }
            } else {
                rows.add(change);
            }
        }
        write(rows);
        feed.saveConsumer(consumer, batch.get(batch.size() - 1).cursor());
    }

    private void write(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try (Transaction multi = redis.multi()) {
            for (Change change : changes) {
                String id = change.key().toString();
                switch (change.operation()) {
                    case "delete" -> multi.del(key(change.table(), id));
                    case "insert" -> writeRow(multi, change.table(), id, json(change.values()), true);
                    default -> writeRow(multi, change.table(), id, json(change.values()), false);
                }
            }
            multi.set(CURSOR_KEY, changes.get(changes.size() - 1).cursor().toString());
            multi.exec();
        }
    }

    /** The row's values as hash fields: text as it is, other JSON values as JSON; a null field is absent. */
    private static void writeRow(Transaction multi, String table, String id, JsonNode values, boolean whole) {
        String key = key(table, id);
        if (whole) {
            multi.del(key);
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        List<String> gone = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                gone.add(field.getKey());
            } else {
                fields.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
            }
        }
        if (!fields.isEmpty()) {
            multi.hset(key, fields);
        }
        if (!gone.isEmpty() && !whole) {
            multi.hdel(key, gone.toArray(String[]::new));
        }
    }

    private void deleteKeys(String table) {
        List<String> keys = keys(table);
        for (int from = 0; from < keys.size(); from += 1_000) {
            redis.del(keys.subList(from, Math.min(keys.size(), from + 1_000)).toArray(String[]::new));
        }
    }

    /** The keys of a table's rows (the sync is their only writer, so they do not change while this runs). */
    List<String> keys(String table) {
        List<String> keys = new ArrayList<>();
        ScanParams match = new ScanParams().match(PREFIX + table + ":*").count(1_000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    public static String key(String table, String id) {
        return PREFIX + table + ":" + id;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
