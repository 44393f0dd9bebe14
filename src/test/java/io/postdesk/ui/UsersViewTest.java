package io.postdesk.ui;

import static io.postdesk.ui.UiTestSupport.table;
import static io.postdesk.ui.UiTestSupport.text;
import static io.postdesk.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.PostRow;
import io.postdesk.model.UserRow;
import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The users view: search, the selected user's posts, and opening one in the posts view. */
class UsersViewTest {
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void seed() {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash, created_at) VALUES"
                + " ('alice', 'alice@example.org', 'h', '2024-01-01'), ('bob', 'bob@blog.test', 'h', '2024-02-01'),"
                + " ('carol_x', 'carol@example.org', 'h', '2024-03-01')");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT id, 'Alice post ' || n, 'Content ' || n, n <> 2, timestamptz '2025-01-01' + n * interval '1 day'"
                + " FROM users, generate_series(1, 3) n WHERE username = 'alice'");
        // More posts than the users view loads at a time (100), half of them drafts.
        db.sql("INSERT INTO users (username, email, password_hash, created_at) VALUES"
                + " ('dave', 'dave@example.org', 'h', '2024-04-01')");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT id, 'Dave post ' || n, 'Text ' || n, n % 2 = 0, timestamptz '2025-01-01' + n * interval '1 hour'"
                + " FROM users, generate_series(1, 250) n WHERE username = 'dave'");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void open() throws Exception {
        app = UiTestSupport.start(db.urlText(), dataFolder);
        robot.clickOn("Users");
        waitUntil(() -> users().getItems().size() == 4);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.closeAll(robot, app);
    }

    private javafx.scene.control.TableView<UserRow> users() {
        return table(robot, "#usersTable");
    }

    @Test
    void usersShowPostCountsAndSearchLiterallyInEmails() throws Exception {
        UserRow alice = users().getItems().stream().filter(u -> u.username().equals("alice")).findFirst().orElseThrow();
        assertThat(alice.publishedPosts()).isEqualTo(2);
        assertThat(alice.allPosts()).isEqualTo(3);

        robot.clickOn("#userSearchField").write("BLOG.TEST");
        waitUntil(() -> users().getItems().size() == 1 && users().getItems().get(0).username().equals("bob"));

        robot.clickOn("#usersView .chip-remove");
        waitUntil(() -> users().getItems().size() == 4);
        robot.clickOn("#userSearchField").write("_");
        waitUntil(() -> users().getItems().size() == 1 && users().getItems().get(0).username().equals("carol_x"));
    }

    @Test
    void aSelectedUsersPostsOpenInThePostsView() throws Exception {
        robot.clickOn("alice");
        javafx.scene.control.TableView<PostRow> posts = table(robot, "#userPostsTable");
        waitUntil(() -> posts.getItems().size() == 3);
        assertThat(posts.getItems()).extracting(PostRow::title)
                .containsExactly("Alice post 3", "Alice post 2", "Alice post 1");
        assertThat(text(robot, "#userPostsTitle")).isEqualTo("Posts by alice: 3 (2 published, 1 drafts)");

        robot.doubleClickOn("Alice post 2");

        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getText().equals("Posts"));
        waitUntil(() -> robot.lookup("#detailContent").queryAs(TextArea.class).getText().equals("Content 2"));
        javafx.scene.control.TableView<PostRow> postsView = table(robot, "#postsTable");
        waitUntil(() -> postsView.getItems().size() == 3
                && postsView.getItems().stream().allMatch(row -> row.author().equals("alice")));
        assertThat(robot.lookup("#postsView .chip .label").queryLabeled().getText()).isEqualTo("Author alice");
    }

    @Test
    void aUserWithManyPostsShowsTheNewestAndLoadsTheRestAsTheListScrolls() throws Exception {
        robot.clickOn("dave");
        javafx.scene.control.TableView<PostRow> posts = table(robot, "#userPostsTable");
        waitUntil(() -> text(robot, "#userPostsTitle").startsWith("Posts by dave: "));

        assertThat(text(robot, "#userPostsTitle")).isEqualTo("Posts by dave: 250 (125 published, 125 drafts)");
        assertThat(posts.getItems()).hasSize(100);
        assertThat(posts.getItems().get(0).title()).isEqualTo("Dave post 250");
        assertThat(posts.getColumns()).noneMatch(javafx.scene.control.TableColumn::isSortable);

        robot.interact(() -> posts.scrollTo(99));
        waitUntil(() -> posts.getItems().size() == 200);
        javafx.scene.Node aRowOnScreen = robot.lookup("#userPostsTable .table-row-cell").match(
                (javafx.scene.control.TableRow<?> row) -> row.isVisible() && row.getItem() != null).query();
        robot.clickOn(aRowOnScreen);
        robot.type(javafx.scene.input.KeyCode.END); // the last row loaded, and so the next page
        waitUntil(() -> posts.getItems().size() == 250);

        assertThat(posts.getItems()).extracting(PostRow::title).containsExactlyElementsOf(
                java.util.stream.IntStream.iterate(250, n -> n >= 1, n -> n - 1).mapToObj(n -> "Dave post " + n).toList());
        assertThat(text(robot, "#userPostsTitle")).isEqualTo("Posts by dave: 250 (125 published, 125 drafts)");
    }

    private String placeholder() {
        return text(robot, "#userPostsPlaceholder");
    }

    @Test
    void thePostsPaneSaysSelectAUserAndNoPostsYetOnlyForAUserWithNone() throws Exception {
        assertThat(placeholder()).isEqualTo("Select a user to see their posts.");

        robot.clickOn("carol_x");
        waitUntil(() -> placeholder().equals("No posts yet."));
        assertThat(text(robot, "#userPostsTitle")).isEqualTo("Posts by carol_x");
    }

    @Test
    void f5ReadsTheUsersPostsAgainAndKeepsTheUserSelected() throws Exception {
        robot.clickOn("alice");
        javafx.scene.control.TableView<PostRow> posts = table(robot, "#userPostsTable");
        waitUntil(() -> posts.getItems().size() == 3);
        try {
            db.sql("UPDATE posts SET title = 'Alice post 3 (psql)' WHERE title = 'Alice post 3'");
            robot.type(KeyCode.F5);
            waitUntil(() -> posts.getItems().stream().anyMatch(row -> row.title().equals("Alice post 3 (psql)")));
            assertThat(users().getSelectionModel().getSelectedItem().username()).isEqualTo("alice");
        } finally {
            db.sql("UPDATE posts SET title = 'Alice post 3' WHERE title = 'Alice post 3 (psql)'");
        }
    }
}
