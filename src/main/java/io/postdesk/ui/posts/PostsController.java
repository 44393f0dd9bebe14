package io.postdesk.ui.posts;

import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.PublishedFilter;
import io.postdesk.service.Workspace;
import io.postdesk.ui.AppState;
import io.postdesk.ui.Connector;
import io.postdesk.ui.Navigator;
import io.postdesk.ui.ViewCommands;
import io.postdesk.ui.common.ActionGuard;
import io.postdesk.ui.common.AuthorPicker;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.csv.ExportActions;
import io.postdesk.ui.csv.ImportActions;
import io.postdesk.ui.edit.Forms;
import io.postdesk.ui.common.Cells;
import io.postdesk.ui.common.DateRangePickers;
import io.postdesk.ui.common.FilterChips;
import io.postdesk.ui.common.PageSource;
import io.postdesk.ui.common.PagingBarController;
import io.postdesk.ui.common.TableKeys;
import io.postdesk.ui.common.TableLayout;
import io.postdesk.ui.common.Tasks;
import io.postdesk.ui.common.UiState;
import io.postdesk.ui.common.BrowseTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.DatePicker;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/** The posts view: search, filters, the table sorted and paged in the database, and the detail pane. */
public final class PostsController implements ViewCommands {
    private final AppState state;
    private final Tasks tasks;
    private final Connector connector;
    private final Navigator navigator;
    private final UiState uiState;

    @FXML
    private javafx.scene.layout.BorderPane view;
    @FXML
    private TextField searchField;
    @FXML
    private ComboBox<PublishedFilter> publishedBox;
    @FXML
    private TextField authorField;
    @FXML
    private DatePicker fromPicker;
    @FXML
    private DatePicker toPicker;
    @FXML
    private FlowPane chipsPane;
    @FXML
    private SplitPane split;
    @FXML
    private StackPane tableArea;
    @FXML
    private TableView<PostRow> table;
    @FXML
    private TableColumn<PostRow, String> titleColumn;
    @FXML
    private TableColumn<PostRow, String> authorColumn;
    @FXML
    private TableColumn<PostRow, Boolean> publishedColumn;
    @FXML
    private TableColumn<PostRow, Instant> createdColumn;
    @FXML
    private TableColumn<PostRow, Instant> updatedColumn;
    @FXML
    private PagingBarController pagingBarController;
    @FXML
    private Label detailTitle;
    @FXML
    private Label detailBadge;
    @FXML
    private Label detailMeta;
    @FXML
    private TextArea detailContent;

    private BrowseTable<PostRow, PostSort> browser;
    private AuthorPicker authorPicker;
    private FilterChips chips;
    private PostFilter filter = PostFilter.NONE;
    private PostDetailView detail;

    @FXML
    private Button newButton;
    @FXML
    private Button editButton;
    @FXML
    private Button deleteButton;
    @FXML
    private Button detailEditButton;
    @FXML
    private javafx.scene.control.MenuButton publishMenu;
    @FXML
    private javafx.scene.control.MenuItem publishSelectedItem;
    @FXML
    private javafx.scene.control.MenuItem unpublishSelectedItem;
    private BulkPublishActions bulk;

    private final Forms forms;
    private final Dialogs dialogs;
    private final ExportActions exports;
    private final ImportActions imports;
    @FXML
    private Button exportButton;
    @FXML
    private Button importButton;

    public PostsController(AppState state, Tasks tasks, Connector connector, Navigator navigator, UiState uiState,
                           Forms forms, Dialogs dialogs, ExportActions exports, ImportActions imports) {
        this.exports = exports;
        this.imports = imports;
        this.forms = forms;
        this.dialogs = dialogs;
        this.state = state;
        this.tasks = tasks;
        this.connector = connector;
        this.navigator = navigator;
        this.uiState = uiState;
    }

    @FXML
    private void initialize() {
        Cells.text(titleColumn, PostRow::title);
        Cells.text(authorColumn, PostRow::author);
        Cells.publishedBadge(publishedColumn, PostRow::published);
        Cells.timestamp(createdColumn, PostRow::createdAt);
        Cells.timestamp(updatedColumn, PostRow::updatedAt);
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);

        browser = new BrowseTable<>(state, tasks, connector, tableArea, table, "posts",
                Map.of(titleColumn, PostSort.Key.TITLE, authorColumn, PostSort.Key.AUTHOR,
                        publishedColumn, PostSort.Key.PUBLISHED, createdColumn, PostSort.Key.CREATED,
                        updatedColumn, PostSort.Key.UPDATED),
                (column, ascending) -> new PostSort((PostSort.Key) column, ascending),
                PostSort.NEWEST_FIRST, createdColumn, this::source);
        browser.onEmpty(this::emptyText, () -> !filter.isEmpty(), this::clearFilters);
        browser.identifyRowsBy(PostRow::id);
        browser.followChanges(state.liveChanges(), "posts");
        pagingBarController.attach(browser.pager(), "posts");
        browser.rememberPageSize(uiState, "posts");
        TableLayout.remember(table, "posts", uiState);
        TableLayout.remember(split, "posts", uiState);
        TableKeys.install(table, browser, this::open);
        TableKeys.refreshOnF5(view, this::refresh);

        detail = new PostDetailView(tasks, detailTitle, detailBadge, detailMeta, detailContent);
        detail.showWaitsIn(browser.waitDisplay());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> showDetail());

        chips = new FilterChips(chipsPane, this::clearFilters);
        io.postdesk.ui.common.SearchBox.install(searchField, text -> apply(filter.withSearch(text)));
        publishedBox.getItems().setAll(PublishedFilter.values());
        publishedBox.setConverter(publishedNames());
        publishedBox.setValue(PublishedFilter.ALL);
        publishedBox.valueProperty().addListener((obs, old, value) -> apply(filter.withPublished(value)));
        authorPicker = new AuthorPicker(authorField, tasks,
                prefix -> browser.workspace().posts().authorsStartingWith(prefix, 10),
                author -> apply(author == null ? filter.withAuthor(null, null)
                        : filter.withAuthor(author.id(), author.username())));
        DateRangePickers.install(fromPicker);
        DateRangePickers.install(toPicker);
        fromPicker.valueProperty().addListener((obs, old, date) -> apply(filter.withCreatedFrom(DateRangePickers.startOf(date))));
        toPicker.valueProperty().addListener((obs, old, date) -> apply(filter.withCreatedBefore(DateRangePickers.endOf(date))));
        navigator.onShowPost(this::showPost);
        chips.show(List.of());
        ActionGuard.guard(newButton, state.rightsProperty(), rights -> rights.whyNot("add", rights.insertPosts(), "posts"),
                ActionGuard.always());
        ActionGuard.guard(importButton, state.rightsProperty(), rights -> rights.whyNot("add", rights.insertPosts(), "posts"),
                ActionGuard.always());
        ActionGuard.guard(editButton, state.rightsProperty(), rights -> rights.whyNot("change", rights.updatePosts(), "posts"),
                ActionGuard.selected(table, true));
        ActionGuard.guard(deleteButton, state.rightsProperty(), rights -> rights.whyNot("delete", rights.deletePosts(), "posts"),
                ActionGuard.selected(table, false));
        detailEditButton.visibleProperty().bind(detail.showingProperty());
        bulk = new BulkPublishActions(tasks, dialogs, connector, browser::workspace,
                () -> table.getScene().getWindow(), this::afterPublish, browser.waitDisplay());
        ActionGuard.guard(publishMenu, state.rightsProperty(), rights -> rights.whyNot("change", rights.updatePosts(), "posts"),
                ActionGuard.always());
        publishSelectedItem.disableProperty().bind(ActionGuard.selected(table, false).not());
        unpublishSelectedItem.disableProperty().bind(ActionGuard.selected(table, false).not());
        ActionGuard.guard(detailEditButton, state.rightsProperty(),
                rights -> rights.whyNot("change", rights.updatePosts(), "posts"), detail.showingProperty());
    }

    /** Enter or a double-click: the edit form when the role may edit, else the detail pane. */
    private void open(PostRow row) {
        if (state.rights().whyNot("change", state.rights().updatePosts(), "posts") == null) {
            forms.post(browser.workspace(), row.id(), () -> afterSave(row.id(), false));
        } else {
            detail.focus();
        }
    }

    @FXML
    private void newPost() {
        // The form's callback does not carry the new post's id yet; with it, pass it on here.
        forms.post(browser.workspace(), null, (UUID saved) -> afterSave(saved, true));
    }

    @Override
    public void newRecord() {
        if (!newButton.isDisabled()) {
            newPost();
        }
    }

    @FXML
    @Override
    public void editSelected() {
        PostRow row = table.getSelectionModel().getSelectedItem();
        if (row != null && !editButton.isDisabled()) {
            forms.post(browser.workspace(), row.id(), () -> afterSave(row.id(), false));
        }
    }

    @FXML
    private void editShown() {
        UUID shown = detail.shownId();
        if (shown != null) {
            forms.post(browser.workspace(), shown, () -> afterSave(shown, false));
        }
    }

    /** F5: the page, the count and the detail read again; the selection and scroll position stay. */
    @Override
    public void refresh() {
        browser.refresh();
        detail.reload();
    }

    @Override
    public ObservableBooleanValue newDisabled() {
        return newButton.disableProperty();
    }

    @Override
    public ObservableBooleanValue editDisabled() {
        return editButton.disableProperty();
    }

    @Override
    public ObservableBooleanValue deleteDisabled() {
        return deleteButton.disableProperty();
    }

    @Override
    public ObservableBooleanValue importDisabled() {
        return importButton.disabledProperty();
    }

    @Override
    public ObservableBooleanValue exportDisabled() {
        return exportButton.disabledProperty();
    }

    @FXML
    @Override
    public void importRows() {
        if (browser.workspace() != null && !importButton.isDisabled()) {
            imports.chooseAndImport(table.getScene().getWindow(), browser.workspace(),
                    io.postdesk.service.CsvImport.Kind.POSTS, () -> browser.pager().refresh());
        }
    }

    @FXML
    @Override
    public void exportRows() {
        if (browser.workspace() != null && !exportButton.isDisabled()) {
            exports.posts(table.getScene().getWindow(), browser.workspace(), filter, browser.sort());
        }
    }

    @FXML
    @Override
    public void deleteSelected() {
        List<java.util.UUID> ids = table.getSelectionModel().getSelectedItems().stream().map(PostRow::id).toList();
        if (ids.isEmpty() || deleteButton.isDisabled()) {
            return;
        }
        String what = ids.size() == 1 ? "the post \"" + table.getSelectionModel().getSelectedItem().title() + "\""
                : java.text.NumberFormat.getIntegerInstance().format(ids.size()) + " posts";
        if (!dialogs.confirm("Delete " + what + "?", "This cannot be undone.", "Delete")) {
            return;
        }
        io.postdesk.service.Workspace workspace = browser.workspace();
        delete(workspace, ids);
    }

    private void delete(io.postdesk.service.Workspace workspace, List<java.util.UUID> ids) {
        tasks.run("Deleting posts", () -> workspace.postEditing().delete(ids))
                .showWaitsIn(browser.waitDisplay())
                .onSuccess(deleted -> afterDelete(ids.size()))
                .onFailure(error -> {
                    if (io.postdesk.service.ErrorMessages.isLockWait(error)) {
                        if (dialogs.confirmChange("Nothing was deleted", io.postdesk.service.ErrorMessages.describe(error),
                                "Retry")) {
                            delete(workspace, ids);
                        }
                        return;
                    }
                    dialogs.warn(io.postdesk.service.ErrorMessages.nothingDone("Nothing was deleted.", error));
                    connector.writeFailed(error, workspace);
                })
                .start();
    }

    @FXML
    private void publishSelected() {
        bulk.selected(selectedIds(), true);
    }

    @FXML
    private void unpublishSelected() {
        bulk.selected(selectedIds(), false);
    }

    @FXML
    private void publishMatching() {
        bulk.matching(filter, true);
    }

    @FXML
    private void unpublishMatching() {
        bulk.matching(filter, false);
    }

    private List<java.util.UUID> selectedIds() {
        return table.getSelectionModel().getSelectedItems().stream().map(PostRow::id).toList();
    }

    /**
     * After a save in a form: the page again with the saved post selected and shown. A new post
     * sorted newest first is on page 1, so a new one reloads from there; a changed one is looked
     * for on the page where it was. {@code savedId} null: the id is not known, the selection stays.
     */
    private void afterSave(UUID savedId, boolean created) {
        detail.reload();
        if (savedId != null && created) {
            browser.reloadThenSelect(row -> row.id().equals(savedId));
        } else if (savedId != null) {
            browser.refreshThenSelect(savedId);
        } else {
            browser.refresh();
        }
    }

    /** After deleting here: the rows go, a neighbour is selected, and the bar says what happened. */
    private void afterDelete(int count) {
        detail.clear(null); // not "someone deleted it": it was us
        browser.refreshAfterDelete();
        pagingBarController.announce("Deleted " + posts(count));
    }

    /** After a bulk publish: how many changed, and the same rows still selected. */
    private void afterPublish(String whatChanged) {
        pagingBarController.announce(whatChanged);
        refresh();
    }

    private static String posts(long count) {
        return java.text.NumberFormat.getIntegerInstance().format(count) + (count == 1 ? " post" : " posts");
    }

    private PageSource<PostRow> source(Workspace workspace, PostSort sort) {
        PostFilter current = filter;
        return new PageSource<>() {
            @Override
            public io.postdesk.model.Page<PostRow> page(io.postdesk.model.PageRequest request,
                                                        io.postdesk.model.Cancellation cancellation) {
                return workspace.posts().page(current, sort, request, cancellation);
            }

            @Override
            public io.postdesk.model.RowCount count(io.postdesk.model.Cancellation cancellation) {
                return workspace.posts().count(current, cancellation);
            }

            @Override
            public io.postdesk.model.RowCount exactCount(io.postdesk.model.Cancellation cancellation) {
                return workspace.posts().exactCount(current, cancellation);
            }
        };
    }

    private void apply(PostFilter newFilter) {
        if (newFilter.equals(filter)) {
            return;
        }
        filter = newFilter;
        chips.show(activeChips());
        browser.reload();
    }

    private List<FilterChips.Chip> activeChips() {
        List<FilterChips.Chip> active = new ArrayList<>();
        if (filter.search() != null) {
            active.add(new FilterChips.Chip("Contains \"" + filter.search() + "\"", searchField::clear));
        }
        if (filter.published() != PublishedFilter.ALL) {
            active.add(new FilterChips.Chip(filter.published() == PublishedFilter.PUBLISHED ? "Published" : "Drafts",
                    () -> publishedBox.setValue(PublishedFilter.ALL)));
        }
        if (filter.authorId() != null) {
            active.add(new FilterChips.Chip("Author " + filter.authorName(), () -> authorField.clear()));
        }
        if (filter.createdFrom() != null) {
            active.add(new FilterChips.Chip("From " + fromPicker.getValue(), () -> fromPicker.setValue(null)));
        }
        if (filter.createdBefore() != null) {
            active.add(new FilterChips.Chip("To " + toPicker.getValue(), () -> toPicker.setValue(null)));
        }
        return active;
    }

    private String emptyText() {
        if (filter.isEmpty()) {
            return "There are no posts yet.";
        }
        return filter.search() != null ? "No posts match \"" + filter.search() + "\"." : "No posts match these filters.";
    }

    /** Clears every filter at once, with one query. */
    public void clearFilters() {
        PostFilter none = PostFilter.NONE;
        filter = none; // set first so the controls' listeners see no change and start no query each
        searchField.clear();
        publishedBox.setValue(PublishedFilter.ALL);
        authorPicker.show(null);
        fromPicker.setValue(null);
        toPicker.setValue(null);
        chips.show(List.of());
        browser.reload();
    }

    private void showDetail() {
        List<PostRow> selected = table.getSelectionModel().getSelectedItems();
        if (selected.size() == 1) {
            detail.load(browser.workspace(), selected.get(0).id());
        } else {
            detail.clear(selected.isEmpty() ? null : selected.size() + " posts selected.");
        }
    }

    /** From the users view: that author's posts, and the post itself in the detail pane. */
    private void showPost(Navigator.PostTarget target) {
        filter = PostFilter.NONE; // the controls' listeners then see no change and start no query each
        searchField.clear();
        publishedBox.setValue(PublishedFilter.ALL);
        fromPicker.setValue(null);
        toPicker.setValue(null);
        filter = PostFilter.NONE.withAuthor(target.authorId(), target.authorName());
        authorPicker.show(target.authorName());
        chips.show(activeChips());
        browser.reloadThenSelect(row -> row.id().equals(target.postId()));
        detail.load(browser.workspace(), target.postId());
    }

    private static StringConverter<PublishedFilter> publishedNames() {
        return new StringConverter<>() {
            @Override
            public String toString(PublishedFilter value) {
                if (value == null) {
                    return "";
                }
                return switch (value) {
                    case ALL -> "Published and drafts";
                    case PUBLISHED -> "Published only";
                    case DRAFTS -> "Drafts only";
                };
            }

            @Override
            public PublishedFilter fromString(String text) {
                return PublishedFilter.ALL;
            }
        };
    }
}
