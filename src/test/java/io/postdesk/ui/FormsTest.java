package io.postdesk.ui;

import static io.postdesk.ui.UiTestSupport.button;
import static io.postdesk.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The post and user forms as issue 11 found them: author resolution, safe defaults, layout, keys. */
class FormsTest {
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void create() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void seedAndOpen() throws Exception {
        db.sql("DELETE FROM users");
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h'),"
                + " ('bob_31', 'bob31@example.org', 'h'), ('bob_7', 'bob7@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'First of ' || username,"
                + " 'Hello', true FROM users");
        app = UiTestSupport.startOnPosts(robot, db.urlText(), dataFolder, Map.of(), 3);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.closeAll(robot, app);
    }

    private String authorOf(String title) {
        return db.queryText("SELECT u.username FROM posts p JOIN users u ON u.id = p.user_id WHERE p.title = '" + title + "'");
    }

    private void openPost(String title) throws Exception {
        robot.clickOn(title).type(KeyCode.ENTER);
        waitUntil(() -> title.equals(field("#titleField").getText()));
    }

    private void openNewPost() throws Exception {
        robot.clickOn("#newPostButton");
        waitUntil(() -> robot.lookup("#titleField").tryQuery().isPresent());
    }

    private TextField field(String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private Label label(String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    private Stage formStage() {
        return (Stage) robot.lookup("#saveButton").query().getScene().getWindow();
    }

    private void retypeAuthor(String text) {
        robot.clickOn("#formAuthorField");
        robot.interact(() -> field("#formAuthorField").clear());
        robot.write(text);
    }

    private static boolean suggestionsShowing() {
        return Window.getWindows().stream().anyMatch(window -> window instanceof ContextMenu menu && menu.isShowing());
    }

    @Test
    void anAuthorNameThatMatchesNobodyIsAFieldErrorAndTheOldAuthorIsNotKept() throws Exception {
        openPost("First of alice");
        retypeAuthor("xyz");
        robot.clickOn("#saveButton");

        waitUntil(() -> label("#authorError").getText().equals("No user named 'xyz'"));
        assertThat(label("#authorError").isVisible()).isTrue();
        assertThat(authorOf("First of alice")).isEqualTo("alice");
        assertThat(robot.lookup("#saveButton").tryQuery()).isPresent(); // the form stays open
    }

    @Test
    void aNameStartingSeveralUsernamesIsNotGuessedAndAnExactOneIsSavedWithCtrlS() throws Exception {
        openPost("First of alice");
        retypeAuthor("bob");
        robot.clickOn("#titleField"); // leaving the field resolves it
        waitUntil(() -> label("#authorError").getText().equals("'bob' matches several users: pick one"));
        robot.clickOn("#saveButton");
        waitUntil(() -> !robot.lookup("#saveButton").queryButton().isDisabled() || label("#authorError").isVisible());
        assertThat(authorOf("First of alice")).isEqualTo("alice");

        retypeAuthor("bob_7");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> "bob_7".equals(authorOf("First of alice")));
    }

    @Test
    void tabInTheSuggestionsMovesFocusOnAndLeavesTheTypedText() throws Exception {
        openNewPost();
        robot.clickOn("#formAuthorField").write("bob");
        waitUntil(FormsTest::suggestionsShowing);
        ContextMenu menu = (ContextMenu) Window.getWindows().stream()
                .filter(window -> window instanceof ContextMenu shown && shown.isShowing()).findFirst().orElseThrow();
        assertThat(menu.getItems()).allMatch(item -> !item.isMnemonicParsing());
        assertThat(robot.from(menu.getSkin().getNode()).lookup(".label").queryAllAs(Label.class))
                .extracting(label -> ((Text) label.lookup(".text")).getText()).contains("bob_31", "bob_7");

        robot.type(KeyCode.DOWN).type(KeyCode.TAB);
        waitUntil(() -> !suggestionsShowing());
        robot.write("typed next");

        assertThat(field("#formAuthorField").getText()).isEqualTo("bob");
        assertThat(robot.lookup("#contentField").queryAs(TextArea.class).getText()).isEqualTo("typed next");
    }

    @Test
    void aNewFormShowsAFieldsErrorOnlyAfterItWasTouchedOrSaveWasPressed() throws Exception {
        openNewPost();
        assertThat(List.of("#titleError", "#authorError", "#contentError")).allMatch(id -> !label(id).isVisible());

        robot.clickOn("#titleField").write("x").type(KeyCode.BACK_SPACE);
        assertThat(label("#titleError").isVisible()).isFalse(); // still in the field
        robot.clickOn("#contentField");
        waitUntil(() -> label("#titleError").isVisible());
        assertThat(label("#contentError").isVisible()).isFalse();

        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> label("#contentError").isVisible() && label("#authorError").isVisible());
        assertThat(db.queryText("SELECT count(*) FROM posts")).isEqualTo("3");
    }

    @Test
    void enterInTheConflictDialogKeepsEditingAndItShowsWhichFieldsDiffer() throws Exception {
        openPost("First of alice");
        robot.interact(() -> field("#titleField").setText("Mine"));
        db.sql("UPDATE posts SET title = 'Theirs' WHERE title = 'First of alice'"); // psql, meanwhile
        robot.clickOn("#saveButton");
        waitUntil(() -> robot.lookup("#conflictDialog").tryQuery().isPresent());
        Node dialog = robot.lookup("#conflictDialog").query();

        List<Label> names = robot.from(dialog).lookup(".conflict-field").queryAllAs(Label.class).stream().toList();
        assertThat(names).extracting(name -> ((Text) name.lookup(".text")).getText())
                .containsExactly("Title", "Author", "Published", "Content"); // shown in full, not "…"
        assertThat(robot.from(dialog).lookup(".conflict-changed-marker").queryAll()).hasSize(1);
        assertThat(robot.from(dialog).lookup(".conflict-differs").queryAllAs(TextArea.class))
                .extracting(TextArea::getText).containsExactlyInAnyOrder("Mine", "Theirs");
        assertThat(button(robot, "Overwrite with mine").getStyleClass()).contains("danger");
        assertThat(button(robot, "Overwrite with mine").isDefaultButton()).isFalse();
        assertThat(button(robot, "Keep editing").isDefaultButton()).isTrue();

        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#conflictDialog").tryQuery().isEmpty());
        assertThat(db.queryText("SELECT title FROM posts WHERE title IN ('Mine', 'Theirs')")).isEqualTo("Theirs");
        assertThat(field("#titleField").getText()).isEqualTo("Mine");
    }

    @Test
    void escapeAsksBeforeDiscardingAndEnterThereKeepsTheForm() throws Exception {
        openNewPost();
        robot.clickOn("#titleField").write("Half written");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#discardDialog").tryQuery().isPresent());
        assertThat(button(robot, "Discard changes").getStyleClass()).contains("danger");

        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#discardDialog").tryQuery().isEmpty());
        assertThat(field("#titleField").getText()).isEqualTo("Half written");
        assertThat(formStage().isShowing()).isTrue();
    }

    @Test
    void theFirstPostLinesUpWithTheUserFieldsAndTheButtonsStayInAWindowOfAnySize() throws Exception {
        robot.clickOn("Users");
        waitUntil(() -> !robot.lookup("#newUserButton").queryButton().isDisabled());
        robot.clickOn("#newUserButton");
        waitUntil(() -> robot.lookup("#firstPostBox").tryQuery().isPresent());
        robot.clickOn("#firstPostBox");
        waitUntil(() -> robot.lookup("#postTitleField").queryAs(TextField.class).isVisible());
        assertThat(robot.lookup("#firstPostBox").queryAs(CheckBox.class).isSelected()).isTrue();

        Bounds username = inScene(field("#usernameField"));
        Bounds postTitle = inScene(field("#postTitleField"));
        assertThat(postTitle.getMinX()).isEqualTo(username.getMinX());
        assertThat(postTitle.getWidth()).isEqualTo(username.getWidth());
        assertButtonsInside();

        robot.interact(() -> {
            formStage().setWidth(380);
            formStage().setHeight(260);
        });
        waitUntil(() -> formStage().getHeight() <= 300);
        assertButtonsInside();
    }

    private void assertButtonsInside() {
        Button save = robot.lookup("#saveButton").queryButton();
        Bounds bounds = inScene(save);
        assertThat(bounds.getMaxY()).isLessThanOrEqualTo(save.getScene().getHeight());
        assertThat(bounds.getMaxX()).isLessThanOrEqualTo(save.getScene().getWidth());
        assertThat(bounds.getHeight()).isGreaterThan(10);
    }

    private static Bounds inScene(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }
}
