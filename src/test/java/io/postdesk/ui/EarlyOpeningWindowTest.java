package io.postdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.App;
import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.PoolSettings;
import io.postdesk.config.Settings;
import io.postdesk.model.StartupTimes;
import io.postdesk.testing.TestDatabase;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The launcher begins opening the database before the JavaFX toolkit starts ({@link EarlyOpening});
 * the window, started as a real launch starts it, takes that opening over instead of beginning its
 * own, and shows its outcome, a failure as a sentence in the view, not as a stack trace.
 */
class EarlyOpeningWindowTest {
    private static final Settings NO_SETTINGS = new Settings(Map.of(), Map.of());
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'Early bird', 'text', true FROM users");
        FxToolkit.registerPrimaryStage();
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

    private void launch(LaunchOptions options, EarlyOpening opening, StartupTimes times) throws Exception {
        app = FxToolkit.setupApplication(() -> App.showingFrameFirst(options, NO_SETTINGS, dataFolder, times)
                .withEarlyOpening(opening));
    }

    @Test
    void theWindowShowsTheOpeningTheLauncherBegan() throws Exception {
        LaunchOptions options = new LaunchOptions(db.urlText(), false, false);
        StartupTimes times = StartupTimes.sinceJvmStart();
        EarlyOpening opening = EarlyOpening.begin(
                new DatabaseTarget.Server(db.url(), "test"),
                PoolSettings.from(NO_SETTINGS), options, times);

        launch(options, opening, times);

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#postsTable").tryQuery().isPresent()
                && UiTestSupport.table(robot, "#postsTable").getItems().size() == 1);
        assertThat(opening.isTaken()).as("the window took the launcher's opening over").isTrue();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> times.end("first-paint") >= 0);
        // Recorded by the opening's own thread, in the window's record of the start.
        assertThat(times.end("schema-check")).isNotNegative().isLessThanOrEqualTo(times.end("ready"));
    }

    @Test
    void anotherPostDeskHoldingTheDataFolderIsSaidInTheWindow() throws Exception {
        Files.createDirectories(dataFolder);
        try (FileChannel channel = FileChannel.open(dataFolder.resolve("postdesk.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            LaunchOptions options = new LaunchOptions(null, false, false);
            StartupTimes times = StartupTimes.sinceJvmStart();
            EarlyOpening opening = EarlyOpening.begin(new DatabaseTarget.Embedded(dataFolder),
                    PoolSettings.from(NO_SETTINGS), options, times);

            launch(options, opening, times);

            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> overlayMessages().contains("Another PostDesk"));
            assertThat(overlayMessages()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(robot.lookup("#overlayAction").queryAll()).isNotEmpty(); // Retry
            assertThat(opening.isTaken()).isTrue();
        }
    }

    /**
     * A real launch migrates in the launcher's opening, on a thread of its own: a migration stuck
     * behind a session that holds posts is named in the window with Cancel all the same, and the
     * Cancel ends it there (the window's task only waits for that thread).
     */
    @Test
    void aMigrationInTheLaunchersOpeningStuckBehindALockIsNamedAndCancelledInTheWindow() throws Exception {
        io.postdesk.service.SchemaChanges changes = new io.postdesk.service.SchemaChanges(db.dataSource());
        String latest = changes.currentVersion();
        changes.apply(changes.planTo("8"), line -> { });
        try (java.sql.Connection blocker = db.sessionLocking("posts", "psql-in-a-test")) {
            LaunchOptions options = new LaunchOptions(db.urlText(), true, false);
            StartupTimes times = StartupTimes.sinceJvmStart();
            EarlyOpening opening = EarlyOpening.begin(new DatabaseTarget.Server(db.url(), "test"),
                    PoolSettings.from(NO_SETTINGS), options, times);

            launch(options, opening, times);

            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> postsOverlay().contains("Waiting for a lock held by session")
                    && postsOverlay().contains("application psql-in-a-test"));
            javafx.scene.control.Button action = robot.lookup("#postsView #overlayAction").queryButton();
            assertThat(action.getText()).isEqualTo("Cancel");
            robot.clickOn(action);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> postsOverlay().startsWith("Cancelled — posts is locked by session"));
            assertThat(action.getText()).isEqualTo("Retry");
            assertThat(changes.currentVersion()).isEqualTo("8");

            blocker.rollback();
            robot.clickOn(action);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> UiTestSupport.table(robot, "#postsTable").getItems().size() == 1);
            assertThat(changes.currentVersion()).isEqualTo(latest);
        }
    }

    private String postsOverlay() {
        Label message = robot.lookup("#postsView #overlayMessage").queryAs(Label.class);
        return message.isVisible() ? message.getText() : "";
    }

    private String overlayMessages() {
        return String.join("\n", robot.lookup("#overlayMessage").queryAll().stream()
                .map(node -> ((Label) node).getText()).toList());
    }
}
