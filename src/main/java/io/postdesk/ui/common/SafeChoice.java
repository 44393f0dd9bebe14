package io.postdesk.ui.common;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;

/**
 * The house rule for a question with a destructive answer: Enter and Escape both take the safe
 * answer, which has the focus; the destructive one is never the default and is drawn in the
 * theme's danger colours. No stock icon: the header says what is at stake.
 */
public final class SafeChoice {
    private SafeChoice() {
    }

    public static void arrange(Alert alert, ButtonType safe, ButtonType... destructive) {
        DialogPane pane = alert.getDialogPane();
        Dialogs.themed(pane, alert.getOwner());
        for (ButtonType type : pane.getButtonTypes()) {
            Button button = (Button) pane.lookupButton(type);
            button.setDefaultButton(type == safe);
            button.setCancelButton(type == safe);
        }
        for (ButtonType type : destructive) {
            pane.lookupButton(type).getStyleClass().add(Styles.DANGER);
        }
        Button safeButton = (Button) pane.lookupButton(safe);
        alert.setOnShown(event -> safeButton.requestFocus());
    }
}
