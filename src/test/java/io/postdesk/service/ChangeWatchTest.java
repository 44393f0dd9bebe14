package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.model.Change;
import io.postdesk.testing.Eventually;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window's watch: others' changes only, and after a lost connection it catches up from its cursor. */
class ChangeWatchTest {
    private TestDatabase db;
    private HikariDataSource watchConnection;

    @BeforeEach
    void open() {
        db = TestDatabase.create();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url().jdbcUrl());
        config.setUsername(db.url().user());
        config.setPassword(db.url().password());
        config.setMaximumPoolSize(1);
        config.addDataSourceProperty("ApplicationName", "change-watch-under-test");
        watchConnection = new HikariDataSource(config);
    }

    @AfterEach
    void close() {
        watchConnection.close();
        db.close();
    }

    @Test
    void handsOverOthersChangesOnlyAndCatchesUpAfterALostConnection() throws Exception {
        List<Change> seen = new CopyOnWriteArrayList<>();
        try (ChangeWatch watch = ChangeWatch.start(new ChangeFeed(watchConnection), "this-postdesk", seen::addAll, () -> { })) {
            Eventually.until(Duration.ofSeconds(10), () -> "the watch listening", () -> listening());
            write("this-postdesk", "INSERT INTO users (username, email, password_hash) VALUES ('mine', 'mine@x.org', 'h')");
            write(null, "INSERT INTO users (username, email, password_hash) VALUES ('theirs', 'theirs@x.org', 'h')");
            Eventually.until(Duration.ofSeconds(10), () -> "theirs seen: " + seen, () -> seen.size() == 1);
            assertThat(seen.get(0).values()).contains("theirs").doesNotContain("mine");

            db.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'change-watch-under-test'");
            write(null, "UPDATE users SET email = 'while-away@x.org' WHERE username = 'theirs'");

            Eventually.until(Duration.ofSeconds(20), () -> "caught up: " + seen, () -> seen.size() == 2);
            assertThat(seen.get(1).values()).contains("while-away@x.org");
        }
    }

    private boolean listening() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'change-watch-under-test'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private void write(String writerTag, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
             Statement s = c.createStatement()) {
            if (writerTag != null) {
                s.execute("SET postdesk.writer = '" + writerTag + "'");
            }
            s.execute(sql);
        }
    }
}
