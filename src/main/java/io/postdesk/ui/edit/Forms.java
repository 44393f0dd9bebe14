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
        if (!open.focus(userId)) {
            UserFormController form = new UserFormController(workspace, tasks, userId, onSaved, showHistory,
                    rightsChanged);
            form.stage = show(userId, "user-form.fxml", form, userId == null ? "New user" : "User", form::isDirty);
            form.stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> form.closed());
        }
    }

    /** @param postId null for a new post */
    public void post(Workspace workspace, UUID postId, Runnable onSaved) {
        if (!open.focus(postId)) {
            PostFormController form = new PostFormController(workspace, tasks, postId, onSaved, showHistory,
                    rightsChanged);
            form.stage = show(postId, "post-form.fxml", form, postId == null ? "New post" : "Post", form::isDirty);
        }
    }

    private javafx.stage.Stage show(UUID record, String fxml, Object form, String title,
                                    java.util.function.BooleanSupplier dirty) {
        Parent root = ViewLoader.load(fxml, form);
        javafx.stage.Stage stage = FormWindow.open(owner.get(), title + " — PostDesk", root, dirty);
        open.add(record, stage, dirty);
        return stage;
    }
}
