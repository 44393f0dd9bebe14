package io.postdesk.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The layer over a table that says what is going on: loading, a failure with a Retry button,
 * or an empty result. Hidden when the rows speak for themselves. A task of the view that waits
 * for a lock shows the wait here with Cancel ({@link WaitDisplay}); when the wait ends, the
 * overlay goes back to what it showed before, unless the view has shown something else since.
 */
public final class LoadingOverlay implements WaitDisplay {
    private final VBox box = new VBox(12);
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label message = new Label();
    private final Button action = new Button();
    /** What the overlay showed before a lock wait covered it; null when no wait shows. */
    private Shown beforeWait;

    /** One state of the overlay, to go back to after a wait. */
    private record Shown(boolean visible, String text, boolean busy, String actionText, Runnable onAction,
                         boolean error) {
    }

    private Runnable onAction;

    private LoadingOverlay() {
        box.getStyleClass().add("loading-overlay");
        box.setAlignment(Pos.CENTER);
        box.setPickOnBounds(false);
        spinner.setMaxSize(42, 42);
        message.setWrapText(true);
        message.setMaxWidth(520);
        // Centred under the spinner and over the button, however short or long the text.
        message.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        message.setAlignment(Pos.CENTER);
        message.getStyleClass().add("overlay-message");
        message.setId("overlayMessage");
        action.setId("overlayAction");
        box.getChildren().addAll(spinner, message, action);
        hide();
    }

    /** Adds an overlay on top of the content of {@code pane}. */
    public static LoadingOverlay over(StackPane pane) {
        LoadingOverlay overlay = new LoadingOverlay();
        pane.getChildren().add(overlay.box);
        return overlay;
    }

    public void showLoading(String text) {
        beforeWait = null;
        show(text, true, null, null);
        box.getStyleClass().remove("error");
    }

    public void showError(String text, String actionText, Runnable onAction) {
        beforeWait = null;
        show(text, false, actionText, onAction);
        if (!box.getStyleClass().contains("error")) {
            box.getStyleClass().add("error");
        }
    }

    /** An empty result; with an action such as "Clear filters" when there is one. */
    public void showEmpty(String text, String actionText, Runnable onAction) {
        beforeWait = null;
        show(text, false, actionText, onAction);
        box.getStyleClass().remove("error");
    }

    public void hide() {
        beforeWait = null;
        box.setVisible(false);
        box.setManaged(false);
    }

    @Override
    public void showWait(String text, Runnable cancel) {
        if (beforeWait == null) {
            beforeWait = new Shown(box.isVisible(), message.getText(), spinner.isVisible(), action.getText(),
                    onAction, box.getStyleClass().contains("error"));
        }
        show(text, true, cancel == null ? null : "Cancel", cancel);
        box.getStyleClass().remove("error");
    }

    @Override
    public void hideWait() {
        Shown before = beforeWait;
        if (before == null) {
            return;
        }
        beforeWait = null;
        show(before.text(), before.busy(), before.actionText(), before.onAction());
        if (before.error()) {
            box.getStyleClass().add("error");
        }
        box.setVisible(before.visible());
        box.setManaged(before.visible());
    }

    public boolean isShowing() {
        return box.isVisible();
    }

    public String text() {
        return message.getText();
    }

    private void show(String text, boolean busy, String actionText, Runnable onAction) {
        this.onAction = onAction;
        message.setText(text);
        spinner.setVisible(busy);
        spinner.setManaged(busy);
        action.setVisible(onAction != null);
        action.setManaged(onAction != null);
        action.setText(actionText);
        action.setOnAction(onAction == null ? null : event -> onAction.run());
        box.setVisible(true);
        box.setManaged(true);
    }
}
