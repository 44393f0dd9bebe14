package io.postdesk.ui;

import static io.postdesk.ui.UiTestSupport.table;
import static io.postdesk.ui.UiTestSupport.text;
import static io.postdesk.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.PostRow;
import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.util.UUID;
import javafx.application.Application;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** Issue 15 in the window: a change made by plain JDBC reaches the open posts table by itself. */
class LiveChangesWindowTest {
    private TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT id, 'Post ' || lpad(n::text, 3, '0'), 'Body', true, timestamptz '2025-01-01' + n * interval '1 hour'"
                + " FROM users, generate_series(1, 120) n");
        app = UiTestSupport.start(db.urlText(), dataFolder, java.util.Map.of());
        waitUntil(() -> posts().getItems().size() == 50);
        waitUntil(() -> text(robot, "#postsView .count-label").equals("120 posts"));
    }

    @AfterEach
    void close() throws Exception {
        try {
            UiTestSupport.closeAll(robot, app);
        } finally {
            db.close();
        }
    }

    /**
     * SQL from another program (psql, the blog): a plain connection. TestDatabase's pool would carry
     * this JVM's writer tag, the same as the window's own, and the window leaves its own changes out.
     */
    private void otherWriter(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
             java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private TableView<PostRow> posts() {
        return table(robot, "#postsTable");
    }

    @Test
    void aChangeToARowOnThePageIsShownInPlaceKeepingTheSelection() throws Exception {
        robot.interact(() -> posts().getSelectionModel().select(5));
        UUID selected = posts().getSelectionModel().getSelectedItem().id();

        long committed = System.nanoTime();
        otherWriter("UPDATE posts SET title = 'Changed by psql' WHERE title = 'Post 118'");
        waitUntil(() -> posts().getItems().stream().anyMatch(row -> row.title().equals("Changed by psql")));
        long millis = (System.nanoTime() - committed) / 1_000_000;
        System.out.println("LiveChangesWindowTest: commit to the table in " + millis + " ms");

        assertThat(posts().getSelectionModel().getSelectedItem().id()).isEqualTo(selected);
        assertThat(robot.lookup("#postsView .others-changes").queryAs(Hyperlink.class).isVisible()).isFalse();
    }

    @Test
    void changesElsewhereAreCountedUntilRefreshAndTheCountFollows() throws Exception {
        otherWriter("INSERT INTO posts (user_id, title, content, created_at) SELECT id, 'Old news', 'c', timestamptz '2020-01-01'"
                + " FROM users");
        otherWriter("INSERT INTO posts (user_id, title, content, created_at) SELECT id, 'Older news', 'c', timestamptz '2019-01-01'"
                + " FROM users");

        waitUntil(() -> robot.lookup("#postsView .others-changes").queryAs(Hyperlink.class).isVisible()
                && robot.lookup("#postsView .others-changes").queryAs(Hyperlink.class).getText().equals("2 changes by others \u2013 Refresh"));
        assertThat(text(robot, "#postsView .count-label")).isEqualTo("120 posts");

        robot.clickOn("#postsView .others-changes");

        waitUntil(() -> text(robot, "#postsView .count-label").equals("122 posts"));
        assertThat(robot.lookup("#postsView .others-changes").queryAs(Hyperlink.class).isVisible()).isFalse();
    }
    @Test
    void anOpenFormSaysWhatSomeoneElseChangedAndThatTheRecordWasDeletedKeepingWhatWasTyped() throws Exception {
        robot.clickOn("Post 110").type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> "Post 110".equals(robot.lookup("#titleField").queryAs(javafx.scene.control.TextField.class).getText()));
        robot.interact(() -> robot.lookup("#contentField").queryAs(javafx.scene.control.TextArea.class).setText("typed here"));

        otherWriter("UPDATE posts SET title = 'Post 110 (edited)', published = false WHERE title = 'Post 110'");
        waitUntil(() -> formMessage().equals("Someone else changed this post (published, title)."
                + " Save will show their version beside yours."));

        otherWriter("DELETE FROM posts WHERE title = 'Post 110 (edited)'");
        waitUntil(() -> formMessage().startsWith("Someone else deleted this post."));
        assertThat(robot.lookup("#contentField").queryAs(javafx.scene.control.TextArea.class).getText()).isEqualTo("typed here");
    }

    private String formMessage() {
        return robot.lookup("#formMessage").queryAs(javafx.scene.control.Label.class).getText();
    }
}
