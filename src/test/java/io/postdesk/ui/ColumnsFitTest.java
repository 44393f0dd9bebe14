package io.postdesk.ui;

import static io.postdesk.ui.UiTestSupport.table;
import static io.postdesk.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javafx.application.Application;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
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

/**
 * Every table fits its pane, from the default window to 1024x700: no horizontal scroll bar, the
 * timestamps and column names shown in full (not "2026-10-31 18:…"), the view's buttons inside
 * the window and uncut.
 */
class ColumnsFitTest {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    private static final List<String> TABLES = List.of("#postsTable", "#usersTable", "#userPostsTable", "#historyTable");
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void seed() {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash, created_at) VALUES"
                + " ('alice_30', 'alice.longer.address@example.org', 'h', '2026-10-28 18:22'),"
                + " ('bob', 'bob@example.org', 'h', '2026-10-29 08:08')");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT id, 'What nobody tells you about indexes, part ' || n, 'Body ' || n, n % 2 = 0,"
                + " timestamptz '2026-10-31 18:22' - n * interval '7 hours' FROM users, generate_series(1, 30) n");
        db.sql("INSERT INTO postdesk_audit (desktop_user, table_name, record_id, action, changes)"
                + " SELECT 'root', 'posts', id, 'update', jsonb_build_object('title',"
                + " jsonb_build_object('old', title, 'new', title || ' (edited)')) FROM posts LIMIT 5");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void open() throws Exception {
        app = UiTestSupport.start(db.urlText(), dataFolder);
        waitUntil(() -> table(robot, "#postsTable").getItems().size() == 50);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.closeAll(robot, app);
    }

    @Test
    void atTheDefaultSizeEveryTableFitsAndShowsTimestampsInFull() throws Exception {
        everyTableFitsAndShowsTimestampsAndButtonsInFull("the default size");
    }

    /** The smallest window PostDesk is made for: still no horizontal bar, nothing a user needs cut. */
    @Test
    void at1024By700EveryTableStillFitsItsPaneAndShowsTimestampsInFull() throws Exception {
        Stage stage = (Stage) Window.getWindows().stream().filter(Window::isShowing)
                .filter(window -> window.getScene().lookup("#postsTable") != null).findFirst().orElseThrow();
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        waitUntil(() -> stage.getScene().getWidth() <= 1024);
        everyTableFitsAndShowsTimestampsAndButtonsInFull("1024x700");
    }

    private void everyTableFitsAndShowsTimestampsAndButtonsInFull(String size) throws Exception {
        for (String id : TABLES) {
            show(id);
            TableView<?> table = table(robot, id);
            assertThat(horizontalBarShown(table)).as("horizontal scroll bar in %s at %s", id, size).isFalse();
            List<TableCell<?, ?>> stamps = timestampCells(table);
            assertThat(stamps).as("timestamp cells in %s", id).isNotEmpty();
            for (TableCell<?, ?> cell : stamps) {
                assertThat(shownText(cell)).as("a timestamp in %s at %s", id, size).isEqualTo(cell.getText());
            }
            if (!id.equals("#userPostsTable")) { // a narrow side pane: its headers are short words anyway
                for (Node header : table.lookupAll(".column-header .label")) {
                    Labeled name = (Labeled) header;
                    assertThat(shownText(name)).as("a column name in %s at %s", id, size).isEqualTo(name.getText());
                }
            }
            Node view = table.getParent();
            while (view.getId() == null || !view.getId().endsWith("View")) {
                view = view.getParent();
            }
            buttonsShownInFull(view, size);
        }
    }

    /** Every button of the view inside the window, its text not cut ("Exp…"). */
    private static void buttonsShownInFull(Node view, String size) {
        javafx.scene.Scene scene = view.getScene();
        List<Button> buttons = view.lookupAll(".button").stream()
                .filter(node -> node instanceof Button button && shown(button) && button.getText() != null
                        && !button.getText().isEmpty())
                .map(Button.class::cast).toList();
        assertThat(buttons).as("buttons in %s", view.getId()).isNotEmpty();
        for (Button button : buttons) {
            javafx.geometry.Bounds bounds = button.localToScene(button.getBoundsInLocal());
            assertThat(bounds.getMinX()).as("%s in %s at %s", button.getText(), view.getId(), size).isGreaterThanOrEqualTo(0);
            assertThat(bounds.getMaxX()).as("%s in %s at %s", button.getText(), view.getId(), size)
                    .isLessThanOrEqualTo(scene.getWidth());
            assertThat(bounds.getMaxY()).as("%s in %s at %s", button.getText(), view.getId(), size)
                    .isLessThanOrEqualTo(scene.getHeight());
            assertThat(shownText(button)).as("%s in %s at %s", button.getText(), view.getId(), size)
                    .isEqualTo(button.getText());
        }
    }

    /** Brings the table's view to the front and waits for its rows (a user's posts need the user selected). */
    private void show(String id) throws Exception {
        switch (id) {
            case "#postsTable" -> view("posts");
            case "#usersTable" -> view("users");
            case "#userPostsTable" -> {
                view("users");
                waitUntil(() -> !table(robot, "#usersTable").getItems().isEmpty());
                robot.interact(() -> table(robot, "#usersTable").getSelectionModel().select(0));
            }
            case "#historyTable" -> view("history");
            default -> throw new IllegalArgumentException(id);
        }
        waitUntil(() -> !table(robot, id).getItems().isEmpty() && !timestampCells(table(robot, id)).isEmpty());
        robot.interact(() -> table(robot, id).layout());
    }

    private void view(String tabId) {
        TabPane views = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.interact(() -> views.getSelectionModel().select(
                views.getTabs().stream().filter(tab -> tabId.equals(tab.getId())).findFirst().orElseThrow()));
    }

    private static boolean horizontalBarShown(TableView<?> table) {
        return table.lookupAll(".scroll-bar").stream()
                .anyMatch(bar -> bar instanceof ScrollBar scroll && scroll.getOrientation() == Orientation.HORIZONTAL
                        && scroll.isVisible());
    }

    private static List<TableCell<?, ?>> timestampCells(TableView<?> table) {
        return table.lookupAll(".table-cell").stream()
                .filter(node -> node instanceof TableCell<?, ?> cell && cell.isVisible() && cell.getText() != null
                        && TIMESTAMP.matcher(cell.getText()).matches())
                .<TableCell<?, ?>>map(node -> (TableCell<?, ?>) node).toList();
    }

    private static boolean shown(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** What a cell, header or button draws: its text node's text, which ends in "…" when cut. */
    private static String shownText(Labeled cell) {
        Node text = cell.lookup(".text");
        return text instanceof Text shown ? shown.getText() : null;
    }
}
