package io.postdesk.ui.common;

import io.postdesk.model.Rights;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;

/**
 * Enables an action button only when the role may do it and the selection fits, and says why
 * not in a tooltip. A disabled control gets no mouse events, so the tooltip sits on a wrapper.
 */
public final class ActionGuard {
    private ActionGuard() {
    }

    /**
     * @param whyNot   the reason the rights forbid the action, or null when they allow it
     * @param usable   when the action makes sense now (e.g. one row selected)
     */
    public static void guard(ButtonBase button, ObservableValue<Rights> rights, Function<Rights, String> whyNot,
                             BooleanExpression usable) {
        Parent parent = button.getParent();
        StackPane wrapper = new StackPane();
        if (parent instanceof Pane pane) {
            int index = pane.getChildren().indexOf(button);
            pane.getChildren().remove(index);
            wrapper.getChildren().add(button);
            pane.getChildren().add(index, wrapper);
        }
        Tooltip reason = new Tooltip();
        Runnable update = () -> {
            String why = rights.getValue() == null ? "Not connected." : whyNot.apply(rights.getValue());
            Tooltip.install(wrapper, reason);
            reason.setText(why != null ? why : button.getText());
            button.setDisable(why != null || !usable.get());
        };
        rights.addListener((obs, old, value) -> update.run());
        usable.addListener((obs, old, value) -> update.run());
        update.run();
    }

    /** For actions that need no selection (New, Import, Publish all matching). */
    public static BooleanExpression always() {
        return BooleanExpression.booleanExpression(new javafx.beans.property.SimpleBooleanProperty(true));
    }

    /** "Exactly one row selected" / "at least one", for {@link #guard}. */
    public static BooleanExpression selected(javafx.scene.control.TableView<?> table, boolean exactlyOne) {
        return BooleanExpression.booleanExpression(Bindings.createBooleanBinding(() -> exactlyOne
                        ? table.getSelectionModel().getSelectedItems().size() == 1
                        : !table.getSelectionModel().getSelectedItems().isEmpty(),
                table.getSelectionModel().getSelectedItems()));
    }
}
