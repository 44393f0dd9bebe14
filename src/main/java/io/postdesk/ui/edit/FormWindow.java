package io.postdesk.ui.edit;

import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.SafeChoice;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A form in a window of its own, which asks before throwing away unsaved changes. Ctrl+S (Cmd+S)
 * saves; Escape is the form's Cancel button, which asks first when the form is dirty.
 */
final class FormWindow {
    /** Small enough for a small screen; the fields scroll above the pinned buttons. */
    private static final double MIN_WIDTH = 380;
    private static final double MIN_HEIGHT = 260;

    private FormWindow() {
    }

    static Stage open(Window owner, String title, Parent root, BooleanSupplier dirty, Runnable save) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Objects.requireNonNull(FormWindow.class.getResource("/styles/postdesk.css"))
                .toExternalForm());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), save);
        stage.setScene(scene);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.setOnCloseRequest(event -> {
            if (dirty.getAsBoolean() && !confirmDiscard(stage)) {
                event.consume();
            }
        });
        stage.show();
        return stage;
    }

    /**
     * Makes the window tall enough for the whole form when it gains fields (a user's first post),
     * up to the bottom of its screen; it never shrinks, so a size the user chose is kept. Before,
     * the new fields opened in a window of the old height, a scroll pane a few lines high.
     */
    static void growToFit(Stage stage) {
        Scene scene = stage.getScene();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        double frame = stage.getHeight() - scene.getHeight();
        double wanted = Math.ceil(scene.getRoot().prefHeight(scene.getWidth()) + frame);
        Rectangle2D screen = Screen.getScreensForRectangle(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight()).stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
        double height = Math.min(wanted, screen.getMaxY() - stage.getY());
        if (height > stage.getHeight()) {
            stage.setHeight(height);
        }
    }

    /** Closes the form, asking first when it holds unsaved changes. */
    static void close(Stage stage, BooleanSupplier dirty) {
        if (!dirty.getAsBoolean() || confirmDiscard(stage)) {
            stage.close();
        }
    }

    /** Asks whether to throw the changes away; Enter and Escape keep editing. */
    static boolean confirmDiscard(Window owner) {
        ButtonType discard = new ButtonType("Discard changes", ButtonBar.ButtonData.OTHER);
        ButtonType keep = new ButtonType("Keep editing", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = Dialogs.alert(owner, Alert.AlertType.CONFIRMATION, "Discard your changes?",
                Dialogs.message("Your changes in this form are not saved."), discard, keep);
        alert.getDialogPane().setId("discardDialog");
        SafeChoice.arrange(alert, keep, discard);
        return alert.showAndWait().filter(discard::equals).isPresent();
    }
}
