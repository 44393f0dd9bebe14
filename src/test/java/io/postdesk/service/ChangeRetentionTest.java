package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.model.ChangeCursor;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's retention with no PostDesk process running: the blog's own commits prune the change
 * log (V9's postdesk_stamp_commit), a bounded batch at a time, never waiting for each other.
 */
class ChangeRetentionTest {
    private TestDatabase db;

    @BeforeEach
    void open() {
        db = TestDatabase.create();
        // Shorter than the shipped settings (7 days, every minute), so a test can cross them.
        db.sql("UPDATE postdesk_change_pruned SET retention = '1 hour', prune_every = '0', prune_budget = 5");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void writesAloneRemoveWhatIsOlderThanTheRetentionAndNoMoreThanTheBudgetPerCommit() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content) SELECT u.id, 'p' || n, 'c' FROM users u, generate_series(1, 12) n");
        for (int i = 0; i < 3; i++) {
            db.sql("UPDATE users SET email = email || '.' WHERE username = 'ann'");
        }
        assertThat(count("postdesk_changes")).isEqualTo(1 + 12 + 3);
        age("2 hours"); // older than the retention; no consumer, no follower
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('young', 'young@x.org', 'h')");
        assertThat(count("postdesk_changes")).as("one commit deletes at most the budget").isEqualTo(16 - 5 + 1);
        assertThat(count("postdesk_change_commits")).as("ann's, then the 12-post one cut short and kept").isEqualTo(4 + 1);

        long before = count("postdesk_changes");
        for (int i = 0; i < 4; i++) {
            db.sql("UPDATE users SET email = email || '.' WHERE username = 'young'");
            long now = count("postdesk_changes");
            assertThat(before + 1 - now).as("deleted by commit " + i).isBetween(0L, 5L);
            before = now;
        }
        assertThat(query("SELECT string_agg(operation || ' ' || table_name, ',' ORDER BY id) FROM postdesk_changes"))
                .as("only what is younger than the retention is left")
                .isEqualTo("insert users,update users,update users,update users,update users");
        assertThatThrownBy(() -> new ChangeFeed(db.dataSource()).read(ChangeCursor.START, 10))
                .isInstanceOf(CursorExpiredException.class);
    }

    @Test
    void whatAConsumerHasReadGoesAfterKeepWhatItHasNotStaysUntilTheRetention() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h')");
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('bob', 'bob@x.org', 'h')");
        ChangeFeed feed = new ChangeFeed(db.dataSource());
        feed.saveConsumer("sync", feed.read(ChangeCursor.START, 10).get(1).cursor()); // read through bob's
        db.sql("UPDATE postdesk_change_commits SET committed_at = now() - interval '2 hours' WHERE position IS NOT NULL");
        db.sql("UPDATE postdesk_change_pruned SET retention = '7 days'");

        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('cid', 'cid@x.org', 'h')");

        assertThat(query("SELECT string_agg(changes->>'username', ',' ORDER BY id) FROM postdesk_changes"))
                .as("the consumer is past ann's transaction (older than keep), not yet past bob's").isEqualTo("bob,cid");
    }

    @Test
    void aWriterNeverWaitsForAnotherPrunerAndAWriteFailsNeverBecauseOfPruning() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h')");
        age("2 hours");
        try (Connection pruner = db.dataSource().getConnection(); Statement s = pruner.createStatement()) {
            pruner.setAutoCommit(false);
            s.executeQuery("SELECT postdesk_prune_changes('1 hour', '1 hour', 1)").close(); // holds the pruning lock
            db.sql("SET statement_timeout = '5s'; INSERT INTO users (username, email, password_hash) VALUES ('bob', 'bob@x.org', 'h')");
            assertThat(count("postdesk_changes")).as("ann's went in the open pruning, not yet committed").isEqualTo(2);
            pruner.rollback();
        }
        assertThat(count("postdesk_changes")).isEqualTo(2);

        db.sql("BEGIN ISOLATION LEVEL REPEATABLE READ; INSERT INTO users (username, email, password_hash)"
                + " VALUES ('cid', 'cid@x.org', 'h'); COMMIT");
        assertThat(count("postdesk_changes")).as("a REPEATABLE READ writer leaves the pruning to others").isEqualTo(3);

        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('dan', 'dan@x.org', 'h')");
        assertThat(query("SELECT string_agg(changes->>'username', ',' ORDER BY id) FROM postdesk_changes")).isEqualTo("bob,cid,dan");
    }

    private void age(String by) {
        db.sql("UPDATE postdesk_change_commits SET committed_at = now() - interval '" + by + "' WHERE position IS NOT NULL");
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM " + table));
    }

    private String query(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
