package io.postdesk.ui.common;

import io.postdesk.model.Page;
import io.postdesk.service.Workspace;
import io.postdesk.ui.AppState;
import io.postdesk.ui.ConnectionStatus;
import io.postdesk.ui.Connector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * A table that browses a query: it follows the connection, sorts in the database when a header
 * is clicked (never just the page), pages with a {@link Pager}, and says what is going on in an
 * overlay: loading (only when it takes a moment), failure with Retry, or an empty result.
 *
 * @param <R> the row record
 * @param <S> the sort record
 */
public final class BrowseTable<R, S> {
    private static final Duration SHOW_LOADING_AFTER = Duration.millis(150);

    private final TableView<R> table;
    private final Map<TableColumn<R, ?>, ?> sortKeys;
    private final BiFunction<Object, Boolean, S> sortFactory;
    private final S defaultSort;
    private final BiFunction<Workspace, S, PageSource<R>> sources;
    private Supplier<String> emptyText = () -> "Nothing here yet.";
    private BooleanSupplier filtered = () -> false;
    private Runnable clearFilters = () -> { };
    private final LoadingOverlay overlay;
    private final Pager<R> pager;
    private final PauseTransition loadingDelay = new PauseTransition(SHOW_LOADING_AFTER);
    private Workspace workspace;
    private S sort;
    /** What to select and where to scroll when the next page arrives; by default the top, nothing selected. */
    private Consumer<List<R>> whenLoaded;
    private Function<R, Object> idOf = row -> row;
    private final Connector connector;
    /** Others' changes not shown yet: "N changes by others - Refresh" (issue 15). */
    private final OthersChanges othersChanges;
    private boolean mouseDown;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public BrowseTable(AppState state, Tasks tasks, Connector connector, StackPane tableArea, TableView<R> table,
                       String noun, Map<TableColumn<R, ?>, ?> sortKeys, BiFunction<Object, Boolean, S> sortFactory,
                       S defaultSort, TableColumn<R, ?> defaultColumn, BiFunction<Workspace, S, PageSource<R>> sources) {
        this.table = table;
        this.connector = connector;
        this.sortKeys = sortKeys;
        this.sortFactory = sortFactory;
        this.defaultSort = defaultSort;
        this.sources = sources;
        this.sort = defaultSort;
        this.overlay = LoadingOverlay.over(tableArea);
        this.pager = new Pager<>(tasks, noun, this::showPage, message -> {
            overlay.showError(message, "Retry", this::retry);
            connector.queryFailed(); // a server that has gone is noticed now (and the built-in one restarted)
        });
        pager.showWaitsIn(overlay);
        table.getColumns().forEach(column -> column.setSortable(sortKeys.containsKey(column)));
        table.setPlaceholder(new javafx.scene.control.Label()); // the overlay says why a table is empty
        defaultColumn.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(defaultColumn);
        table.setSortPolicy(t -> {
            sortChanged();
            return true; // the database sorted the rows; nothing to do here
        });
        loadingDelay.setOnFinished(event -> overlay.showLoading("Loading " + noun + "…"));
        pager.loadingProperty().addListener((obs, old, loading) -> {
            if (loading) {
                loadingDelay.playFromStart();
            } else {
                loadingDelay.stop();
            }
        });
        othersChanges = new OthersChanges(tableArea, this::refresh);
        state.connectionProperty().addListener((obs, old, status) -> follow(status, connector));
        follow(state.connection(), connector);
        table.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, event -> mouseDown = true);
        table.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, event -> mouseDown = false);
    }

    /**
     * Follows other writers' changes to {@code tableName}: those to rows on the page shown are
     * read again in place (selection and scroll kept) unless the user is pressing on the table or
     * a page is loading; the others are counted in "N changes by others - Refresh".
     */
    public void followChanges(LiveChanges changes, String tableName) {
        changes.onChanges(tableName, this::othersChanged);
    }

    private void othersChanged(List<io.postdesk.model.Change> changes) {
        if (workspace == null || !pager.hasSource()) {
            return;
        }
        Set<Object> onPage = table.getItems().stream().map(idOf).collect(Collectors.toSet());
        long elsewhere = changes.stream().filter(change -> change.key() != null && !onPage.contains(change.key())).count();
        boolean shown = changes.stream().anyMatch(change -> change.key() == null || onPage.contains(change.key()));
        if (shown && !mouseDown && !pager.loadingProperty().get()) {
            refresh(); // also brings what was counted: the count goes
        } else {
            othersChanges.add(changes.size());
        }
    }

    /**
     * What an empty result says; when {@code isFiltered}, it offers to clear the filters.
     */
    public void onEmpty(Supplier<String> text, BooleanSupplier isFiltered, Runnable clear) {
        this.emptyText = text;
        this.filtered = isFiltered;
        this.clearFilters = clear;
    }

    /** The order the table shows now (the database's order, chosen by the headers). */
    public S sort() {
        return sort;
    }

    public Pager<R> pager() {
        return pager;
    }

    /** Where other work of the view (delete, publish's count, the detail) shows a lock wait: the table's overlay. */
    public WaitDisplay waitDisplay() {
        return overlay;
    }

    /** The open workspace, or null while there is none. */
    public Workspace workspace() {
        return workspace;
    }

    /** Starts the query again from page 1 (filters changed). */
    public void reload() {
        if (workspace != null) {
            othersChanges.clear();
            whenLoaded = null;
            table.getSelectionModel().clearSelection();
            pager.show(sources.apply(workspace, sort));
        }
    }

    /** Reloads, then selects the first row that matches when the page arrives. */
    public void reloadThenSelect(Predicate<R> row) {
        reload();
        whenLoaded = rows -> select(rows, row);
    }

    /** How rows are told apart across reloads (their id), so a refresh can keep the selection. */
    public void identifyRowsBy(Function<R, Object> id) {
        this.idOf = id;
    }

    /**
     * Reads the page on screen and its count again (F5: others' changes), keeping the selected
     * rows (by id) and the scroll position.
     */
    public void refresh() {
        if (workspace == null || !pager.hasSource()) {
            return;
        }
        Set<Object> selected = table.getSelectionModel().getSelectedItems().stream().map(idOf)
                .collect(Collectors.toSet());
        int top = firstRowOnScreen();
        othersChanges.clear();
        pager.reloadCurrent();
        whenLoaded = rows -> {
            for (R row : rows) {
                if (selected.contains(idOf.apply(row))) {
                    table.getSelectionModel().select(row);
                }
            }
            table.scrollTo(Math.max(0, Math.min(top, rows.size() - 1)));
        };
    }

    /**
     * Reads the page again and selects the row {@code id} if it is on it (after a save), else
     * keeps the selection as it was.
     */
    public void refreshThenSelect(Object id) {
        refresh();
        Consumer<List<R>> keep = whenLoaded;
        whenLoaded = rows -> {
            if (rows.stream().noneMatch(row -> idOf.apply(row).equals(id))) {
                keep.accept(rows);
            } else {
                select(rows, row -> idOf.apply(row).equals(id));
            }
        };
    }

    /**
     * After the selected rows were deleted here: the page again, and the row that took the first
     * deleted row's place selected (or the one above it at the end), so the keyboard carries on.
     */
    public void refreshAfterDelete() {
        if (workspace == null || !pager.hasSource()) {
            return;
        }
        int index = table.getSelectionModel().getSelectedIndices().stream().mapToInt(Integer::intValue)
                .min().orElse(0);
        pager.reloadCurrent();
        whenLoaded = rows -> {
            if (!rows.isEmpty()) {
                int at = Math.min(index, rows.size() - 1);
                table.getSelectionModel().clearAndSelect(at);
                table.scrollTo(Math.max(0, at - 3));
            }
        };
    }

    /** Page Down: the next page with its first row selected; on the last page, its last row. */
    public void nextPageKeepingSelection() {
        if (pager.hasNextProperty().get()) {
            pager.next();
            whenLoaded = rows -> selectAt(rows, 0);
        } else {
            selectAt(table.getItems(), table.getItems().size() - 1);
        }
    }

    /** Page Up: the previous page with its last row selected; on the first page, its first row. */
    public void previousPageKeepingSelection() {
        if (pager.hasPreviousProperty().get()) {
            pager.previous();
            whenLoaded = rows -> selectAt(rows, rows.size() - 1);
        } else {
            selectAt(table.getItems(), 0);
        }
    }

    public void rememberPageSize(UiState uiState, String key) {
        savedPageSize(uiState, key).ifPresent(size -> pager.pageSizeProperty().set(size));
        pager.pageSizeProperty().addListener((obs, old, size) -> uiState.put(key + ".pageSize", size.toString()));
    }

    /** The page size the view {@code key} saved, if it is one of {@link Pager#PAGE_SIZES}. */
    public static java.util.Optional<Integer> savedPageSize(UiState uiState, String key) {
        try {
            return uiState.get(key + ".pageSize").map(Integer::valueOf)
                    .filter(size -> java.util.Arrays.stream(Pager.PAGE_SIZES).anyMatch(allowed -> allowed == size));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private void follow(ConnectionStatus status, Connector connector) {
        if (status instanceof ConnectionStatus.Ready ready) {
            if (ready.workspace() == workspace && pager.hasSource()) {
                refresh(); // the same database back after a lost connection: the same page, selection kept
                return;
            }
            workspace = ready.workspace();
            reload();
        } else if (status instanceof ConnectionStatus.Working working) {
            overlay.showLoading(working.step());
            if (working.cancel() != null) {
                overlay.showWait(working.step(), working.cancel()); // an opening step waits for a lock
            }
        } else if (status instanceof ConnectionStatus.Failed failed) {
            workspace = null;
            pager.cancel();
            table.getItems().clear();
            overlay.showError(failed.message(), "Retry", connector::retry);
        }
    }

    /** Retry after a failed page: the page again, and at once a look whether a lost server is back. */
    private void retry() {
        pager.refresh();
        connector.retry();
    }

    private void sortChanged() {
        S newSort = defaultSort;
        if (!table.getSortOrder().isEmpty()) {
            TableColumn<R, ?> column = table.getSortOrder().get(0);
            newSort = sortFactory.apply(sortKeys.get(column), column.getSortType() == TableColumn.SortType.ASCENDING);
        }
        if (!newSort.equals(sort)) {
            sort = newSort;
            reload();
        }
    }

    private void showPage(Page<R> page) {
        table.getItems().setAll(page.rows());
        Consumer<List<R>> then = whenLoaded;
        whenLoaded = null;
        if (then == null) {
            table.scrollTo(0);
        } else {
            then.accept(table.getItems());
        }
        if (page.rows().isEmpty()) {
            if (filtered.getAsBoolean()) {
                overlay.showEmpty(emptyText.get(), "Clear filters", clearFilters);
            } else {
                overlay.showEmpty(emptyText.get(), null, null);
            }
        } else {
            overlay.hide();
        }
    }

    private void select(List<R> rows, Predicate<R> which) {
        rows.stream().filter(which).findFirst().ifPresent(row -> {
            table.getSelectionModel().clearAndSelect(rows.indexOf(row));
            table.scrollTo(row);
        });
    }

    private void selectAt(List<R> rows, int index) {
        if (index >= 0 && index < rows.size()) {
            table.getSelectionModel().clearAndSelect(index);
            table.getFocusModel().focus(index);
            table.scrollTo(index);
        }
    }

    /** Index of the first row the table shows; 0 before it is laid out. */
    private int firstRowOnScreen() {
        Node flow = table.lookup(".virtual-flow");
        if (flow instanceof VirtualFlow<?> virtualFlow) {
            IndexedCell<?> first = virtualFlow.getFirstVisibleCell();
            return first == null ? 0 : Math.max(0, first.getIndex());
        }
        return 0;
    }
}
