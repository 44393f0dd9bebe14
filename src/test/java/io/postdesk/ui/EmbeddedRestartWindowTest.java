package io.postdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.App;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.Settings;
import io.postdesk.model.PostRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The built-in database killed under the window (kill -9 of its postmaster): PostDesk owns that
 * server, so it restarts it, says so, and shows the rows again; when the restart fails, the view
 * says what happened (not "check the host and port") and Retry restarts it.
 */
class EmbeddedRestartWindowTest {
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            UiTestSupport.closeAll(robot, app);
        }
    }

    @Test
    void aKilledBuiltInDatabaseIsRestartedAndRetryRestartsItWhenThatFailed() throws Exception {
        // A first start creates the cluster and loads the demo: on a busy two-core machine that is slow.
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new App(new LaunchOptions(null, false, false),
                new Settings(Map.of(), Map.of()), dataFolder));
        TableView<PostRow> posts = UiTestSupport.table(robot, "#postsTable");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> posts.getItems().size() == 50);

        killPostmaster();
        refresh(posts);

        waitLong(() -> statusText(posts).contains("The built-in database had stopped; PostDesk restarted it.")
                && posts.getItems().size() == 50);

        // Killed again, and this time it cannot start: its folder is moved away first (a running server
        // does not mind), so not even a health check between the kill and the move can restart it.
        ProcessHandle postmaster = postmaster();
        Path cluster = dataFolder.resolve("pgdata");
        Path away = dataFolder.resolve("pgdata-away");
        Files.move(cluster, away);
        kill(postmaster);
        refresh(posts);
        waitLong(() -> overlayText(posts).contains("could not start it again"));
        assertThat(overlayText(posts)).startsWith("The built-in database had stopped").doesNotContain("host and port");
        assertThat(posts.getItems()).isEmpty();

        Files.move(away, cluster);
        robot.clickOn(robot.from(posts.getParent()).lookup("#overlayAction").queryButton());

        waitLong(() -> posts.getItems().size() == 50
                && statusText(posts).contains("PostDesk restarted it."));
    }

    /**
     * A restart is a server start with crash recovery, then the schema read and the first page: on a
     * busy two-core machine each can take many seconds (only a failing test waits this long).
     */
    private static void waitLong(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** kill -9 of the postmaster named in postmaster.pid, as a user (or the OOM killer) would. */
    private void killPostmaster() throws Exception {
        kill(postmaster());
    }

    private ProcessHandle postmaster() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataFolder.resolve("pgdata/postmaster.pid")).get(0).strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static void kill(ProcessHandle postmaster) throws Exception {
        postmaster.destroyForcibly();
        postmaster.onExit().get(30, TimeUnit.SECONDS);
    }

    /** F5 in the table, as a user who wonders why nothing changes would press. */
    private void refresh(TableView<PostRow> posts) {
        robot.clickOn(posts);
        robot.type(KeyCode.F5);
    }

    /** The status bar of this test's window (the table's scene), not of any other window still open. */
    private String statusText(TableView<PostRow> posts) {
        return robot.from(posts.getScene().getRoot()).lookup(".status-bar").queryAs(StatusBar.class).getText();
    }

    private String overlayText(TableView<PostRow> posts) {
        Node message = robot.from(posts.getParent()).lookup("#overlayMessage").query();
        return message.isVisible() ? ((Label) message).getText() : "";
    }
}
