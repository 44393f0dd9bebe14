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
            FxToolkit.cleanupApplication(app);
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
}
