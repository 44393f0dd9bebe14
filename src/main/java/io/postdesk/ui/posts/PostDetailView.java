package io.postdesk.ui.posts;

import io.postdesk.model.PostDetail;
import io.postdesk.service.Workspace;
import io.postdesk.ui.common.Cells;
import io.postdesk.ui.common.Tasks;
import java.util.UUID;
import javafx.concurrent.Task;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;

/** The detail pane: the whole post, loaded in the background when a row is selected. */
final class PostDetailView {
    private final Tasks tasks;
    private final Label title;
    private final Label badge;
    private final Label meta;
    private final TextArea content;
    private Task<?> running;
    private UUID shown;
    private Workspace workspace;
    private io.postdesk.ui.common.WaitDisplay waits;
    private final javafx.beans.property.BooleanProperty showing = new javafx.beans.property.SimpleBooleanProperty();

    PostDetailView(Tasks tasks, Label title, Label badge, Label meta, TextArea content) {
        this.tasks = tasks;
        this.title = title;
        this.badge = badge;
        this.meta = meta;
        this.content = content;
        badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        clear(null);
    }

    /** Where a load that waits for a lock says so, with Cancel (the view's overlay). */
    void showWaitsIn(io.postdesk.ui.common.WaitDisplay display) {
        this.waits = display;
    }

    void load(Workspace workspace, UUID postId) {
        if (workspace == null || postId.equals(shown)) {
            return;
        }
        if (running != null) {
            running.cancel();
        }
        shown = postId;
        this.workspace = workspace;
        running = tasks.run("Loading the post", () -> workspace.posts().detail(postId))
                .showWaitsIn(waits)
                .onSuccess(found -> found.ifPresentOrElse(this::show,
                        () -> clear("This post no longer exists; someone deleted it.")))
                .onError(message -> {
                    shown = null;
                    clear(message);
                })
                .start();
    }

    /** Reads the shown post again (after an edit, or F5), if one is shown. */
    void reload() {
        UUID was = shown;
        shown = null;
        if (was != null && workspace != null) {
            load(workspace, was);
        }
    }

    UUID shownId() {
        return showing.get() ? shown : null;
    }

    javafx.beans.binding.BooleanExpression showingProperty() {
        return showing;
    }

    void clear(String message) {
        shown = null;
        showing.set(false);
        title.setText(message == null ? "Select a post to read it here." : message);
        badge.setText("");
        badge.getStyleClass().setAll("label");
        meta.setText("");
        content.clear();
        content.setVisible(false);
    }

    void focus() {
        if (content.isVisible()) {
            content.requestFocus();
        }
    }

    private void show(PostDetail post) {
        showing.set(true);
        title.setText(post.title());
        badge.setText(post.published() ? "Published" : "Draft");
        badge.getStyleClass().setAll("label", "badge", post.published() ? "badge-published" : "badge-draft");
        meta.setText("by " + post.author() + " · " + unbroken("created " + Cells.formatTimestamp(post.createdAt()))
                + " · " + unbroken("updated " + Cells.formatTimestamp(post.updatedAt())));
        content.setText(post.content());
        content.setVisible(true);
        content.positionCaret(0);
        content.setScrollTop(0);
    }

    /** No line break inside: the meta line wrapped between a date and its time ("2026-12-06" / "23:32"). */
    static String unbroken(String words) {
        return words.replace(' ', '\u00a0');
    }
}
