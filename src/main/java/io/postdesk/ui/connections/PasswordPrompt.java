package io.postdesk.ui.connections;

import io.postdesk.config.SavedConnection;
import io.postdesk.ui.common.Dialogs;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for a saved connection's password when none is kept anywhere (no keychain entry, no
 * .pgpass line): the path every machine without a keychain takes. The answer can be remembered
 * for this session (in memory only).
 */
final class PasswordPrompt {
    /** The typed password, and whether to remember it until PostDesk quits. */
    record Answer(String password, boolean rememberForSession) {
        @Override
        public String toString() {
            return "Answer[remember=" + rememberForSession + "]";
        }
    }

    private PasswordPrompt() {
    }

    static Optional<Answer> ask(Window owner, SavedConnection connection, String keychainAbsence) {
        Dialog<Answer> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("PostDesk");
        dialog.setHeaderText("Password for " + connection.name());
        dialog.getDialogPane().setId("passwordPrompt");
        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(connect, ButtonType.CANCEL);
        PasswordField field = new PasswordField();
        field.setId("promptPassword");
        field.setPromptText("leave empty if the server asks for none");
        CheckBox remember = new CheckBox("Remember for this session");
        remember.setId("promptRemember");
        remember.setSelected(true);
        VBox content = new VBox(10, Dialogs.message(connection.displayName()
                + ": no password is saved for it, and none is in .pgpass."), field, remember);
        if (keychainAbsence != null) {
            Label note = Dialogs.message(keychainAbsence);
            note.setId("promptKeychainNote");
            note.getStyleClass().add("muted");
            content.getChildren().add(note);
        }
        dialog.getDialogPane().setContent(content);
        Dialogs.themed(dialog.getDialogPane(), owner);
        dialog.setResultConverter(button -> button == connect ? new Answer(field.getText(), remember.isSelected()) : null);
        Platform.runLater(field::requestFocus);
        return dialog.showAndWait();
    }
}
