package io.postdesk.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
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
                        + "\n\nThe blog's tables and rows are kept, and its reads and writes go on meanwhile:"
                        + " new indexes are built without locking the tables. On a large blog that can take"
                        + " minutes; make a backup first if you are unsure.",
                apply, cancel);
        return alert.showAndWait().filter(apply::equals).isPresent();
    }

    /**
     * Asks before something that cannot be undone (delete, discard); true when the user confirms.
     * The action's button is red, and Cancel is the default so that Enter destroys nothing.
     */
    public boolean confirm(String question, String details, String action) {
        return ask(question, details, action, true);
    }

    /** Asks before a change that can be undone (publishing, say): the same question, a plain button. */
    public boolean confirmChange(String question, String details, String action) {
        return ask(question, details, action, false);
    }

    private boolean ask(String question, String details, String action, boolean destructive) {
        return ask(owner.get(), question, message(details), action, destructive);
    }

    /**
     * A question with its own content (a plan, a check box); true when the user agrees. With
     * {@code destructive}, the action's button is red and Cancel is the default.
     */
    public static boolean ask(Window owner, String question, Node content, String action, boolean destructive) {
        ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(owner, Alert.AlertType.CONFIRMATION, question, content, ok, cancel);
        alert.getDialogPane().setId("confirmDialog");
        Button okButton = (Button) alert.getDialogPane().lookupButton(ok);
        okButton.setId("confirmAction");
        if (destructive) {
            okButton.getStyleClass().add(Styles.DANGER);
            // Enter must not destroy data by accident: Cancel is the default button.
            okButton.setDefaultButton(false);
            ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        }
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
        return alert(owner.get(), type, header, message(message), buttons);
    }

    /**
     * An alert in the window's theme, for the places that build their own (errors, the import's bad
     * lines, the export's "replace?"): no stock icon, PostDesk's style sheet, the type kept as a
     * style class ("dialog-error") for the rules that colour the header.
     */
    public static Alert alert(Window owner, Alert.AlertType type, String header, Node content, ButtonType... buttons) {
        // NONE: the stock types bring the modena-era glossy icons with their style classes.
        Alert alert = new Alert(Alert.AlertType.NONE, "", buttons);
        alert.getDialogPane().getStyleClass().add("dialog-" + type.name().toLowerCase(java.util.Locale.ROOT));
        alert.initOwner(owner);
        alert.setTitle("PostDesk");
        alert.setHeaderText(header);
        themed(alert.getDialogPane(), owner);
        alert.getDialogPane().setContent(content);
        return alert;
    }

    /** A message for a dialog: wrapped at a readable width, its underscores shown as typed. */
    public static Label message(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMaxWidth(480);
        label.setMnemonicParsing(false);
        return label;
    }

    /**
     * A dialog in the window's theme: PostDesk's style sheet (the theme itself is the user-agent
     * style sheet, so it applies everywhere) and no stock glossy icon, which belongs to no theme.
     * The style sheet is added even without an owner (an error reported from a background task).
     */
    public static void themed(DialogPane pane, Window owner) {
        pane.setGraphic(null);
        if (!pane.getStyleClass().contains("postdesk-dialog")) {
            pane.getStyleClass().add("postdesk-dialog");
        }
        List<String> sheets = new ArrayList<>();
        sheets.add(Objects.requireNonNull(Dialogs.class.getResource("/styles/postdesk.css")).toExternalForm());
        if (owner != null && owner.getScene() != null) {
            sheets.addAll(owner.getScene().getStylesheets());
        }
        for (String sheet : sheets) {
            if (!pane.getStylesheets().contains(sheet)) {
                pane.getStylesheets().add(sheet);
            }
        }
    }
}
