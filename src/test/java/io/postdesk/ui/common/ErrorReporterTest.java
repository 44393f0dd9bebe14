package io.postdesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** A failure reported in a dialog looks like the rest of the window: no stock icon, PostDesk's style sheet. */
class ErrorReporterTest {
    private final FxRobot robot = new FxRobot();
    private Stage owner;

    @BeforeEach
    void registerStage() throws Exception {
        owner = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeDialog() throws Exception {
        robot.lookup("#errorDialog").tryQuery()
                .ifPresent(pane -> robot.interact(() -> pane.getScene().getWindow().hide()));
    }

    @Test
    void anErrorDialogHasNoStockIconAndSaysWhatFailed() throws Exception {
        robot.interact(() -> new ErrorReporter().show(null, "Loading posts",
                new SQLException("connection refused", "08001")));

        DialogPane pane = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Loading posts failed");
        assertThat(pane.getGraphic()).isNull();
        assertThat(pane.lookupAll(".image-view")).isEmpty();
        assertThat(pane.getStylesheets()).anyMatch(sheet -> sheet.endsWith("/styles/postdesk.css"));
    }
}
