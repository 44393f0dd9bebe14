package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postdesk.service.ChangeFeed;
import io.postdesk.service.RedisSync;
import io.postdesk.testing.Eventually;
import io.postdesk.testing.RedisServer;
import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@code postdesk sync redis://...} against a real redis-server (started here on a free port;
 * without one installed these tests are reported as skipped with the reason, see README).
 */
class SyncCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestDatabase db;
    private RedisServer redis;

    @TempDir
    Path folder;

    @BeforeEach
    void open() throws Exception {
        Optional<Path> binary = RedisServer.binary();
        if (binary.isEmpty()) {
            System.err.println("SyncCommandTest: redis-server is not installed (apt-get install -y redis-server); not run.");
        }
        Assumptions.assumeTrue(binary.isPresent(), "redis-server is not installed: apt-get install -y redis-server");
        redis = RedisServer.start(binary.get(), folder);
        db = TestDatabase.create();
    }

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aFirstRunCopiesEverythingThenFollowsInsertsUpdatesDeletesAndTruncates() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) SELECT 'user' || n, 'user' || n || '@x.org', 'secret-hash'"
                + " FROM generate_series(1, 30) n");
        db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'Post of ' || username, 'c' FROM users");
        try (PostDeskProcess sync = PostDeskProcess.start(folder, "sync", "sync", redis.url(), "--database-url", db.urlText())) {
            sync.awaitText(false, "Following changes", Duration.ofSeconds(60));
            assertThat(sync.err()).contains("Copied 30 users.", "Copied 30 posts.");
            assertIdentical();

            db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'secret-hash')");
            db.sql("UPDATE posts SET published = true, title = 'New ' || title WHERE title LIKE '%user1%'");
            db.sql("DELETE FROM users WHERE username = 'user2'"); // and its post, by cascade
            db.sql("UPDATE users SET password_hash = 'secret-hash-2' WHERE username = 'user3'");
            awaitCaughtUp();
            assertIdentical();

            db.sql("TRUNCATE posts");
            db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'After truncate', 'c' FROM users LIMIT 2");
            awaitCaughtUp();
            assertIdentical();

            sync.interrupt();
            assertThat(sync.process().waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(sync.err()).contains("stopped; Redis holds the changes through").doesNotContain("Exception");
        }
        try (Jedis client = redis.client()) {
            assertThat(client.keys("postdesk:users:*").stream().flatMap(key -> client.hkeys(key).stream()))
                    .isNotEmpty().doesNotContain("password_hash");
        }
    }

    /**
     * Bulk writes while the sync runs in batches of 50, killed (kill -9) three times at different
     * moments and started again: Redis ends identical to the tables, every change applied once.
     */
    @Test
    void aSyncKilledMidBatchAndStartedAgainEndsIdenticalToTheTables() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) SELECT 'user' || n, 'user' || n || '@x.org', 'h'"
                + " FROM generate_series(1, 50) n");
        db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'Post ' || n, 'c' FROM users, generate_series(1, 20) n");
        for (int run = 0; run < 3; run++) {
            try (PostDeskProcess sync = PostDeskProcess.start(folder, "sync" + run, "sync", redis.url(), "--batch", "50",
                    "--database-url", db.urlText())) {
                sync.awaitText(false, "Following changes", Duration.ofSeconds(60));
                String before = cursorInRedis();
                db.sql("UPDATE posts SET title = 'Run " + run + " ' || title, published = NOT published");
                db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'Added in run " + run + "', 'c'"
                        + " FROM users, generate_series(1, 10) n");
                db.sql("DELETE FROM posts WHERE id IN (SELECT id FROM posts ORDER BY id LIMIT 100)");
                // Killed while it works through these 2,000+ changes, 50 at a time: each run a batch later.
                String seen = before;
                for (int batch = 0; batch <= run; batch++) {
                    String from = seen;
                    seen = Eventually.read(Duration.ofSeconds(30), this::cursorInRedis,
                            cursor -> !String.valueOf(cursor).equals(String.valueOf(from)));
                }
                sync.kill();
            }
        }
        try (PostDeskProcess sync = PostDeskProcess.start(folder, "last", "sync", redis.url(), "--batch", "50",
                "--database-url", db.urlText())) {
            sync.awaitText(false, "Following changes", Duration.ofSeconds(60));
            assertThat(sync.err()).as("resumed, not copied again").doesNotContain("Copied");
            awaitCaughtUp();
            assertIdentical();
        }
    }

    private void awaitCaughtUp() throws Exception {
        String end = new ChangeFeed(db.dataSource()).end().toString();
        Eventually.until(Duration.ofSeconds(30), () -> "Redis's cursor at " + end + ", is " + cursorInRedis(),
                () -> end.equals(cursorInRedis()));
    }

    private String cursorInRedis() {
        try (Jedis client = redis.client()) {
            return client.get(RedisSync.CURSOR_KEY);
        }
    }

    private void assertIdentical() throws Exception {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            for (String table : new String[] {"users", "posts"}) {
                try (ResultSet rows = s.executeQuery("SELECT id, (to_jsonb(t) - 'password_hash')::text FROM " + table + " t")) {
                    while (rows.next()) {
                        Map<String, String> fields = new HashMap<>();
                        JsonNode values = JSON.readTree(rows.getString(2));
                        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> field = it.next();
                            if (!field.getValue().isNull()) {
                                fields.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText()
                                        : field.getValue().toString());
                            }
                        }
                        expected.put(RedisSync.key(table, rows.getString(1)), fields);
                    }
                }
            }
        }
        Map<String, Map<String, String>> actual = new TreeMap<>();
        try (Jedis client = redis.client()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, new ScanParams().match("postdesk:*:*").count(500));
                for (String key : page.getResult()) {
                    actual.put(key, client.hgetAll(key));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        assertThat(actual).isEqualTo(expected);
    }
}
