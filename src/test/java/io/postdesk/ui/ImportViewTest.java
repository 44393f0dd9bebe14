package io.postdesk.ui;

import static io.postdesk.ui.UiTestSupport.table;
import static io.postdesk.ui.UiTestSupport.text;
import static io.postdesk.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.PostRow;
import io.postdesk.model.UserRow;
import io.postdesk.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Import… in the posts and users views, as a user drives it. The platform's open dialog cannot
 * be driven headless, so the composition root is given the file the user would pick.
 */
class ImportViewTest {
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private final AtomicReference<Path> picked = new AtomicReference<>();
    private final List<String> askedFor = new ArrayList<>();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void seed() {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h'),"
                + " ('bob', 'bob@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT id, 'Seed ' || n, 'Seed content ' || n, true, timestamptz '2024-01-01' + n * interval '1 day'"
                + " FROM users, generate_series(1, 3) n WHERE username = 'alice'");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void open() throws Exception {
        app = UiTestSupport.start(db.urlText(), dataFolder, (owner, title) -> {
            askedFor.add(title);
            return picked.get();
        });
        long posts = count("SELECT count(*) FROM posts");
        waitUntil(() -> posts().getItems().size() == posts);
        waitUntil(() -> text(robot, "#postsView .count-label").equals(posts + " posts"));
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.closeAll(robot, app);
    }

    private TableView<PostRow> posts() {
        return table(robot, "#postsTable");
    }

    private TableView<UserRow> users() {
        return table(robot, "#usersTable");
    }

    @Test
    void aGoodPostsFileAddsItsRowsToTheViewAndSaysHowMany() throws Exception {
        long before = count("SELECT count(*) FROM posts");
        picked.set(file("good posts.csv", """
                author,title,content,published,created_at
                alice,"Imported, with a comma","Two
                lines",true,2025-06-01T10:00:00+02:00
                BOB@example.org,Imported by email,"He said ""hi"" twice",no,
                """));

        robot.clickOn("#postsView #importPostsButton");

        waitUntil(() -> robot.lookup("#infoDialog").tryQuery().isPresent());
        assertThat(askedFor).containsExactly("Import posts");
        assertThat(dialogText("#infoDialog")).isEqualTo("Imported 2 posts from good posts.csv.");
        robot.clickOn(robot.lookup("#infoDialog .button").queryButton());
        waitUntil(() -> robot.lookup("#infoDialog").tryQuery().isEmpty());
        assertThat(robot.lookup("#progressStatus").tryQuery()).isEmpty(); // the progress window closed

        // The view refreshed itself: the new rows and the new count.
        waitUntil(() -> text(robot, "#postsView .count-label").equals((before + 2) + " posts"));
        waitUntil(() -> posts().getItems().stream().map(PostRow::title).toList()
                .containsAll(List.of("Imported, with a comma", "Imported by email")));
        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(before + 2);
        assertThat(count("SELECT count(*) FROM posts p JOIN users u ON u.id = p.user_id WHERE u.username = 'bob'"
                + " AND p.title = 'Imported by email' AND p.content = 'He said \"hi\" twice' AND NOT p.published")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM posts WHERE content = E'Two\\nlines'"
                + " AND created_at = timestamptz '2025-06-01T08:00:00Z'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM postdesk_audit WHERE table_name = 'posts' AND action = 'import'"
                + " AND changes->>'file' = 'good posts.csv' AND changes->>'rows' = '2'")).isEqualTo(1);
    }

    @Test
    void aBadFileListsEveryBadLineAndImportsNothing() throws Exception {
        long before = count("SELECT count(*) FROM posts");
        long audits = count("SELECT count(*) FROM postdesk_audit");
        picked.set(file("bad.csv", """
                author,title,content,published
                alice,A fine line,text,true
                alice,,text,true
                nobody,Unknown author,text,true
                bob,Odd flag,text,maybe
                bob,Short line
                """));

        robot.clickOn("#postsView #importPostsButton");

        waitUntil(() -> robot.lookup("#badLinesDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#badLinesDialog").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText())
                .isEqualTo("bad.csv: 4 bad lines; nothing was imported. Correct these lines and import the file again.");
        assertThat(dialog.getGraphic()).isNull(); // the theme's dialog, not the stock one with its glossy icon
        assertThat(dialog.lookupAll(".image-view")).isEmpty();
        assertThat(robot.lookup("#badLinesDialog #badLines").queryAs(TextArea.class).getText()).isEqualTo("""
                line 3, title: Title is required.
                line 4, author: No user has the username or email "nobody".
                line 5, published: Must be true, false, t, f, yes, no, 1 or 0.
                line 6: Has 2 fields; the header has 4.""");
        robot.clickOn(robot.lookup("#badLinesDialog .button").queryButton());
        waitUntil(() -> robot.lookup("#badLinesDialog").tryQuery().isEmpty());
        assertThat(robot.lookup("#progressStatus").tryQuery()).isEmpty();

        // Nothing was imported, not even the good line: the database, the count and the rows are as before.
        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM postdesk_audit")).isEqualTo(audits);
        assertThat(text(robot, "#postsView .count-label")).isEqualTo(before + " posts");
        assertThat(posts().getItems()).extracting(PostRow::title).doesNotContain("A fine line");
    }

    @Test
    void usersAreImportedFromTheUsersView() throws Exception {
        picked.set(file("people.csv", "username,email,password\ncarol,carol@example.org,long enough\n"
                + "dave,dave@example.org,also long enough\n"));
        robot.clickOn("Users");
        waitUntil(() -> users().getItems().size() == 2);

        robot.clickOn("#usersView #importUsersButton");

        waitUntil(() -> robot.lookup("#infoDialog").tryQuery().isPresent());
        assertThat(askedFor).containsExactly("Import users");
        assertThat(dialogText("#infoDialog")).isEqualTo("Imported 2 users from people.csv.");
        robot.clickOn(robot.lookup("#infoDialog .button").queryButton());
        waitUntil(() -> users().getItems().size() == 4);
        waitUntil(() -> text(robot, "#usersView .count-label").equals("4 users"));
        assertThat(users().getItems()).extracting(UserRow::username).contains("carol", "dave");
        db.sql("DELETE FROM users WHERE username IN ('carol', 'dave')"); // the other tests count on two users
    }

    private String dialogText(String id) {
        return ((Label) robot.lookup(id).queryAs(DialogPane.class).getContent()).getText();
    }

    private Path file(String name, String text) throws Exception {
        Path file = dataFolder.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static long count(String query) {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
