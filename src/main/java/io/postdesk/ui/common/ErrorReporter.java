package io.postdesk.ui.common;

import io.postdesk.service.ErrorMessages;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place failures go: the details to the log, a sentence to the person. */
public final class ErrorReporter {
    private static final Logger log = LoggerFactory.getLogger(ErrorReporter.class);

    /** Logs the failure and returns the message to show inline. */
    public String describe(String whatFailed, Throwable error) {
        log.warn("{} failed", whatFailed, error);
        return ErrorMessages.describe(error);
    }

    /** Logs the failure and shows it in a dialog; call on the FX thread. */
    public void show(Window owner, String whatFailed, Throwable error) {
        String message = describe(whatFailed, error);
        Alert alert = Dialogs.alert(owner, Alert.AlertType.ERROR, whatFailed + " failed", Dialogs.message(message),
                ButtonType.OK);
        alert.getDialogPane().setId("errorDialog");
        alert.show();
    }
}
