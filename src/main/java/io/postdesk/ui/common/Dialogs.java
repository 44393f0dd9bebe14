package io.postdesk.ui.common;

import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** The questions and warnings PostDesk puts to people, owned by the main window. */
public final class Dialogs {
    private final Supplier<Window> owner;

    public Dialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    /** Asks before changing a server database's schema; true when the user agrees. */
    public boolean confirmMigration(String database, List<String> pending) {
        ButtonType apply = new ButtonType("Apply changes", ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Not now", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION,
                "PostDesk needs to change the schema of " + database,
                "These changes will be applied, each in its own transaction:\n\n  • "
                        + String.join("\n  • ", pending)
                        + "\n\nThe blog's tables and rows are kept. New indexes are built while the tables are"
                        + " locked against writes: on a large blog this can take minutes, so choose a quiet moment"
                        + " and make a backup first if you are unsure.",
                apply, cancel);
        return alert.showAndWait().filter(apply::equals).isPresent();
    }

    /** Asks before something that cannot be undone; true when the user confirms. */
    public boolean confirm(String question, String details, String action) {
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, question, details, ok, cancel);
        alert.getDialogPane().setId("confirmDialog");
        // Enter must not destroy data by accident: Cancel is the default button.
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        return alert.showAndWait().filter(ok::equals).isPresent();
    }

    public void info(String message) {
        Alert alert = alert(Alert.AlertType.INFORMATION, null, message, ButtonType.OK);
        alert.getDialogPane().setId("infoDialog");
        alert.show();
    }

    public void warn(String message) {
        alert(Alert.AlertType.WARNING, null, message, ButtonType.OK).show();
    }

    private Alert alert(Alert.AlertType type, String header, String message, ButtonType... buttons) {
        Alert alert = new Alert(type, "", buttons);
        alert.initOwner(owner.get());
        alert.setTitle("PostDesk");
        alert.setHeaderText(header);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(480);
        alert.getDialogPane().setContent(text);
        return alert;
    }
}
