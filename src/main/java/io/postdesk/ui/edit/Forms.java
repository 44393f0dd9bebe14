package io.postdesk.ui.edit;

import io.postdesk.service.Workspace;
import io.postdesk.ui.common.Tasks;
import io.postdesk.ui.common.ViewLoader;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.scene.Parent;
import javafx.stage.Window;

/** Opens the user and post forms, one window per record. */
public final class Forms {
    private final Tasks tasks;
    private final OpenForms open;
    private final java.util.function.Supplier<Window> owner;
    private final Consumer<UUID> showHistory;
    private final Runnable rightsChanged;
    private final javafx.beans.value.ObservableValue<io.postdesk.model.Health> health;
    private final io.postdesk.ui.common.LiveChanges live;

    /** @param health the window's health checks: while the database cannot be reached, forms wait to save */
    public Forms(Tasks tasks, OpenForms open, java.util.function.Supplier<Window> owner, Consumer<UUID> showHistory,
                 Runnable rightsChanged, javafx.beans.value.ObservableValue<io.postdesk.model.Health> health,
                 io.postdesk.ui.common.LiveChanges live) {
        this.live = live;
        this.tasks = tasks;
        this.health = health;
        this.open = open;
        this.owner = owner;
        this.showHistory = showHistory;
        this.rightsChanged = rightsChanged;
    }

    /** As {@link #user(Workspace, UUID, Consumer)}, for callers that need not know which user was saved. */
    public void user(Workspace workspace, UUID userId, Runnable onSaved) {
        user(workspace, userId, savedId -> onSaved.run());
    }

    /**
     * @param userId  null for a new user
     * @param onSaved after each save, on the FX thread: the id of the user saved (the new user's id
     *                after a create), so the caller can select and show that row
     */
    public void user(Workspace workspace, UUID userId, Consumer<UUID> onSaved) {
        if (!open.focus(userId)) {
            UserFormController form = new UserFormController(workspace, tasks, userId, onSaved, showHistory,
                    rightsChanged);
            form.stage = show(userId, "user-form.fxml", form, userId == null ? "New user" : "User", form::isDirty,
                    form::save);
            form.stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> form.closed());
            followHealth(form.stage, form::connectionChanged);
            warnOfOthersChanges(form.stage, "users", userId, form::changedElsewhere);
        }
    }

    /** As {@link #post(Workspace, UUID, Consumer)}, for callers that need not know which post was saved. */
    public void post(Workspace workspace, UUID postId, Runnable onSaved) {
        post(workspace, postId, savedId -> onSaved.run());
    }

    /**
     * @param postId  null for a new post
     * @param onSaved after each save, on the FX thread: the id of the post saved (the new post's id
     *                after a create), so the caller can select and show that row
     */
    public void post(Workspace workspace, UUID postId, Consumer<UUID> onSaved) {
        if (!open.focus(postId)) {
            PostFormController form = new PostFormController(workspace, tasks, postId, onSaved, showHistory,
                    rightsChanged);
            form.stage = show(postId, "post-form.fxml", form, postId == null ? "New post" : "Post", form::isDirty,
                    form::save);
            followHealth(form.stage, form::connectionChanged);
            warnOfOthersChanges(form.stage, "posts", postId, form::changedElsewhere);
        }
    }

    /** Tells an open form when the database goes away and comes back; let go when the form closes (no leak). */
    private void followHealth(javafx.stage.Stage stage, Consumer<Boolean> reachable) {
        javafx.beans.value.ChangeListener<io.postdesk.model.Health> listener =
                (obs, old, now) -> reachable.accept(now == null || now.reachable());
        health.addListener(listener);
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> health.removeListener(listener));
        io.postdesk.model.Health current = health.getValue();
        if (current != null && !current.reachable()) {
            reachable.accept(false);
        }
    }

    /**
     * While the form is open, other writers' changes to its record reach it (issue 15): it says
     * so before Save, with what changed, or that the record was deleted.
     */
    private void warnOfOthersChanges(javafx.stage.Stage stage, String table, UUID record,
                                     java.util.function.BiConsumer<String, java.util.Set<String>> changedElsewhere) {
        if (record == null) {
            return;
        }
        Runnable stop = live.onChanges(table, changes -> changes.stream()
                .filter(change -> change.key() == null || record.equals(change.key()))
                .reduce((first, last) -> last)
                .ifPresent(change -> changedElsewhere.accept(change.key() == null ? "unknown" : change.operation(),
                        io.postdesk.service.ChangeLines.fields(change))));
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> stop.run());
    }

    private javafx.stage.Stage show(UUID record, String fxml, Object form, String title,
                                    java.util.function.BooleanSupplier dirty, Runnable save) {
        Parent root = ViewLoader.load(fxml, form);
        javafx.stage.Stage stage = FormWindow.open(owner.get(), title + " — PostDesk", root, dirty, save);
        open.add(record, stage, dirty);
        return stage;
    }
}
