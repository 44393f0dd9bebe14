package io.postdesk.ui.common;

import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.util.Duration;

/**
 * Search as you type: reports the text once typing pauses for 250 ms (Enter reports at once,
 * Escape clears), so a fast typist starts one query, not one per key.
 */
public final class SearchBox {
    static final Duration DEBOUNCE = Duration.millis(250);

    private SearchBox() {
    }

    public static void install(TextField field, Consumer<String> onSearch) {
        PauseTransition pause = new PauseTransition(DEBOUNCE);
        pause.setOnFinished(event -> onSearch.accept(field.getText()));
        field.textProperty().addListener((obs, old, text) -> pause.playFromStart());
        field.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                pause.stop();
                onSearch.accept(field.getText());
            } else if (event.getCode() == KeyCode.ESCAPE && !field.getText().isEmpty()) {
                field.clear();
                event.consume();
            }
        });
    }
}
