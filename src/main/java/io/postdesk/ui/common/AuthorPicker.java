package io.postdesk.ui.common;

import io.postdesk.model.AuthorSuggestion;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.concurrent.Task;
import javafx.css.PseudoClass;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.util.Duration;

/**
 * The author filter: type the start of a username, pick from the suggestions (loaded on the
 * background executor, as the blog's own user search does: prefix, case-insensitive). Enter on
 * an exact name picks it; a name nobody has marks the field.
 */
public final class AuthorPicker {
    private static final int SUGGESTIONS = 10;
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final TextField field;
    private final Tasks tasks;
    private final Function<String, List<AuthorSuggestion>> lookup;
    private final Consumer<AuthorSuggestion> onPick;
    private final ContextMenu menu = new ContextMenu();
    private final PauseTransition pause = new PauseTransition(Duration.millis(150));
    private List<AuthorSuggestion> suggestions = List.of();
    private Task<List<AuthorSuggestion>> running;
    private boolean settingText;

    /**
     * @param lookup usernames starting with a prefix (runs on the background executor)
     * @param onPick the chosen author, or null when the field is cleared
     */
    public AuthorPicker(TextField field, Tasks tasks, Function<String, List<AuthorSuggestion>> lookup,
                 Consumer<AuthorSuggestion> onPick) {
        this.field = field;
        this.tasks = tasks;
        this.lookup = lookup;
        this.onPick = onPick;
        pause.setOnFinished(event -> suggest(field.getText()));
        field.textProperty().addListener((obs, old, text) -> {
            if (settingText) {
                return;
            }
            field.pseudoClassStateChanged(DANGER, false);
            if (text.isBlank()) {
                menu.hide();
                onPick.accept(null);
            } else {
                pause.playFromStart();
            }
        });
        field.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                pickTyped();
            } else if (event.getCode() == KeyCode.DOWN && menu.isShowing()) {
                menu.getSkin().getNode().requestFocus();
            }
        });
    }

    /** Shows {@code username} as the chosen author without asking the database again. */
    public void show(String username) {
        settingText = true;
        field.setText(username == null ? "" : username);
        settingText = false;
        field.pseudoClassStateChanged(DANGER, false);
        menu.hide();
    }

    private void suggest(String prefix) {
        if (running != null) {
            running.cancel();
        }
        String text = prefix.strip();
        running = tasks.run("Looking up authors", () -> lookup.apply(text))
                .onSuccess(found -> {
                    if (!field.getText().strip().equals(text)) {
                        return; // typed on meanwhile
                    }
                    suggestions = found;
                    showMenu(found);
                })
                .onError(message -> field.pseudoClassStateChanged(DANGER, true))
                .start();
    }

    private void showMenu(List<AuthorSuggestion> found) {
        menu.getItems().clear();
        if (found.isEmpty()) {
            MenuItem none = new MenuItem("No user starts with \"" + field.getText().strip() + "\"");
            none.setDisable(true);
            none.setMnemonicParsing(false); // typed text: an underscore is a character, not a mnemonic
            menu.getItems().add(none);
        }
        for (AuthorSuggestion author : found.subList(0, Math.min(SUGGESTIONS, found.size()))) {
            MenuItem item = new MenuItem(author.username());
            item.setMnemonicParsing(false); // "grace_36" stays "grace_36"
            item.setOnAction(event -> pick(author));
            menu.getItems().add(item);
        }
        if (field.isFocused() && !menu.isShowing()) {
            menu.show(field, Side.BOTTOM, 0, 0);
        }
    }

    private void pickTyped() {
        String typed = field.getText().strip();
        suggestions.stream().filter(author -> author.username().equalsIgnoreCase(typed)).findFirst()
                .or(() -> suggestions.size() == 1 ? suggestions.stream().findFirst() : java.util.Optional.empty())
                .ifPresentOrElse(this::pick, () -> field.pseudoClassStateChanged(DANGER, !typed.isEmpty()));
    }

    private void pick(AuthorSuggestion author) {
        show(author.username());
        onPick.accept(author);
    }
}
