package io.postdesk.ui.users;

import io.postdesk.model.Cancellation;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostRow;
import io.postdesk.model.RowCount;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserSort;
import io.postdesk.service.Workspace;
import io.postdesk.ui.AppState;
import io.postdesk.ui.Connector;
import io.postdesk.ui.Navigator;
import io.postdesk.ui.ViewCommands;
import io.postdesk.service.ErrorMessages;
import io.postdesk.ui.common.ActionGuard;
import io.postdesk.ui.common.BrowseTable;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.csv.ExportActions;
import io.postdesk.ui.csv.ImportActions;
import io.postdesk.ui.edit.Forms;
import java.text.NumberFormat;
import javafx.scene.control.Button;
import io.postdesk.ui.common.Cells;
import io.postdesk.ui.common.DateRangePickers;
import io.postdesk.ui.common.FilterChips;
import io.postdesk.ui.common.PageSource;
import io.postdesk.ui.common.PagingBarController;
import io.postdesk.ui.common.SearchBox;
import io.postdesk.ui.common.TableKeys;
import io.postdesk.ui.common.TableLayout;
import io.postdesk.ui.common.Tasks;
import io.postdesk.ui.common.UiState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;

/** The users view: search and filter, the table with post counts, and the selected user's posts. */
public final class UsersController implements ViewCommands {
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
    private TableView<UserRow> table;
    @FXML
    private TableColumn<UserRow, String> usernameColumn;
    @FXML
    private TableColumn<UserRow, String> emailColumn;
    @FXML
    private TableColumn<UserRow, Instant> createdColumn;
    @FXML
    private TableColumn<UserRow, Instant> updatedColumn;
    @FXML
    private TableColumn<UserRow, String> postsColumn;
    @FXML
    private Label userPostsTitle;
    @FXML
    private TableView<PostRow> userPosts;
    @FXML
    private TableColumn<PostRow, String> postTitleColumn;
    @FXML
    private TableColumn<PostRow, Boolean> postStateColumn;
    @FXML
    private TableColumn<PostRow, Instant> postCreatedColumn;
    @FXML
    private PagingBarController pagingBarController;

    private BrowseTable<UserRow, UserSort> browser;
    private FilterChips chips;
    private UserFilter filter = UserFilter.NONE;
    private UserPostsView postsOfSelected;

    @FXML
    private Button newButton;
    @FXML
    private Button editButton;
    @FXML
    private Button deleteButton;
    @FXML
    private Button detailEditButton;

    private final Forms forms;
    private final Dialogs dialogs;
    private final ExportActions exports;
    private final ImportActions imports;
    @FXML
    private Button exportButton;
    @FXML
    private Button importButton;

    public UsersController(AppState state, Tasks tasks, Connector connector, Navigator navigator, UiState uiState,
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
        Cells.text(usernameColumn, UserRow::username);
        Cells.text(emailColumn, UserRow::email);
        Cells.timestamp(createdColumn, UserRow::createdAt);
        Cells.timestamp(updatedColumn, UserRow::updatedAt);
        Cells.text(postsColumn, row -> row.publishedPosts() + " / " + row.allPosts());
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);

        browser = new BrowseTable<>(state, tasks, connector, tableArea, table, "users",
                Map.of(usernameColumn, UserSort.Key.USERNAME, emailColumn, UserSort.Key.EMAIL,
                        createdColumn, UserSort.Key.CREATED, updatedColumn, UserSort.Key.UPDATED),
                (key, ascending) -> new UserSort((UserSort.Key) key, ascending),
                UserSort.NEWEST_FIRST, createdColumn, this::source);
        browser.onEmpty(this::emptyText, () -> !filter.isEmpty(), this::clearFilters);
        browser.identifyRowsBy(UserRow::id);
        browser.followChanges(state.liveChanges(), "users");
        pagingBarController.attach(browser.pager(), "users");
        browser.rememberPageSize(uiState, "users");
        TableLayout.remember(table, "users", uiState);
        TableLayout.remember(split, "users", uiState);

        Cells.text(postTitleColumn, PostRow::title);
        Cells.publishedBadge(postStateColumn, PostRow::published);
        Cells.timestamp(postCreatedColumn, PostRow::createdAt);
        postsOfSelected = new UserPostsView(tasks, userPostsTitle, userPosts, this::openPost);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> showPostsOfSelected());
        TableKeys.install(table, browser, row -> postsOfSelected.focus());
        TableKeys.refreshOnF5(view, this::refresh);

        chips = new FilterChips(chipsPane, this::clearFilters);
        SearchBox.install(searchField, text -> apply(filter.withSearch(text)));
        DateRangePickers.install(fromPicker);
        DateRangePickers.install(toPicker);
        fromPicker.valueProperty().addListener((obs, old, date) -> apply(filter.withCreatedFrom(DateRangePickers.startOf(date))));
        toPicker.valueProperty().addListener((obs, old, date) -> apply(filter.withCreatedBefore(DateRangePickers.endOf(date))));
        chips.show(List.of());
        ActionGuard.guard(newButton, state.rightsProperty(), rights -> rights.whyNot("add", rights.insertUsers(), "users"),
                ActionGuard.always());
        ActionGuard.guard(importButton, state.rightsProperty(), rights -> rights.whyNot("add", rights.insertUsers(), "users"),
                ActionGuard.always());
        ActionGuard.guard(editButton, state.rightsProperty(), rights -> rights.whyNot("change", rights.updateUsers(), "users"),
                ActionGuard.selected(table, true));
        detailEditButton.visibleProperty().bind(ActionGuard.selected(table, true));
        ActionGuard.guard(detailEditButton, state.rightsProperty(),
                rights -> rights.whyNot("change", rights.updateUsers(), "users"), ActionGuard.selected(table, true));
        ActionGuard.guard(deleteButton, state.rightsProperty(), rights -> rights.whyNot("delete", rights.deleteUsers(), "users"),
                ActionGuard.selected(table, true));
    }

    @FXML
    private void newUser() {
        // The form's callback does not carry the new user's id yet; with it, pass it on here.
        forms.user(browser.workspace(), null, (UUID saved) -> afterSave(saved, true));
    }

    @Override
    public void newRecord() {
        if (!newButton.isDisabled()) {
            newUser();
        }
    }

    @FXML
    @Override
    public void editSelected() {
        UserRow row = table.getSelectionModel().getSelectedItem();
        if (row != null && !editButton.isDisabled()) {
            forms.user(browser.workspace(), row.id(), () -> afterSave(row.id(), false));
        }
    }

    /** F5: the page, the count and the selected user's posts read again; selection and scroll stay. */
    @Override
    public void refresh() {
        browser.refresh();
        showPostsOfSelected();
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
                    io.postdesk.service.CsvImport.Kind.USERS, () -> browser.pager().refresh());
        }
    }

    @FXML
    @Override
    public void exportRows() {
        if (browser.workspace() != null && !exportButton.isDisabled()) {
            exports.users(table.getScene().getWindow(), browser.workspace(), filter, browser.sort());
        }
    }

    /** Says how many posts go with the user before asking; the count is read fresh from the database. */
    @FXML
    @Override
    public void deleteSelected() {
        UserRow user = table.getSelectionModel().getSelectedItem();
        if (user == null || deleteButton.isDisabled()) {
            return;
        }
        Workspace workspace = browser.workspace();
        tasks.run("Counting the user's posts", () -> workspace.userEditing().postCount(user.id()))
                .showWaitsIn(browser.waitDisplay())
                .onSuccess(posts -> confirmDelete(workspace, user, posts))
                .onFailure(error -> dialogs.warn(ErrorMessages.describe(error)))
                .start();
    }

    private void confirmDelete(Workspace workspace, UserRow user, long posts) {
        String question = posts == 0 ? "Delete the user " + user.username() + "?"
                : "Delete the user " + user.username() + " and " + (posts == 1 ? "their post" : "their "
                + NumberFormat.getIntegerInstance().format(posts) + " posts") + "?";
        String details = posts == 0 ? "They have no posts. This cannot be undone."
                : "Their posts are deleted with them. This cannot be undone.";
        if (!dialogs.confirm(question, details, posts == 0 ? "Delete user" : "Delete user and posts")) {
            return;
        }
        delete(workspace, user, posts);
    }

    private void delete(Workspace workspace, UserRow user, long posts) {
        tasks.run("Deleting the user", () -> workspace.userEditing().delete(user.id()))
                .showWaitsIn(browser.waitDisplay())
                .onSuccess(deleted -> {
                    browser.refreshAfterDelete();
                    pagingBarController.announce("Deleted the user " + user.username()
                            + (posts == 0 ? "" : " and " + (posts == 1 ? "their post" : "their "
                            + NumberFormat.getIntegerInstance().format(posts) + " posts")));
                })
                .onFailure(error -> {
                    if (ErrorMessages.isLockWait(error)) {
                        if (dialogs.confirmChange("Nothing was deleted", ErrorMessages.describe(error), "Retry")) {
                            delete(workspace, user, posts);
                        }
                        return;
                    }
                    dialogs.warn(ErrorMessages.nothingDone("Nothing was deleted.", error));
                    connector.writeFailed(error, workspace);
                })
                .start();
    }

    /**
     * After a save in a form: the page again with the saved user selected (their posts shown by
     * the selection). A new user sorted newest first is on page 1, so a new one reloads from
     * there. {@code savedId} null: the id is not known, the selection stays.
     */
    private void afterSave(UUID savedId, boolean created) {
        if (savedId != null && created) {
            browser.reloadThenSelect(row -> row.id().equals(savedId));
        } else if (savedId != null) {
            browser.refreshThenSelect(savedId);
        } else {
            browser.refresh();
        }
    }

    private PageSource<UserRow> source(Workspace workspace, UserSort sort) {
        UserFilter current = filter;
        return new PageSource<>() {
            @Override
            public Page<UserRow> page(PageRequest request, Cancellation cancellation) {
                return workspace.users().page(current, sort, request, cancellation);
            }

            @Override
            public RowCount count(Cancellation cancellation) {
                return workspace.users().count(current, cancellation);
            }

            @Override
            public RowCount exactCount(Cancellation cancellation) {
                return workspace.users().exactCount(current, cancellation);
            }
        };
    }

    private void apply(UserFilter newFilter) {
        if (!newFilter.equals(filter)) {
            filter = newFilter;
            chips.show(activeChips());
            browser.reload();
        }
    }

    private List<FilterChips.Chip> activeChips() {
        List<FilterChips.Chip> active = new ArrayList<>();
        if (filter.search() != null) {
            active.add(new FilterChips.Chip("Contains \"" + filter.search() + "\"", searchField::clear));
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
            return "There are no users yet.";
        }
        return filter.search() != null ? "No users match \"" + filter.search() + "\"." : "No users match these filters.";
    }

    public void clearFilters() {
        filter = UserFilter.NONE; // first, so the controls' listeners start no query each
        searchField.clear();
        fromPicker.setValue(null);
        toPicker.setValue(null);
        chips.show(List.of());
        browser.reload();
    }

    private void showPostsOfSelected() {
        List<UserRow> selected = table.getSelectionModel().getSelectedItems();
        postsOfSelected.show(browser.workspace(), selected.size() == 1 ? selected.get(0) : null, selected.size());
    }

    private void openPost(UserRow user, PostRow post) {
        navigator.showPost(new Navigator.PostTarget(post.id(), user.id(), user.username()));
    }
}
