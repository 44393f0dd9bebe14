package io.postdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.App;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.Settings;
import io.postdesk.model.PostRow;
import io.postdesk.model.UserRow;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The main window as a user sees it, headless under Monocle, on a real PostgreSQL. */
class MainWindowTest {
    private static TestDatabase db;
    private static Stage stage;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h'),"
                + " ('bob', 'bob@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published)"
                + " SELECT id, 'Hello from ' || username, 'text', username = 'alice' FROM users");
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            UiTestSupport.closeAll(robot, app);
        }
    }

    private void start(String databaseUrl) throws Exception {
        app = FxToolkit.setupApplication(() -> new App(new LaunchOptions(databaseUrl, false, false),
                new Settings(Map.of(), Map.of()), dataFolder));
    }

    @SuppressWarnings("unchecked")
    private <R> TableView<R> table(String id) {
        return (TableView<R>) robot.lookup(id).queryAs(TableView.class);
    }

    @Test
    void showsRowsInBothTablesAndAHealthyServer() throws Exception {
        start(db.urlText());

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table("#postsTable").getItems().size() == 2);
        TableView<PostRow> posts = table("#postsTable");
        assertThat(posts.getItems()).extracting(PostRow::title)
                .containsExactlyInAnyOrder("Hello from alice", "Hello from bob");

        robot.clickOn("Users");
        TableView<UserRow> users = table("#usersTable");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> users.getItems().size() == 2);
        assertThat(users.getItems()).extracting(UserRow::username).containsExactlyInAnyOrder("alice", "bob");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup(".health-label").queryAs(Label.class).getText().contains("Connected"));
        String databaseName = "postgres@localhost:" + db.url().port() + "/" + db.url().database();
        assertThat(robot.lookup(".database-label").queryAs(Label.class).getText()).isEqualTo(databaseName);
        assertThat(stage.getTitle()).isEqualTo("PostDesk — " + databaseName).doesNotContain(db.url().password());
    }

    @Test
    void aStoppedServerStillOpensTheWindowAndSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start("postgres://blog:S3cretPw@localhost:" + closedPort + "/blog");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#overlayMessage").queryAll().stream()
                .map(node -> ((Label) node).getText()).anyMatch(text -> text.contains("cannot be reached")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup(".health-label").queryAs(Label.class).getText().contains("Unreachable"));
        assertThat(robot.lookup("#overlayAction").queryAll()).isNotEmpty();
        assertThat(stage.getTitle()).isEqualTo("PostDesk — blog@localhost:" + closedPort + "/blog");
        assertThat(table("#postsTable").getItems()).isEmpty();
    }

    @Test
    void aServerDatabaseIsMigratedOnlyOnceTheUserAgrees() throws Exception {
        try (TestDatabase blog = TestDatabase.createEmpty()) {
            blog.sql(new String(Objects.requireNonNull(getClass().getResourceAsStream(
                    "/db/migration/V1__users_and_posts.sql")).readAllBytes(), StandardCharsets.UTF_8));
            blog.sql("INSERT INTO users (username, email, password_hash) VALUES ('blogger', 'b@example.org', 'h')");
            blog.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'Kept', 'text', true FROM users");
            start(blog.urlText());

            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> dialogButton("Not now").isPresent());
            robot.clickOn(dialogButton("Not now").orElseThrow());
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#postsView #overlayMessage")
                    .queryLabeled().getText().contains("needs PostDesk's schema changes"));
            assertThat(historyTableOf(blog)).isFalse();

            robot.clickOn("#postsView #overlayAction"); // Retry: asked again
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialogButton("Apply changes").isPresent());
            robot.clickOn(dialogButton("Apply changes").orElseThrow());
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table("#postsTable").getItems().size() == 1);
            assertThat(historyTableOf(blog)).isTrue();
        }
    }

    private java.util.Optional<javafx.scene.control.Button> dialogButton(String text) {
        return robot.lookup(".dialog-pane .button").match(org.testfx.matcher.control.LabeledMatchers.hasText(text))
                .tryQuery().map(javafx.scene.control.Button.class::cast);
    }

    private static boolean historyTableOf(TestDatabase database) throws java.sql.SQLException {
        try (java.sql.Connection connection = database.dataSource().getConnection();
             java.sql.ResultSet rs = connection.createStatement()
                     .executeQuery("SELECT to_regclass('postdesk_schema_history') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void readOnlyIsInTheTitleAndEveryEditIsOffWithTheReason() throws Exception {
        app = FxToolkit.setupApplication(() -> new App(new LaunchOptions(db.urlText(), false, true),
                new Settings(Map.of(), Map.of()), dataFolder));

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table("#postsTable").getItems().size() == 2);
        assertThat(stage.getTitle()).endsWith(" — READ-ONLY");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#newPostButton").queryButton().isDisabled()
                && robot.lookup("#newPostButton").queryButton().getParent().getProperties().values().stream()
                .anyMatch(value -> value instanceof javafx.scene.control.Tooltip tip
                        && tip.getText().contains("--read-only")));
        robot.interact(() -> table("#postsTable").getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#deletePostButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#editPostButton").queryButton().isDisabled()).isTrue();
    }

    @Test
    void aNewUserSeesTheDemoOnTheEmbeddedDatabase() throws Exception {
        start(null);

        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> table("#postsTable").getItems().size() == 50);
        robot.clickOn("Users");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table("#usersTable").getItems().size() == 40);
        assertThat(stage.getTitle()).isEqualTo("PostDesk — embedded");
    }

    private javafx.scene.control.MenuItem menuItem(String id) {
        return robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                .flatMap(menu -> menu.getItems().stream()).filter(item -> id.equals(item.getId())).findFirst()
                .orElseThrow();
    }

    private javafx.scene.control.TabPane tabs() {
        return (javafx.scene.control.TabPane) robot.lookup(".tab-pane").query();
    }

    private void waitForPosts() throws Exception {
        start(db.urlText());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table("#postsTable").getItems().size() == 2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#newPostButton").queryButton().isDisabled());
    }

    @Test
    void theMenuActsOnTheViewOnTopAndItsShortcutsSwitchViews() throws Exception {
        waitForPosts();
        assertThat(menuItem("newItem").isDisable()).isFalse();
        assertThat(menuItem("deleteItem").isDisable()).isTrue(); // nothing selected
        robot.interact(() -> table("#postsTable").getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(menuItem("deleteItem").isDisable()).isFalse();
        assertThat(menuItem("editItem").getAccelerator().getDisplayText()).isEqualTo("Ctrl+E");

        robot.clickOn("#postsTable").press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT3)
                .release(javafx.scene.input.KeyCode.DIGIT3, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "history".equals(tabs().getSelectionModel().getSelectedItem().getId()));
        assertThat(menuItem("newItem").isDisable()).isTrue();
        assertThat(menuItem("deleteItem").isDisable()).isTrue();
        assertThat(menuItem("importItem").isDisable()).isTrue();

        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.TAB)
                .release(javafx.scene.input.KeyCode.TAB, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "diagnostics".equals(tabs().getSelectionModel().getSelectedItem().getId()));
        assertThat(menuItem("newItem").isDisable()).isTrue();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.TAB)
                .release(javafx.scene.input.KeyCode.TAB, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "posts".equals(tabs().getSelectionModel().getSelectedItem().getId()));
        assertThat(menuItem("importItem").isDisable()).isFalse();
    }

    @Test
    void deleteInTheSearchBoxDeletesACharacterNotThePost() throws Exception {
        waitForPosts();
        robot.interact(() -> table("#postsTable").getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(menuItem("deleteItem").isDisable()).isFalse();

        robot.clickOn("#searchField").write("ab").type(javafx.scene.input.KeyCode.HOME)
                .type(javafx.scene.input.KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#searchField").queryTextInputControl().getText()).isEqualTo("b");
        assertThat(robot.lookup("#confirmDialog").tryQuery()).isEmpty();

        // In the table the same key asks to delete the post, with a red button and no stock icon.
        robot.interact(() -> robot.lookup("#searchField").queryTextInputControl().clear());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table("#postsTable").getItems().size() == 2);
        robot.interact(() -> table("#postsTable").getSelectionModel().select(0));
        robot.clickOn("#postsTable").type(javafx.scene.input.KeyCode.DELETE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#confirmAction").tryQuery().isPresent());
        javafx.scene.control.Button delete = robot.lookup("#confirmAction").queryButton();
        assertThat(delete.getStyleClass()).contains("danger");
        assertThat(((javafx.scene.control.DialogPane) robot.lookup("#confirmDialog").query()).getGraphic()).isNull();
        assertThat(robot.lookup("#confirmDialog .graphic-container").tryQuery()).isEmpty();
        robot.clickOn(dialogButton("Cancel").orElseThrow());
        assertThat(table("#postsTable").getItems()).hasSize(2);
    }

    @Test
    void tabLeavesTheTable() throws Exception {
        waitForPosts();
        robot.clickOn("#postsTable").type(javafx.scene.input.KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).isNotSameAs(table("#postsTable"));
    }

    @Test
    void aboutTellsVersionsTargetAndFolderButNoPassword() throws Exception {
        waitForPosts();
        robot.interact(() -> menuItem("aboutItem").fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#aboutServer").queryLabeled().getText().startsWith("PostgreSQL 1"));
        assertThat(robot.lookup("#aboutVersion").queryLabeled().getText()).isNotBlank();
        assertThat(robot.lookup("#aboutDatabase").queryLabeled().getText())
                .isEqualTo("postgres@localhost:" + db.url().port() + "/" + db.url().database())
                .doesNotContain(db.url().password());
        assertThat(robot.lookup("#aboutDataFolder").queryLabeled().getText()).isEqualTo(dataFolder.toString());
        robot.clickOn(dialogButton("Close").orElseThrow());

        robot.type(javafx.scene.input.KeyCode.F1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#shortcutsDialog").tryQuery().isPresent());
        String listed = robot.lookup("#shortcutsDialog .label").queryAll().stream()
                .map(node -> ((Label) node).getText()).reduce("", (a, b) -> a + "|" + b);
        assertThat(listed).contains("Ctrl+N", "Ctrl+Q", "Ctrl+E", "Delete", "Ctrl+C", "Ctrl+F", "F5", "Ctrl+1",
                "Ctrl+2", "Ctrl+3", "Ctrl+Tab", "Ctrl+Shift+Tab", "Enter");
        assertThat(listed.split("\\|")).contains("Ctrl+S"); // a form's Save, a key of its own ("Ctrl+Shift+O" holds "Ctrl+S")
        robot.clickOn(dialogButton("Close").orElseThrow());
    }

    @Test
    void theViewAndColumnWidthsAreSavedWhileTheWindowIsOpen() throws Exception {
        waitForPosts();
        robot.interact(() -> {
            tabs().getSelectionModel().select(1);
            table("#postsTable").getColumns().get(0).setPrefWidth(211);
        });
        Path file = dataFolder.resolve("ui-state.properties");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            java.util.Properties saved = new java.util.Properties();
            if (java.nio.file.Files.isRegularFile(file)) {
                try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(file)) {
                    saved.load(reader);
                }
            }
            return "users".equals(saved.getProperty("view"))
                    && saved.getProperty("posts.columns", "").contains("title:211");
        });
    }

    @Test
    void columnNamesKeepTheirUnderscoresInTheExportDialog() throws Exception {
        waitForPosts();
        robot.interact(() -> menuItem("exportItem").fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#column-created_at").tryQuery().isPresent());
        javafx.scene.control.CheckBox box = robot.lookup("#column-created_at").queryAs(javafx.scene.control.CheckBox.class);
        javafx.scene.text.Text shown = (javafx.scene.text.Text) box.lookup(".text");
        assertThat(shown.getText()).isEqualTo("created_at");
        robot.clickOn("#exportCancel");
    }

    @Test
    void aRealLaunchShowsTheFrameAndALoadingStateBeforeBuildingTheViews() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> rootWhenShown = new java.util.concurrent.atomic.AtomicReference<>();
        javafx.beans.value.ChangeListener<Boolean> shown = (obs, was, showing) -> {
            if (showing && rootWhenShown.get() == null) {
                rootWhenShown.set(String.valueOf(stage.getScene().getRoot().getId()));
            }
        };
        robot.interact(() -> {
            stage.hide();
            stage.showingProperty().addListener(shown);
        });
        io.postdesk.model.StartupTimes times = io.postdesk.model.StartupTimes.sinceJvmStart();
        try {
            app = FxToolkit.setupApplication(() -> App.showingFrameFirst(new LaunchOptions(db.urlText(), false, false),
                    new Settings(Map.of(), Map.of()), dataFolder, times));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> rootWhenShown.get() != null);
            assertThat(rootWhenShown.get()).isEqualTo("startingView");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#postsTable").tryQuery().isPresent()
                    && table("#postsTable").getItems().size() == 2);
            assertThat(robot.lookup("#startingView").tryQuery()).isEmpty();
            // The start is recorded as the log has it: the frame out first, then the first page painted.
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> times.end("first-paint") >= 0);
            assertThat(times.end("frame-shown")).isNotNegative().isLessThan(times.end("first-paint"))
                    .isLessThanOrEqualTo(times.end("window")); // the loading frame before the views' build ends
            // The tabs not on top join the scene once the first page is painted, with their data.
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#usersTable").tryQuery().isPresent()
                    && robot.lookup("#historyTable").tryQuery().isPresent()
                    && robot.lookup("#relationsTable").tryQuery().isPresent());
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table("#usersTable").getItems().size() == 2);
        } finally {
            robot.interact(() -> stage.showingProperty().removeListener(shown));
        }
    }
}
