package io.postdesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.Progress;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The progress window shows the latest report of whichever stage sent it, each in its own words. */
class ProgressWindowTest {
    private final FxRobot robot = new FxRobot();
    private ProgressWindow window;

    @BeforeEach
    void show() throws Exception {
        Stage owner = FxToolkit.registerPrimaryStage();
        robot.interact(() -> {
            window = new ProgressWindow(owner, "Importing posts.csv", "posts");
            window.show();
        });
    }

    @AfterEach
    void close() {
        robot.interact(window::close);
    }

    @Test
    void aStageWithItsOwnNounThenTheWindowsNoun() throws Exception {
        // From a worker thread, as the import sends them; small numbers, so no grouping separator of any locale.
        Thread worker = new Thread(() -> window.listener("rows checked").update(new Progress(300, 700, 0)));
        worker.start();
        worker.join();
        waitForStatus("300 of 700 rows checked");
        assertThat(bar().getProgress()).isEqualTo(300 / 700.0);

        window.listener().update(new Progress(700, 700, 0));
        waitForStatus("700 of 700 posts");
        assertThat(bar().getProgress()).isEqualTo(1.0);
    }

    /** The progress window's own bar: a lookup over every window can find another test's stage first. */
    private ProgressBar bar() {
        return (ProgressBar) robot.lookup("#progressStatus").queryAs(Label.class).getScene().lookup(".progress-bar");
    }

    private void waitForStatus(String text) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> text.equals(robot.lookup("#progressStatus").queryAs(Label.class).getText()));
    }
}
