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
import javafx.scene.input.KeyEvent;
import javafx.util.Duration;

/**
 * The author type-ahead: type the start of a username, pick from the suggestions (loaded on the
 * background executor, as the blog's own user search does: prefix, case-insensitive). Enter on
 * an exact name picks it; a name nobody has marks the field. Tab never picks: it closes the
 * suggestions and moves focus on, as Tab does everywhere else.
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
                pause.stop();
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
        // Tab in the field: the suggestions close and the field's own Tab handling moves focus on.
        field.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.TAB) {
                closeSuggestions();
            }
        });
        // Tab in the open list (after Down): the list would otherwise act on it; close it and move
        // focus on from the field instead, leaving the typed text as it is.
        menu.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.TAB) {
                event.consume();
                closeSuggestions();
                field.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, event.isShiftDown(),
                        false, false, false));
            }
        });
    }

    /** Shows {@code username} as the chosen author without asking the database again. */
    public void show(String username) {
        settingText = true;
        field.setText(username == null ? "" : username);
        field.end();
        settingText = false;
        field.pseudoClassStateChanged(DANGER, false);
        closeSuggestions();
    }

    private void closeSuggestions() {
        pause.stop();
        if (running != null) {
            running.cancel();
        }
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
            menu.getItems().add(item("No user starts with \"" + field.getText().strip() + "\""));
            menu.getItems().get(0).setDisable(true);
        }
        for (AuthorSuggestion author : found.subList(0, Math.min(SUGGESTIONS, found.size()))) {
            MenuItem item = item(author.username());
            item.setOnAction(event -> pick(author));
            menu.getItems().add(item);
        }
        if (field.isFocused() && !menu.isShowing()) {
            menu.show(field, Side.BOTTOM, 0, 0);
        }
    }

    /** A menu line showing data: an underscore is part of the name, not a mnemonic marker. */
    private static MenuItem item(String text) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false);
        return item;
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
