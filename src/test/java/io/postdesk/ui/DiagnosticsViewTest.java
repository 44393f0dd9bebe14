package io.postdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.App;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.Settings;
import io.postdesk.model.Diagnostics;
import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16: the Diagnostics tab (Ctrl+4) shows the pool's numbers, a statement of the Posts view that
 * waited behind another session's lock as slow (with its screen), and that session as the blocker.
 */
class DiagnosticsViewTest {
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'Hello', 'text', true FROM users");
        FxToolkit.registerPrimaryStage();
        // The first window of a test JVM loads most classes of the app; on a busy 2-core machine that took >30 s.
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
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

    @Test
    void showsThePoolASlowStatementOfThePostsViewAndItsBlocker() throws Exception {
        app = FxToolkit.setupApplication(() -> new App(new LaunchOptions(db.urlText(), false, false),
                new Settings(Map.of(), Map.of()), dataFolder));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table("#postsTable").getItems().size() == 1);

        try (Connection blocker = db.dataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
            }
            robot.clickOn("#postsTable").press(KeyCode.F5).release(KeyCode.F5);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, DiagnosticsViewTest::postDeskWaitsForALock);

            robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "diagnostics".equals(
                    robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId()));
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> this.<Diagnostics.Statement>table("#runningTable")
                    .getItems().stream().anyMatch(s -> s.origin().equals("Loading posts")));
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> this.<Diagnostics.Session>table("#sessionsTable")
                    .getItems().stream().anyMatch(s -> !s.blockedBy().isEmpty()));
            blocker.rollback();
        }

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> this.<Diagnostics.Statement>table("#slowTable")
                .getItems().stream().anyMatch(s -> s.origin().equals("Loading posts") && s.millis() >= 200));
        Diagnostics.Statement slow = this.<Diagnostics.Statement>table("#slowTable").getItems().stream()
                .filter(s -> s.origin().equals("Loading posts")).findFirst().orElseThrow();
        assertThat(slow.shape()).containsIgnoringCase("from posts");
        assertThat(label("#figure-active").getText()).matches("\\d+ of 10");
        assertThat(label("#figure-waiting").getText()).matches("\\d+");
        assertThat(label("#diagnosticsUpdated").getText()).startsWith("Updated ");
        assertThat(robot.lookup("#cancelSessionButton").queryAs(Button.class).isDisable()).isTrue(); // none selected
    }

    private static boolean postDeskWaitsForALock() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE application_name = 'PostDesk' AND wait_event_type = 'Lock'")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    private Label label(String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    @SuppressWarnings("unchecked")
    private <R> TableView<R> table(String id) {
        return (TableView<R>) robot.lookup(id).queryAs(TableView.class);
    }
}
