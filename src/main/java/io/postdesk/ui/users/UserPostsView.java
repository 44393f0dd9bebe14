package io.postdesk.ui.users;

import io.postdesk.model.Cancellation;
import io.postdesk.model.Cursor;
import io.postdesk.model.Page;
import io.postdesk.model.PostRow;
import io.postdesk.model.UserPosts;
import io.postdesk.model.UserRow;
import io.postdesk.service.Workspace;
import io.postdesk.ui.common.Tasks;
import java.util.function.BiConsumer;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/**
 * The selected user's posts, newest first, drafts marked; Enter or a double-click opens one. A
 * user may have thousands of posts: the newest {@link #PAGE} come with the counts, and the next
 * page loads when the list is scrolled near its end, so opening a user costs the same whatever
 * they wrote. The order is the database's, so the columns do not sort a partial list.
 */
final class UserPostsView {
    /** Rows per load: a few screens of the pane. */
    static final int PAGE = 100;
    /** Load the next page when the last row on screen is this close to the end of what is loaded. */
    private static final int LOAD_AHEAD = 30;

    private final Tasks tasks;
    private final Label title;
    private final TableView<PostRow> posts;
    /** What the empty list says: pick a user, loading, or that the user has written nothing. */
    private final Label placeholder = new Label();
    /** A load that waits for a lock says so in the placeholder, with Cancel. */
    private final io.postdesk.ui.common.LabelWaitDisplay waits = new io.postdesk.ui.common.LabelWaitDisplay(placeholder);
    private Workspace workspace;
    private UserRow user;
    private Cancellation loading = new Cancellation();
    /** Where the next page starts; null when everything is loaded (or nothing yet). */
    private Cursor next;
    private boolean loadingMore;

    UserPostsView(Tasks tasks, Label title, TableView<PostRow> posts, BiConsumer<UserRow, PostRow> open) {
        this.tasks = tasks;
        this.title = title;
        this.posts = posts;
        posts.getColumns().forEach(column -> column.setSortable(false));
        placeholder.getStyleClass().add("muted");
        placeholder.setId("userPostsPlaceholder");
        placeholder.setWrapText(true);
        posts.setPlaceholder(placeholder);
        placeholder.setText("Select a user to see their posts.");
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
        // Scrolling (wheel, scroll bar, keys) moves the vertical bar; the selection moves with the keys.
        posts.skinProperty().addListener((obs, old, skin) -> followScrollBar());
        followScrollBar();
        posts.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> loadMoreIfNearEnd());
    }

    /** Shows the posts of {@code selected}; null with a count for none or several selected. */
    void show(Workspace current, UserRow selected, int selectedCount) {
        loading.cancel();
        loading = new Cancellation();
        workspace = current;
        user = selected;
        next = null;
        loadingMore = false;
        posts.getItems().clear();
        if (selected == null || current == null) {
            title.setText("Posts");
            placeholder.setText(selectedCount > 1 ? selectedCount + " users selected: select one to see their posts."
                    : "Select a user to see their posts.");
            return;
        }
        title.setText("Posts by " + selected.username() + " (loading…)");
        placeholder.setText("Loading…");
        Cancellation cancellation = loading;
        tasks.run("Loading the posts of " + selected.username(),
                        () -> current.users().postsOf(selected.id(), PAGE, cancellation))
                .showWaitsIn(waits)
                .onSuccess(found -> {
                    if (!cancellation.isCancelled()) {
                        showFirst(selected, found);
                    }
                })
                .onError(message -> {
                    if (!cancellation.isCancelled()) {
                        title.setText("Posts by " + selected.username());
                        placeholder.setText(message);
                    }
                })
                .start();
    }

    void focus() {
        posts.requestFocus();
        if (!posts.getItems().isEmpty() && posts.getSelectionModel().isEmpty()) {
            posts.getSelectionModel().selectFirst();
        }
    }

    private void showFirst(UserRow selected, UserPosts found) {
        title.setText(found.total() == 0 ? "Posts by " + selected.username()
                : "Posts by " + selected.username() + ": " + found.total() + " (" + found.published()
                + " published, " + found.drafts() + " drafts)");
        placeholder.setText("No posts yet.");
        append(found.newest());
    }

    private void append(Page<PostRow> page) {
        posts.getItems().addAll(page.rows());
        next = page.hasNext() ? page.last() : null;
        // A tall pane may show all of it at once, and then no scrolling would ask for more: look
        // again once the next pulse has laid the rows out.
        Scene scene = posts.getScene();
        if (next != null && scene != null) {
            scene.addPostLayoutPulseListener(new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    loadMoreIfNearEnd();
                }
            });
        }
    }

    private void loadMoreIfNearEnd() {
        if (next == null || loadingMore || user == null || lastRowOnScreen() < posts.getItems().size() - LOAD_AHEAD) {
            return;
        }
        loadingMore = true;
        Workspace current = workspace;
        UserRow shown = user;
        Cursor after = next;
        Cancellation cancellation = loading;
        tasks.run("Loading more posts of " + shown.username(),
                        () -> current.users().morePostsOf(shown.id(), PAGE, after, cancellation))
                .showWaitsIn(waits)
                .onSuccess(page -> {
                    if (!cancellation.isCancelled()) {
                        loadingMore = false;
                        append(page);
                    }
                })
                .onError(message -> {
                    if (!cancellation.isCancelled()) {
                        loadingMore = false; // scrolling again tries again
                        title.setText(message);
                    }
                })
                .start();
    }

    /** Index of the last row the table shows; -1 before the table is laid out. */
    private int lastRowOnScreen() {
        Node flow = posts.lookup(".virtual-flow");
        if (flow instanceof VirtualFlow<?> virtualFlow) {
            IndexedCell<?> last = virtualFlow.getLastVisibleCell();
            return last == null ? -1 : last.getIndex();
        }
        return -1;
    }

    private void followScrollBar() {
        if (posts.getSkin() == null) {
            return;
        }
        for (Node node : posts.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                bar.valueProperty().addListener((obs, old, value) -> loadMoreIfNearEnd());
            }
        }
    }
}
