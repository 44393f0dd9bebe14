package io.postdesk.bench;

import io.postdesk.bench.UiProbePulses.Step;
import io.postdesk.model.PostRow;
import io.postdesk.model.PublishedFilter;
import io.postdesk.model.UserRow;
import io.postdesk.ui.common.FirstPaint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Pane;
import javafx.util.Duration;

/**
 * What the probe does in the window once the first page is there, as a user would: search, page,
 * sort, filter, switch to the users and back, open a post. Every step works on the real controls,
 * found by their fx:id, on the FX thread, and is done when the screen shows its result (rows of the
 * new query, the count settled, the detail loaded), never after a fixed time.
 */
final class UiProbeScenarios {
    /** Between two keys: a quick typist, and well under the search box's 250 ms pause. */
    private static final Duration KEY_INTERVAL = Duration.millis(80);
    static final int NEXT_PAGES = 5;

    private final String commonWord;
    private final String rareWord;
    /*
     * The controls, found once: a step's condition is checked on every pulse, on the FX thread, and
     * a lookup walks the whole scene (some thousand nodes), which took the probe itself several
     * milliseconds of each pulse it was measuring.
     */
    private final TabPane tabs;
    private final Parent postsView;
    private final Parent usersView;
    private final TableView<PostRow> postsTable;
    private final TableView<UserRow> usersTable;
    private final TableView<PostRow> userPostsTable;
    private final Label userPostsTitle;
    private final TextField searchField;
    private final Pane postChips;
    private final Labeled countLabel;
    private final Labeled pageLabel;
    private final Labeled overlayMessage;
    private int postChanges;
    private int userPostChanges;

    @SuppressWarnings("unchecked")
    UiProbeScenarios(Scene scene, String commonWord, String rareWord) {
        this.commonWord = commonWord;
        this.rareWord = rareWord;
        tabs = node(scene.getRoot(), "#views", TabPane.class);
        postsView = node(scene.getRoot(), "#postsView", Parent.class);
        usersView = node(scene.getRoot(), "#usersView", Parent.class);
        postsTable = node(postsView, "#postsTable", TableView.class);
        usersTable = node(usersView, "#usersTable", TableView.class);
        userPostsTable = node(usersView, "#userPostsTable", TableView.class);
        userPostsTitle = node(usersView, "#userPostsTitle", Label.class);
        searchField = node(postsView, "#searchField", TextField.class);
        postChips = node(postsView, "#postChips", Pane.class);
        countLabel = node(postsView, ".paging-bar .count-label", Labeled.class);
        pageLabel = node(postsView, ".paging-bar .page-label", Labeled.class);
        overlayMessage = node(postsView, "#overlayMessage", Labeled.class);
        postsTable.getItems().addListener((javafx.collections.ListChangeListener<PostRow>) change -> postChanges++);
        userPostsTable.getItems().addListener((javafx.collections.ListChangeListener<PostRow>) change -> userPostChanges++);
    }

    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("search-common", () -> search(commonWord)));
        steps.add(new Step("search-rare", () -> search(rareWord)));
        steps.add(new Step("clear-search", this::clearSearch));
        for (int i = 1; i <= NEXT_PAGES; i++) {
            long page = i + 1;
            steps.add(new Step("next-page-" + i, () -> nextPage(page)));
        }
        steps.add(new Step("last-page", this::lastPage));
        steps.add(new Step("first-page", this::firstPage));
        steps.add(new Step("sort-by-title", this::sortByTitle));
        steps.add(new Step("filter-published", this::filterPublished));
        steps.add(new Step("users-tab", this::usersTab));
        steps.add(new Step("select-user", this::selectUser));
        steps.add(new Step("posts-tab", this::postsTab));
        steps.add(new Step("open-detail", this::openDetail));
        return steps;
    }

    /** The Posts tab in front (the saved state may have opened another): the probe measures the posts view. */
    void showPostsTab() {
        tabs.getSelectionModel().select(tab("posts"));
    }

    // --- the steps: each acts, and returns what says it is done

    private BooleanSupplier search(String word) {
        TextField field = searchField;
        int before = postChanges;
        field.requestFocus();
        field.selectAll(); // typing replaces the previous search, as after Ctrl+A
        Timeline typing = new Timeline();
        for (int i = 0; i < word.length(); i++) {
            String character = word.substring(i, i + 1);
            typing.getKeyFrames().add(new KeyFrame(KEY_INTERVAL.multiply(i), event -> Event.fireEvent(field,
                    new KeyEvent(KeyEvent.KEY_TYPED, character, "", KeyCode.UNDEFINED, false, false, false, false))));
        }
        typing.play();
        String chip = "Contains \"" + word + "\"";
        return () -> chips().equals(List.of(chip)) && newRowsOrEmpty(before) && countSettled();
    }

    private BooleanSupplier clearSearch() {
        int before = postChanges;
        node(postChips, ".chip-remove", Button.class).fire();
        return () -> chips().isEmpty() && postChanges > before && countSettled();
    }

    private BooleanSupplier nextPage(long page) {
        Button next = pagingButton("#nextButton");
        if (next.isDisabled()) {
            throw new IllegalStateException("there is no page " + page + " of posts to step to (too few posts)");
        }
        int before = postChanges;
        next.fire();
        return () -> postChanges > before && pageLabel().startsWith("Page " + page + " ");
    }

    private BooleanSupplier lastPage() {
        int before = postChanges;
        Button last = pagingButton("#lastButton");
        last.fire();
        return () -> postChanges > before && last.isDisabled();
    }

    private BooleanSupplier firstPage() {
        int before = postChanges;
        Button first = pagingButton("#firstButton");
        first.fire();
        return () -> postChanges > before && pageLabel().startsWith("Page 1 ") && first.isDisabled();
    }

    /** As a click on the Title header: the column first in the sort order, ascending. */
    private BooleanSupplier sortByTitle() {
        TableView<PostRow> table = postsTable;
        TableColumn<PostRow, ?> title = table.getColumns().stream().filter(column -> "title".equals(column.getId()))
                .findFirst().orElseThrow(() -> new IllegalStateException("the posts table has no title column"));
        int before = postChanges;
        title.setSortType(TableColumn.SortType.ASCENDING);
        table.getSortOrder().setAll(List.of(title));
        return () -> postChanges > before && countSettled();
    }

    private BooleanSupplier filterPublished() {
        @SuppressWarnings("unchecked")
        ComboBox<PublishedFilter> published = node(postsView, "#publishedBox", ComboBox.class);
        int before = postChanges;
        published.getSelectionModel().select(PublishedFilter.PUBLISHED);
        return () -> chips().equals(List.of("Published")) && postChanges > before && countSettled()
                && postsTable.getItems().stream().allMatch(PostRow::published);
    }

    private BooleanSupplier usersTab() {
        tabs.getSelectionModel().select(tab("users"));
        return () -> showsFirstRow(usersTable);
    }

    /** The user with the most posts on the page, so there is something to load. */
    private BooleanSupplier selectUser() {
        TableView<UserRow> users = usersTable;
        UserRow user = users.getItems().stream().max(Comparator.comparingLong(UserRow::allPosts))
                .orElseThrow(() -> new IllegalStateException("the users table is empty"));
        int before = userPostChanges;
        users.getSelectionModel().clearAndSelect(users.getItems().indexOf(user));
        return () -> userPostsTitle.getText().startsWith("Posts by " + user.username() + ": ")
                && (user.allPosts() == 0 || userPostChanges > before && showsFirstRow(userPostsTable));
    }

    private BooleanSupplier postsTab() {
        tabs.getSelectionModel().select(tab("posts"));
        return () -> showsFirstRow(postsTable);
    }

    /** Selecting a row shows the whole post beside the table. */
    private BooleanSupplier openDetail() {
        TableView<PostRow> table = postsTable;
        if (table.getItems().isEmpty()) {
            throw new IllegalStateException("no post to open");
        }
        PostRow row = table.getItems().get(0);
        table.getSelectionModel().clearAndSelect(0);
        Labeled title = node(postsView, "#detailTitle", Labeled.class);
        Node content = node(postsView, "#detailContent", Node.class);
        return () -> title.getText().equals(row.title()) && content.isVisible();
    }

    // --- what the screen shows

    /** New rows, or the "No posts match" message of an empty result. */
    private boolean newRowsOrEmpty(int before) {
        if (postChanges > before) {
            return true;
        }
        return postsTable.getItems().isEmpty() && overlayMessage.isVisible()
                && overlayMessage.getText().startsWith("No posts");
    }

    /** The count of the current query is shown (not "Counting…"). */
    private boolean countSettled() {
        String count = countLabel.getText();
        return !count.isEmpty() && !count.startsWith("Counting");
    }

    private String pageLabel() {
        return pageLabel.getText();
    }

    /** The active filters' texts: each chip is a box with its label and its × button. */
    private List<String> chips() {
        List<String> texts = new ArrayList<>();
        for (Node chip : postChips.getChildren()) {
            if (chip.getStyleClass().contains("chip") && chip instanceof Parent box) {
                for (Node part : box.getChildrenUnmodifiable()) {
                    if (part instanceof Label label) {
                        texts.add(label.getText());
                    }
                }
            }
        }
        return texts;
    }

    private static boolean showsFirstRow(TableView<?> table) {
        return FirstPaint.showsFirstRow(table);
    }

    // --- finding the controls (once, in the constructor; the paging buttons are few and near)

    TableView<PostRow> postsTable() {
        return postsTable;
    }

    private Button pagingButton(String id) {
        return node(postsView, ".paging-bar " + id, Button.class);
    }

    private Tab tab(String id) {
        return tabs.getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no tab " + id));
    }

    private static <T> T node(Node root, String selector, Class<T> type) {
        Node found = root.lookup(selector);
        if (!type.isInstance(found)) {
            throw new IllegalStateException("no " + type.getSimpleName() + " " + selector + " in the window");
        }
        return type.cast(found);
    }
}
