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

    public Forms(Tasks tasks, OpenForms open, java.util.function.Supplier<Window> owner, Consumer<UUID> showHistory,
                 Runnable rightsChanged) {
        this.tasks = tasks;
        this.open = open;
        this.owner = owner;
        this.showHistory = showHistory;
        this.rightsChanged = rightsChanged;
    }

    /** @param userId null for a new user */
    public void user(Workspace workspace, UUID userId, Runnable onSaved) {
        if (open.focus(userId)) {
            return;
        }
        UserFormController form = new UserFormController(workspace, tasks, userId, onSaved, showHistory, rightsChanged);
        Parent root = ViewLoader.load("user-form.fxml", form);
        form.stage = FormWindow.open(owner.get(), userId == null ? "New user — PostDesk" : "User — PostDesk", root,
                form::isDirty);
        open.add(userId, form.stage, form::isDirty);
        form.stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> form.closed());
    }

    /** @param postId null for a new post */
    public void post(Workspace workspace, UUID postId, Runnable onSaved) {
        if (open.focus(postId)) {
            return;
        }
        PostFormController form = new PostFormController(workspace, tasks, postId, onSaved, showHistory, rightsChanged);
        Parent root = ViewLoader.load("post-form.fxml", form);
        form.stage = FormWindow.open(owner.get(), postId == null ? "New post — PostDesk" : "Post — PostDesk", root,
                form::isDirty);
        open.add(postId, form.stage, form::isDirty);
    }
}
