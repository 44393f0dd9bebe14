package io.postdesk.ui.edit;

import io.postdesk.model.FieldError;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** Shows each field's problem beside it, and marks the field; clears fields that are fine again. */
final class FieldErrors {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    /** A field and the label under it. */
    record Slot(Node field, Label message) {
    }

    private final Map<String, Slot> slots;

    FieldErrors(Map<String, Slot> slots) {
        this.slots = slots;
        slots.values().forEach(slot -> show(slot, null));
    }

    /** Shows exactly these errors; returns true when there are none. */
    boolean show(List<FieldError> errors) {
        slots.forEach((field, slot) -> show(slot, errors.stream()
                .filter(error -> error.field().equals(field)).map(FieldError::message).findFirst().orElse(null)));
        return errors.isEmpty();
    }

    private static void show(Slot slot, String message) {
        slot.message().setText(message == null ? "" : message);
        slot.message().setVisible(message != null);
        slot.message().setManaged(message != null);
        slot.field().pseudoClassStateChanged(DANGER, message != null);
    }
}
