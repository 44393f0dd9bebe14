package io.postdesk.ui.edit;

import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.SafeChoice;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
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
