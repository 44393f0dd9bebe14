package io.postdesk.ui.edit;

import io.postdesk.model.AuthorLookup;
import io.postdesk.model.AuthorSuggestion;
import io.postdesk.ui.common.AuthorPicker;
import io.postdesk.ui.common.Tasks;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.control.TextField;

/**
 * The post form's author: the one user the Author field's text names, and nothing else. A pick
 * from the suggestions names a user at once; typed text is resolved by the service (on the
 * background executor) when the field is left and before a save, and until then no author is
 * chosen, so a save can never use an author other than the one shown.
 */
final class AuthorChoice {
    private final TextField field;
    private final Tasks tasks;
    private final Function<String, AuthorLookup> resolver;
    private final Runnable changed;
    private final io.postdesk.ui.common.WaitDisplay waits;
    private final AuthorPicker picker;
    private AuthorSuggestion author;
    private String problem;

    /**
     * @param suggest  usernames starting with a prefix, for the suggestions
     * @param resolver the one user a typed text means (see PostService.resolveAuthor)
     * @param changed  told whenever the chosen author or the problem changes
     * @param waits    where the look-up before a save says that it waits for a lock on users (issue 12)
     */
    AuthorChoice(TextField field, Tasks tasks, Function<String, List<AuthorSuggestion>> suggest,
                 Function<String, AuthorLookup> resolver, Runnable changed, io.postdesk.ui.common.WaitDisplay waits) {
        this.field = field;
        this.tasks = tasks;
        this.waits = waits;
        this.resolver = resolver;
        this.changed = changed;
        this.picker = new AuthorPicker(field, tasks, suggest, this::picked);
        field.textProperty().addListener((obs, old, text) -> {
            if (author != null && !author.username().equals(text.strip())) {
                author = null;
            }
            problem = null;
            changed.run();
        });
        field.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                resolve(found -> { });
            }
        });
    }

    /** Shows a stored author as chosen (no look-up needed). */
    void show(UUID id, String username) {
        picker.show(username);
        author = new AuthorSuggestion(id, username);
        problem = null;
        changed.run();
    }

    private void picked(AuthorSuggestion picked) {
        author = picked;
        problem = null;
        changed.run();
    }

    /** The chosen author's id; null while the text is empty, unresolved or names no single user. */
    UUID authorId() {
        return author == null ? null : author.id();
    }

    /** Why the text names no single user; null when it does or has not been looked up yet. */
    String problem() {
        return problem;
    }

    /** Text is typed that has not been looked up yet (a save will look it up first). */
    boolean unresolved() {
        return author == null && problem == null && !field.getText().isBlank();
    }

    /**
     * Looks the typed text up unless that is done, then tells {@code then} (on the FX thread)
     * whether an author is chosen. When the text changes while the look-up runs, its answer is
     * dropped and {@code then} hears false.
     */
    void resolve(Consumer<Boolean> then) {
        if (!unresolved()) {
            then.accept(author != null);
            return;
        }
        String typed = field.getText();
        tasks.run("Finding the author", () -> resolver.apply(typed))
                .showWaitsIn(waits)
                .onSuccess(lookup -> {
                    if (!field.getText().equals(typed) || author != null) {
                        then.accept(author != null && field.getText().equals(typed));
                        return;
                    }
                    if (lookup.found()) {
                        show(lookup.author().id(), lookup.author().username());
                    } else {
                        problem = lookup.problem();
                        changed.run();
                    }
                    then.accept(author != null);
                })
                .onError(message -> {
                    if (field.getText().equals(typed)) {
                        problem = "Could not look up the author: " + message;
                        changed.run();
                    }
                    then.accept(false);
                })
                .start();
    }
}
