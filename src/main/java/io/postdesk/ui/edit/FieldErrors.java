package io.postdesk.ui.edit;

import io.postdesk.model.FieldError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;

/**
 * Shows each field's problem beside it, and marks the field; clears fields that are fine again.
 * A field's problem shows only once the user has had their go at it: after they typed in it and
 * left it, or after Save. A new form is not all red before anything is typed.
 */
final class FieldErrors {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    /** A field and the label under it. */
    record Slot(Node field, Label message) {
    }

    private final Map<String, Slot> slots;
    private final Set<String> typedIn = new HashSet<>();
    private final Set<String> touched = new HashSet<>();
    private List<FieldError> errors = List.of();
    private boolean revealed;

    FieldErrors(Map<String, Slot> slots) {
        this.slots = slots;
        slots.forEach(this::watch);
        slots.values().forEach(slot -> show(slot, null));
    }

    /** A field counts as touched when focus leaves it after the user typed in it. */
    private void watch(String field, Slot slot) {
        if (slot.field() instanceof TextInputControl input) {
            input.textProperty().addListener((obs, old, text) -> {
                if (input.isFocused()) {
                    typedIn.add(field);
                }
            });
        }
        slot.field().focusedProperty().addListener((obs, was, focused) -> {
            if (!focused && typedIn.contains(field) && touched.add(field)) {
                show(errors);
            }
        });
    }

    /** From now on every field's problem shows (Save was pressed, or the form holds a stored record). */
    void revealAll() {
        revealed = true;
        show(errors);
    }

    /**
     * Shows these errors on the fields the user has touched (all of them once revealed).
     *
     * @return true when there are no errors at all, shown or not
     */
    boolean show(List<FieldError> found) {
        errors = List.copyOf(found);
        slots.forEach((field, slot) -> show(slot, revealed || touched.contains(field) ? messageFor(field) : null));
        return errors.isEmpty();
    }

    /** Moves focus to the first field (in the given order) that shows a problem. */
    void focusFirst(List<String> order) {
        order.stream().filter(field -> slots.containsKey(field) && messageFor(field) != null).findFirst()
                .ifPresent(field -> slots.get(field).field().requestFocus());
    }

    private String messageFor(String field) {
        return errors.stream().filter(error -> error.field().equals(field)).map(FieldError::message)
                .findFirst().orElse(null);
    }

    private static void show(Slot slot, String message) {
        slot.message().setText(message == null ? "" : message);
        slot.message().setVisible(message != null);
        slot.message().setManaged(message != null);
        slot.field().pseudoClassStateChanged(DANGER, message != null);
    }
}
