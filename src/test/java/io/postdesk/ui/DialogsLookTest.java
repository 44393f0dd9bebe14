package io.postdesk.ui;

import static io.postdesk.ui.UiTestSupport.table;
import static io.postdesk.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.PostRow;
import io.postdesk.testing.TestDatabase;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.ErrorReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Every kind of dialog the window shows, opened the way a user opens it, in the theme: no stock
 * glossy icon (the theme's CSS gives an Alert of a stock type an image of its own), PostDesk's
 * style sheet, and where an answer destroys something, that button red and never the default.
 */
class DialogsLookTest {
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;
    private Path badFile;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void create() {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'First of ' || username, 'Hello',"
                + " false FROM users");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void open() throws Exception {
        badFile = dataFolder.resolve("bad.csv");
        Files.writeString(badFile, "author,title,content,published\nnobody,Unknown author,text,true\n");
        app = UiTestSupport.start(db.urlText(), dataFolder, (owner, title) -> badFile);
        waitUntil(() -> posts().getItems().size() == 1);
        waitUntil(() -> !robot.lookup("#newPostButton").queryButton().isDisabled());
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.closeAll(robot, app);
    }

    @Test
    void everyKindOfDialogIsInTheThemeWithoutAStockIcon() throws Exception {
        Window main = robot.lookup("#postsTable").query().getScene().getWindow();

        robot.interact(() -> new ErrorReporter().show(main, "Loading posts", new SQLException("refused", "08001")));
        checkAndClose("#errorDialog", false);
        robot.interact(() -> new Dialogs(() -> main).warn("Nothing to do."));
        checkAndClose(".dialog-warning", false);

        robot.clickOn("First of alice");
        robot.clickOn("#deletePostButton");
        checkAndClose("#confirmDialog", true);

        robot.clickOn("#importPostsButton"); // the chooser answers with a file whose author is nobody
        checkAndClose("#badLinesDialog", false);

        robot.clickOn("#exportPostsButton");
        waitUntil(() -> robot.lookup("#exportFile").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#exportFile").queryTextInputControl().setText(badFile.toString()));
        robot.clickOn("#exportButton");
        checkAndClose("#replaceFileDialog", true);
        robot.clickOn("#exportCancel");

        robot.clickOn("#newPostButton");
        waitUntil(() -> robot.lookup("#titleField").tryQuery().isPresent());
        robot.clickOn("#titleField").write("Half written");
        robot.type(KeyCode.ESCAPE);
        checkAndClose("#discardDialog", true);
        waitUntil(() -> robot.lookup("#titleField").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#titleField").query().getScene().getWindow().hide());

        robot.clickOn("First of alice").type(KeyCode.ENTER);
        waitUntil(() -> "First of alice".equals(robot.lookup("#titleField").queryAs(TextField.class).getText()));
        robot.interact(() -> robot.lookup("#titleField").queryAs(TextField.class).setText("Mine"));
        db.sql("UPDATE posts SET title = 'Theirs'"); // psql, meanwhile
        robot.clickOn("#saveButton");
        checkAndClose("#conflictDialog", true);
        robot.interact(() -> robot.lookup("#titleField").query().getScene().getWindow().hide());

        robot.clickOn("#postsTable").type(KeyCode.F1);
        checkAndClose("#shortcutsDialog", false);
    }

    /**
     * Waits for the dialog, checks its look and closes it (hiding its window: the answer is not
     * what is tested here, other tests press Enter and Escape in each).
     */
    private void checkAndClose(String query, boolean destructive) throws Exception {
        waitUntil(() -> robot.lookup(query).tryQuery().isPresent() && robot.lookup(query).query().getScene() != null
                && robot.lookup(query).query().getScene().getWindow().isShowing());
        DialogPane pane = robot.lookup(query).queryAs(DialogPane.class);
        robot.interact(pane::layout); // the theme's CSS (where a stock image comes from) is applied by now

        assertThat(pane.getGraphic()).as("%s: the stock icon", query).isNull();
        assertThat(images(pane)).as("%s: images in the dialog", query).isEmpty();
        assertThat(pane.getStylesheets()).as("%s: style sheets", query)
                .anyMatch(sheet -> sheet.endsWith("/styles/postdesk.css"));
        List<Button> buttons = pane.getButtonTypes().stream().map(type -> (Button) pane.lookupButton(type)).toList();
        List<Button> dangerous = buttons.stream().filter(button -> button.getStyleClass().contains("danger")).toList();
        if (destructive) {
            assertThat(dangerous).as("%s: a red button for the destructive answer", query).isNotEmpty();
        }
        assertThat(dangerous).as("%s: the default button is the safe one", query)
                .noneMatch(Button::isDefaultButton);
        robot.interact(() -> pane.getScene().getWindow().hide());
        waitUntil(() -> robot.lookup(query).tryQuery().isEmpty());
    }

    private static List<ImageView> images(Parent parent) {
        List<ImageView> found = new ArrayList<>();
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (child instanceof ImageView image) {
                found.add(image);
            } else if (child instanceof Parent inner) {
                found.addAll(images(inner));
            }
        }
        return found;
    }

    private TableView<PostRow> posts() {
        return table(robot, "#postsTable");
    }
}
