package io.postdesk.ui.users;

import io.postdesk.model.PostRow;
import io.postdesk.model.UserRow;
import io.postdesk.service.Workspace;
import io.postdesk.ui.common.Tasks;
import java.util.function.BiConsumer;
import javafx.concurrent.Task;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/** The selected user's posts, newest first, drafts marked; Enter or a double-click opens one. */
final class UserPostsView {
    private final Tasks tasks;
    private final Label title;
    private final TableView<PostRow> posts;
    private UserRow user;
    private Task<?> running;

    UserPostsView(Tasks tasks, Label title, TableView<PostRow> posts, BiConsumer<UserRow, PostRow> open) {
        this.tasks = tasks;
        this.title = title;
        this.posts = posts;
        posts.setOnKeyPressed(event -> {
            PostRow selected = posts.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && selected != null && user != null) {
                open.accept(user, selected);
            }
        });
        posts.setOnMouseClicked(event -> {
            PostRow selected = posts.getSelectionModel().getSelectedItem();
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && selected != null
                    && user != null) {
                open.accept(user, selected);
            }
        });
    }

    /** Shows the posts of {@code selected}; null with a count for none or several selected. */
    void show(Workspace workspace, UserRow selected, int selectedCount) {
        if (running != null) {
            running.cancel();
        }
        user = selected;
        posts.getItems().clear();
        if (selected == null || workspace == null) {
            title.setText(selectedCount > 1 ? selectedCount + " users selected." : "Select a user to see their posts.");
            return;
        }
        title.setText("Posts by " + selected.username() + " (loading…)");
        running = tasks.run("Loading the posts of " + selected.username(), () -> workspace.users().postsOf(selected.id()))
                .onSuccess(rows -> {
                    posts.getItems().setAll(rows);
                    long published = rows.stream().filter(PostRow::published).count();
                    title.setText("Posts by " + selected.username() + ": " + rows.size() + " ("
                            + published + " published, " + (rows.size() - published) + " drafts)");
                })
                .onError(message -> title.setText(message))
                .start();
    }

    void focus() {
        posts.requestFocus();
        if (!posts.getItems().isEmpty() && posts.getSelectionModel().isEmpty()) {
            posts.getSelectionModel().selectFirst();
        }
    }
}
