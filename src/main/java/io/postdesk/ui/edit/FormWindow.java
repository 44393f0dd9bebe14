package io.postdesk.ui.edit;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.Window;

/** A form in a window of its own, which asks before throwing away unsaved changes. */
final class FormWindow {
    private FormWindow() {
    }

    static Stage open(Window owner, String title, Parent root, BooleanSupplier dirty) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Objects.requireNonNull(FormWindow.class.getResource("/styles/postdesk.css"))
                .toExternalForm());
        stage.setScene(scene);
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

    static boolean confirmDiscard(Window owner) {
        ButtonType discard = new ButtonType("Discard changes", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep editing", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Your changes in this form are not saved.", discard, keep);
        alert.initOwner(owner);
        alert.setTitle("PostDesk");
        alert.setHeaderText("Discard your changes?");
        return alert.showAndWait().filter(discard::equals).isPresent();
    }
}
