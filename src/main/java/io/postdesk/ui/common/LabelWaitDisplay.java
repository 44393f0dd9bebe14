package io.postdesk.ui.common;

import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;

/**
 * A lock wait shown in a line of text (a form's message line, a pane's title): the text, and a
 * Cancel button beside it as the label's graphic. The label gets back its text when the wait ends.
 */
public final class LabelWaitDisplay implements WaitDisplay {
    private final Label label;
    private final Button cancel = new Button("Cancel");
    private Shown before;

    private record Shown(String text, javafx.scene.Node graphic, boolean visible, boolean managed) {
    }

    public LabelWaitDisplay(Label label) {
        this.label = label;
        cancel.setId("waitCancel");
        cancel.getStyleClass().add("small");
    }

    @Override
    public void showWait(String text, Runnable onCancel) {
        if (before == null) {
            before = new Shown(label.getText(), label.getGraphic(), label.isVisible(), label.isManaged());
        }
        label.setText(text);
        label.setContentDisplay(ContentDisplay.RIGHT);
        label.setGraphic(onCancel == null ? null : cancel);
        cancel.setOnAction(onCancel == null ? null : event -> onCancel.run());
        label.setVisible(true);
        label.setManaged(true);
    }

    @Override
    public void hideWait() {
        Shown shown = before;
        if (shown == null) {
            return;
        }
        before = null;
        label.setText(shown.text());
        label.setGraphic(shown.graphic());
        label.setVisible(shown.visible());
        label.setManaged(shown.managed());
    }
}
