package io.postdesk.ui;

import static io.postdesk.ui.UiTestSupport.button;
import static io.postdesk.ui.UiTestSupport.table;
import static io.postdesk.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.PostRow;
import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Issue 12, "Waits without end", in the window: with {@code posts} locked by another session (as
 * {@code LOCK posts IN ACCESS EXCLUSIVE MODE} in psql), the view whose task waits names that
 * session and offers Cancel, which ends the statement in the server; nothing is half-written.
 */
class LockWaitWindowTest {
    private static final String BLOCKER_APP = "psql-in-a-test";
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;
    private Connection blocker;

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
    void seed() throws SQLException {
        db.sql("DELETE FROM users");
        db.sql("DELETE FROM postdesk_audit");
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'Post ' || n, 'Text', n > 1"
                + " FROM users, generate_series(1, 3) n");
        Properties login = new Properties();
        login.setProperty("user", db.url().user());
        login.setProperty("password", db.url().password());
        login.setProperty("ApplicationName", BLOCKER_APP);
        blocker = DriverManager.getConnection(db.url().jdbcUrl(), login);
        blocker.setAutoCommit(false);
    }

    @AfterEach
    void close() throws Exception {
        blocker.rollback();
        blocker.close();
        if (app != null) {
            UiTestSupport.closeAll(robot, app);
        }
    }

    private void open(String lockTimeoutMillis) throws Exception {
        app = UiTestSupport.startOnPosts(robot, db.urlText(), dataFolder, Map.of("POSTDESK_LOCK_TIMEOUT_MS", lockTimeoutMillis), 3);
    }

    private void lockPosts() throws SQLException {
        try (Statement statement = blocker.createStatement()) {
            statement.execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
        }
    }

    @Test
    void aLoadWaitingForALockNamesTheBlockerAndCancelEndsItInTheServer() throws Exception {
        open("60000");
        lockPosts();
        robot.clickOn("#searchField").type(KeyCode.F5);

        waitUntil(() -> overlayText().contains("Waiting for a lock held by session")
                && overlayText().contains("application " + BLOCKER_APP) && overlayText().contains(" s"));
        assertThat(overlayAction().isVisible()).isTrue();
        assertThat(overlayAction().getText()).isEqualTo("Cancel");
        assertThat(waitingStatements()).isPositive();

        robot.clickOn(overlayAction());

        waitUntil(() -> overlayText().startsWith("Cancelled — posts is locked by session"));
        assertThat(overlayText()).contains("application " + BLOCKER_APP, "Nothing was changed.");
        assertThat(overlayAction().getText()).isEqualTo("Retry");
        waitUntil(() -> waitingStatements() == 0); // the page and the count both ended in the server
        assertThat(posts().isDisabled()).isFalse();

        blocker.rollback();
        robot.clickOn(overlayAction());
        waitUntil(() -> !overlay().isVisible() && posts().getItems().size() == 3);
    }

    @Test
    void aLockHeldLongerThanTheLockTimeoutSaysSoWithRetry() throws Exception {
        open("3000");
        lockPosts();
        robot.clickOn("#searchField").type(KeyCode.F5);

        waitUntil(() -> overlayText().startsWith("posts stayed locked by session"));
        assertThat(overlayText()).contains("application " + BLOCKER_APP, "nothing was changed")
                .doesNotContain("Exception", "\tat ");
        assertThat(overlayAction().getText()).isEqualTo("Retry");

        blocker.rollback();
        robot.type(KeyCode.F5);
        waitUntil(() -> !overlay().isVisible() && posts().getItems().size() == 3);
    }

    @Test
    void publishingWaitingForALockIsCancelledWithNothingChanged() throws Exception {
        open("60000");
        robot.clickOn("#publishMenu");
        robot.clickOn("Publish all matching…");
        waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        lockPosts(); // after the count, before the change: the change itself waits
        robot.clickOn(button(robot, "Publish"));

        waitUntil(() -> progressStatus().startsWith("Waiting for a lock held by session")
                && progressStatus().contains("application " + BLOCKER_APP));
        robot.clickOn("#progressCancel");

        waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent()
                && robot.from(robot.lookup("#confirmDialog").queryAs(Node.class)).lookup(".label")
                .queryAllAs(Label.class).stream()
                .anyMatch(label -> label.getText().startsWith("Cancelled — posts is locked by session")));
        assertThat(button(robot, "Retry").isVisible()).isTrue();
        waitUntil(() -> waitingStatements() == 0);
        robot.clickOn(button(robot, "Cancel"));

        blocker.rollback();
        assertThat(db.queryText("SELECT count(*) FROM posts WHERE NOT published")).isEqualTo("1");
        assertThat(db.queryText("SELECT count(*) FROM postdesk_audit")).isEqualTo("0");
    }

    @Test
    void aFormSaveWaitingForALockIsCancelledWithNothingSavedAndTheTypedTextKept() throws Exception {
        open("60000");
        robot.clickOn("Post 1").type(KeyCode.ENTER);
        waitUntil(() -> "Post 1".equals(titleField().getText()));
        robot.clickOn("#titleField").type(KeyCode.END).write(" edited");
        lockPosts();
        robot.clickOn("#saveButton");

        waitUntil(() -> formMessage().startsWith("Waiting for a lock held by session")
                && formMessage().contains("application " + BLOCKER_APP));
        robot.clickOn("#waitCancel");

        waitUntil(() -> formMessage().startsWith("Cancelled — posts is locked by session"));
        assertThat(formMessage()).endsWith("Save to try again.");
        assertThat(titleField().getText()).isEqualTo("Post 1 edited");
        waitUntil(() -> waitingStatements() == 0);
        blocker.rollback();
        assertThat(db.queryText("SELECT count(*) FROM posts WHERE title LIKE '%edited'")).isEqualTo("0");

        robot.clickOn("#saveButton"); // the lock is gone: Save again goes through
        waitUntil(() -> "1".equals(db.queryText("SELECT count(*) FROM posts WHERE title = 'Post 1 edited'")));
    }

    @Test
    void postsLockedBeforeTheWindowOpensNameTheBlockerWithCancelInTheFirstLoad() throws Exception {
        lockPosts();
        app = UiTestSupport.start(db.urlText(), dataFolder, Map.of("POSTDESK_LOCK_TIMEOUT_MS", "60000"));

        waitUntil(() -> overlayText().contains("Waiting for a lock held by session")
                && overlayText().contains("application " + BLOCKER_APP));
        assertThat(overlayAction().getText()).isEqualTo("Cancel");
        robot.clickOn(overlayAction());

        waitUntil(() -> overlayText().startsWith("Cancelled — posts is locked by session"));
        assertThat(overlayAction().getText()).isEqualTo("Retry");
        blocker.rollback();
        robot.clickOn(overlayAction());
        waitUntil(() -> !overlay().isVisible() && posts().getItems().size() == 3);
    }

    /**
     * The migration at the start (here V9's triggers on posts) waits for the lock: its waits, each cut
     * short by the migration's own lock_timeout and tried again, name the blocker where the opening's
     * step shows; once the lock is gone the window opens on the migrated schema.
     */
    @Test
    void aMigrationAtTheStartNamesTheSessionThatHoldsPosts() throws Exception {
        io.postdesk.service.SchemaChanges changes = new io.postdesk.service.SchemaChanges(db.dataSource());
        String latest = changes.currentVersion();
        startMigratingBehindTheLock(changes);
        blocker.rollback();
        waitUntil(() -> posts().getItems().size() == 3 && !overlay().isVisible());
        assertThat(changes.currentVersion()).isEqualTo(latest);
    }

    /** Cancel while the migration at the start is stuck: it ends, says whom it was stuck behind, and Retry migrates. */
    @Test
    void cancellingAStuckMigrationAtTheStartNamesTheBlockerAndRetryMigrates() throws Exception {
        io.postdesk.service.SchemaChanges changes = new io.postdesk.service.SchemaChanges(db.dataSource());
        String latest = changes.currentVersion();
        startMigratingBehindTheLock(changes);
        assertThat(overlayAction().getText()).isEqualTo("Cancel");
        robot.clickOn(overlayAction());

        waitUntil(() -> overlayText().contains("Cancelled — posts is locked by session"));
        assertThat(overlayText()).contains("application " + BLOCKER_APP).doesNotContain("Exception", "\tat ");
        assertThat(overlayAction().getText()).isEqualTo("Retry");
        assertThat(changes.currentVersion()).isEqualTo("8");
        blocker.rollback();
        robot.clickOn(overlayAction());
        waitUntil(() -> posts().getItems().size() == 3 && !overlay().isVisible());
        assertThat(changes.currentVersion()).isEqualTo(latest);
    }

    @Test
    void historyWaitingForALockNamesTheBlockerAndCancelEndsIt() throws Exception {
        db.sql("INSERT INTO postdesk_audit (database_role, desktop_user, table_name, action, changes)"
                + " VALUES (current_user, 'tester', 'posts', 'update', '{}'::jsonb)");
        open("60000");
        try (Statement statement = blocker.createStatement()) {
            statement.execute("LOCK TABLE postdesk_audit IN ACCESS EXCLUSIVE MODE");
        }
        UiTestSupport.showTab(robot, "history");

        waitUntil(() -> historyOverlayText().contains("Waiting for a lock held by session")
                && historyOverlayText().contains("application " + BLOCKER_APP));
        Button action = robot.lookup("#historyView #overlayAction").queryButton();
        assertThat(action.getText()).isEqualTo("Cancel");
        robot.clickOn(action);

        waitUntil(() -> historyOverlayText().startsWith("Cancelled — postdesk_audit is locked by session"));
        assertThat(action.getText()).isEqualTo("Retry");
        waitUntil(() -> waitingStatements() == 0);
        blocker.rollback();
        robot.clickOn(action);
        waitUntil(() -> table(robot, "#historyTable").getItems().size() == 1);
    }

    /** Schema back at V8, posts locked by the blocker, PostDesk started to migrate: until the overlay names the blocker. */
    private void startMigratingBehindTheLock(io.postdesk.service.SchemaChanges changes) throws Exception {
        changes.apply(changes.planTo("8"), line -> { });
        lockPosts();
        app = UiTestSupport.startMigrating(db.urlText(), dataFolder, Map.of("POSTDESK_LOCK_TIMEOUT_MS", "60000"));
        waitUntil(() -> overlayText().contains("Waiting for a lock held by session")
                && overlayText().contains("application " + BLOCKER_APP));
    }

    private String historyOverlayText() {
        Node overlay = robot.lookup("#historyView .loading-overlay").query();
        Label message = robot.lookup("#historyView #overlayMessage").queryAs(Label.class);
        return message.isVisible() && overlay.isVisible() ? message.getText() : "";
    }

    private javafx.scene.control.TextField titleField() {
        return robot.lookup("#titleField").queryAs(javafx.scene.control.TextField.class);
    }

    private String formMessage() {
        return robot.lookup("#formMessage").queryAs(Label.class).getText();
    }

    private TableView<PostRow> posts() {
        return table(robot, "#postsTable");
    }

    private Node overlay() {
        return robot.lookup("#postsView .loading-overlay").query();
    }

    private String overlayText() {
        Label message = robot.lookup("#postsView #overlayMessage").queryAs(Label.class);
        return message.isVisible() && overlay().isVisible() ? message.getText() : "";
    }

    private Button overlayAction() {
        return robot.lookup("#postsView #overlayAction").queryButton();
    }

    private String progressStatus() {
        return robot.lookup("#progressStatus").queryAs(Label.class).getText();
    }

    /** PostDesk's statements waiting for a lock in the server now (pg_stat_activity needs no lock on posts). */
    private long waitingStatements() {
        return Long.parseLong(db.queryText("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'PostDesk' AND wait_event_type = 'Lock'"));
    }

}
