package io.postdesk.ui.edit;

import io.postdesk.service.ConflictException;
import io.postdesk.service.ErrorMessages;
import io.postdesk.service.ValidationException;
import java.util.Optional;
import javafx.scene.control.Label;

/**
 * What a form says when a save is refused, the same in every form: field errors beside the
 * fields, anything else as a sentence at the top; a refused write re-reads the rights. A
 * conflict is handed back, because each form shows its own fields side by side.
 */
final class SaveFeedback {
    /** Issue 14: shown while the database cannot be reached; Save waits, the fields stay as typed. */
    static final String OFFLINE = "The connection to the database was lost. What you typed is kept: save when it"
            + " is back (PostDesk reconnects by itself).";
    private final Label formMessage;
    private boolean offline;
    private final FieldErrors errors;
    private final Runnable rightsChanged;

    SaveFeedback(Label formMessage, FieldErrors errors, Runnable rightsChanged) {
        this.formMessage = formMessage;
        this.errors = errors;
        this.rightsChanged = rightsChanged;
    }

    /** Shows the failure; returns it when it is a conflict, for the form to resolve. */
    Optional<ConflictException> saveFailed(Throwable error) {
        if (error instanceof ConflictException conflict) {
            return Optional.of(conflict);
        }
        if (error instanceof ValidationException invalid) {
            errors.revealAll();
            errors.show(invalid.errors());
            message("Nothing was saved: please correct the marked fields.");
        } else if (ErrorMessages.isLockWait(error)) {
            // The sentence names who held the lock and says nothing was changed; Save tries again.
            message(ErrorMessages.describe(error) + " Save to try again.");
        } else {
            message(ErrorMessages.nothingDone("Nothing was saved.", error)); // never blind (issue 14)
            if (ErrorMessages.isPermissionProblem(error)) {
                rightsChanged.run();
            }
        }
        return Optional.empty();
    }

    /**
     * The database went away or came back: while away the form says so (Save is off, see
     * {@link #offline()}); when back, that note goes, any other message stays.
     */
    void connectionChanged(boolean reachable) {
        if (offline == !reachable) {
            return;
        }
        offline = !reachable;
        if (offline) {
            message(OFFLINE);
        } else if (OFFLINE.equals(formMessage.getText())) {
            message(null);
        }
    }

    boolean offline() {
        return offline;
    }

    /** A sentence at the top of the form; null hides it. */
    void message(String text) {
        formMessage.setText(text == null ? "" : text);
        formMessage.setVisible(text != null);
        formMessage.setManaged(text != null);
    }
}
