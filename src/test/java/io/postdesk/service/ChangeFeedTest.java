package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Change;
import io.postdesk.model.ChangeCursor;
import io.postdesk.testing.Eventually;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Issue 15's capture (V9) and its reader against the real embedded PostgreSQL: every committed
 * change by any writer, in commit order, never a rolled-back one, never twice, across restarts.
 */
class ChangeFeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestDatabase db;
    private ChangeFeed feed;

    @BeforeEach
    void open() {
        db = TestDatabase.create();
        feed = new ChangeFeed(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void recordsInsertsUpdatesAndDeletesWithChangedValuesButNeverThePasswordHash() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'secret-hash-1')");
        UUID ann = UUID.fromString(query("SELECT id FROM users WHERE username = 'ann'"));
        db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'Hello', 'First' FROM users");
        db.sql("UPDATE posts SET published = true");
        db.sql("UPDATE users SET password_hash = 'secret-hash-2'");
        db.sql("DELETE FROM posts");

        List<Change> changes = feed.read(ChangeCursor.START, 100);

        assertThat(changes).extracting(c -> c.table() + " " + c.operation())
                .containsExactly("users insert", "posts insert", "posts update", "users update", "posts delete");
        assertThat(changes.get(0).key()).isEqualTo(ann);
        JsonNode inserted = JSON.readTree(changes.get(0).values());
        assertThat(inserted.get("username").asText()).isEqualTo("ann");
        assertThat(inserted.has("password_hash")).isFalse();
        JsonNode published = JSON.readTree(changes.get(2).values());
        assertThat(published.get("published").asBoolean()).isTrue();
        assertThat(published.has("title")).as("only what changed").isFalse();
        assertThat(changes).allSatisfy(c -> assertThat(c.values()).doesNotContain("secret-hash"));
        assertThat(changes.get(4).values()).isEqualTo("{}");
        assertThat(changes).extracting(Change::cursor).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aChangeCommittedLateByALongTransactionComesAfterTheShortOnesAndIsNotSkipped() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'v0', 'c' FROM users");
        ChangeCursor start = feed.end();
        try (Connection longOne = db.dataSource().getConnection(); Connection shortOne = db.dataSource().getConnection()) {
            longOne.setAutoCommit(false);
            // The long transaction writes first, so its transaction id is the lower one.
            execute(longOne, "INSERT INTO users (username, email, password_hash) VALUES ('bob', 'bob@x.org', 'h')");
            execute(shortOne, "UPDATE posts SET title = 'v1'");
            List<Change> meanwhile = feed.read(start, 100);
            assertThat(meanwhile).extracting(Change::values).singleElement().asString().contains("\"v1\"");
            ChangeCursor reader = meanwhile.get(0).cursor();

            execute(longOne, "UPDATE posts SET title = 'v2'"); // the same row, after the short one committed
            longOne.commit();

            List<Change> late = new ChangeFeed(db.dataSource()).read(reader, 100); // a reader started again
            assertThat(late).extracting(c -> c.table() + " " + c.operation())
                    .containsExactly("users insert", "posts update");
            assertThat(late.get(1).values()).contains("\"v2\"");
            assertThat(feed.read(late.get(1).cursor(), 100)).isEmpty();
        }
    }

    @Test
    void rolledBackChangesNeverAppear() throws Exception {
        try (Connection writer = db.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            execute(writer, "INSERT INTO users (username, email, password_hash) VALUES ('gone', 'gone@x.org', 'h')");
            writer.rollback();
            execute(writer, "INSERT INTO users (username, email, password_hash) VALUES ('kept', 'kept@x.org', 'h')");
            execute(writer, "SAVEPOINT s");
            execute(writer, "INSERT INTO users (username, email, password_hash) VALUES ('undone', 'undone@x.org', 'h')");
            execute(writer, "ROLLBACK TO SAVEPOINT s");
            execute(writer, "UPDATE users SET email = 'kept2@x.org'");
            writer.commit();
        }

        List<Change> changes = feed.read(ChangeCursor.START, 100);

        assertThat(changes).extracting(c -> c.operation() + " " + c.values().contains("kept"))
                .containsExactly("insert true", "update true");
        assertThat(changes).extracting(Change::values).noneMatch(v -> v.contains("gone") || v.contains("undone"));
        assertThat(changes).extracting(c -> c.cursor().position()).as("one transaction, one position").containsOnly(
                changes.get(0).cursor().position());
    }

    @Test
    void aBulkStatementIsOneInsertOfChangesAndOneNotification() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h')");
        try (Connection listener = db.dataSource().getConnection()) {
            execute(listener, "LISTEN postdesk_changes");
            db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'Post ' || n, 'c' FROM users, generate_series(1, 20000) n");
            db.sql("UPDATE posts SET published = true");

            List<Change> all = readAll(ChangeCursor.START, 7_000);
            assertThat(all).hasSize(1 + 20_000 + 20_000);
            assertThat(all.subList(1, 20_001)).extracting(Change::operation).containsOnly("insert");
            assertThat(all.subList(20_001, 40_001)).extracting(Change::operation).containsOnly("update");
            execute(listener, "SELECT 1"); // notifications are read with the next exchange
            assertThat(listener.unwrap(PGConnection.class).getNotifications()).hasSize(2);
        }
    }

    @Test
    void deletingAUserRecordsTheCascadedDeletesOfItsPosts() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h'), ('bob', 'bob@x.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'Post ' || n, 'c' FROM users, generate_series(1, 3) n");
        ChangeCursor before = feed.end();

        db.sql("DELETE FROM users WHERE username = 'ann'");

        List<Change> changes = feed.read(before, 100);
        assertThat(changes).extracting(c -> c.table() + " " + c.operation())
                .containsExactlyInAnyOrder("users delete", "posts delete", "posts delete", "posts delete");
        assertThat(changes).extracting(c -> c.cursor().position()).containsOnly(changes.get(0).cursor().position());
    }

    /**
     * Writers in parallel, long and short transactions interleaved, some rolled back, all
     * incrementing counters in a few posts' titles. Row locks order the increments of one post by
     * commit: in commit order the feed shows each post's counter going up by exactly one (a skipped,
     * repeated, rolled-back or misordered change breaks that), and the last value is the table's.
     * A follower that is stopped and started again from its cursor sees exactly the same.
     */
    @Test
    void concurrentWritersTheFeedHoldsExactlyTheCommittedChangesInCommitOrder() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content) SELECT id, '0', 'c' FROM users, generate_series(1, 4) n");
        ChangeCursor start = feed.end();
        List<Change> followed = new CopyOnWriteArrayList<>();
        CompletableFuture<ChangeCursor> follower = follow(start, followed);

        ExecutorService writers = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            int seed = w;
            done.add(writers.submit(() -> write(seed, 25)));
        }
        for (Future<?> writer : done) {
            writer.get();
            if (done.indexOf(writer) == 2) { // restart the follower half way, from where it stopped
                ChangeCursor stoppedAt = stop(follower);
                follower = follow(stoppedAt, followed);
            }
        }
        writers.shutdown();
        ChangeCursor end = feed.end();
        Eventually.until(Duration.ofSeconds(10), () -> "follower at " + followed.size(),
                () -> !followed.isEmpty() && followed.get(followed.size() - 1).cursor().equals(end));
        stop(follower);

        List<Change> all = onlyPosts(readAll(start, 50));
        assertThat(followed).isEqualTo(all);
        Map<UUID, Integer> counters = new HashMap<>();
        for (Change change : all) {
            int title = Integer.parseInt(JSON.readTree(change.values()).get("title").asText());
            assertThat(title).as("post " + change.key() + " at " + change.cursor())
                    .isEqualTo(counters.getOrDefault(change.key(), 0) + 1);
            counters.put(change.key(), title);
        }
        try (Connection c = db.dataSource().getConnection(); ResultSet rows = c.createStatement().executeQuery("SELECT id, title FROM posts")) {
            while (rows.next()) {
                assertThat(counters.getOrDefault(UUID.fromString(rows.getString(1)), 0)).isEqualTo(Integer.parseInt(rows.getString(2)));
            }
        }
        assertThat(all.size()).isGreaterThan(50);
    }

    @Test
    void prunesWhatEveryConsumerPassedAndAnAbandonedOneAfterTheRetention() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h')");
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('bob', 'bob@x.org', 'h')");
        List<Change> two = feed.read(ChangeCursor.START, 10);
        ChangeFeed noKeep = new ChangeFeed(db.dataSource(), Duration.ZERO, Duration.ofDays(7));
        noKeep.saveConsumer("slow", two.get(0).cursor());

        noKeep.prune();
        assertThat(feed.read(ChangeCursor.START, 10)).as("the consumer has not passed ann's transaction").hasSize(2);

        noKeep.saveConsumer("slow", two.get(1).cursor());
        noKeep.prune();
        assertThat(feed.read(two.get(0).cursor(), 10)).containsExactly(two.get(1));
        assertThatThrownBy(() -> feed.read(ChangeCursor.START, 10)).isInstanceOf(CursorExpiredException.class)
                .hasMessageContaining("no longer kept");

        db.sql("UPDATE postdesk_change_consumers SET seen_at = now() - interval '8 days'");
        db.sql("UPDATE postdesk_change_commits SET committed_at = now() - interval '8 days'");
        new ChangeFeed(db.dataSource()).prune();
        assertThat(query("SELECT count(*) FROM postdesk_changes")).isEqualTo("0");
    }

    private void write(int seed, int transactions) {
        Random random = new Random(seed);
        try (Connection writer = db.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            for (int i = 0; i < transactions; i++) {
                String post = "(SELECT id FROM posts ORDER BY id OFFSET " + random.nextInt(4) + " LIMIT 1)";
                if (random.nextInt(4) == 0) {
                    execute(writer, "SELECT 1 FROM users FOR UPDATE"); // a long one takes an xid first
                    execute(writer, "UPDATE users SET email = email");
                    execute(writer, "SELECT pg_sleep(" + random.nextInt(40) / 1000.0 + ")"); // held open on the server
                }
                execute(writer, "UPDATE posts SET title = (title::int + 1)::text WHERE id = " + post);
                execute(writer, "SELECT pg_sleep(" + random.nextInt(5) / 1000.0 + ")");
                if (random.nextInt(5) == 0) {
                    writer.rollback();
                } else {
                    writer.commit();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<ChangeCursor> follow(ChangeCursor after, List<Change> into) {
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ChangeCursor> running = CompletableFuture.supplyAsync(() ->
                feed.follow(after, 7, batch -> into.addAll(onlyPosts(batch)), cancellation));
        cancellations.put(running, cancellation);
        return running;
    }

    private final Map<CompletableFuture<ChangeCursor>, Cancellation> cancellations = new java.util.concurrent.ConcurrentHashMap<>();

    private ChangeCursor stop(CompletableFuture<ChangeCursor> follower) throws Exception {
        cancellations.get(follower).cancel();
        return follower.get();
    }

    private static List<Change> onlyPosts(List<Change> batch) {
        return batch.stream().filter(c -> c.table().equals("posts")).toList();
    }

    private List<Change> readAll(ChangeCursor after, int batch) {
        List<Change> all = new ArrayList<>();
        for (List<Change> next = feed.read(after, batch); !next.isEmpty(); next = feed.read(after, batch)) {
            all.addAll(next);
            after = next.get(next.size() - 1).cursor();
        }
        return all;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
