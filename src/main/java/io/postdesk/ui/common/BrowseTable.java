package io.postdesk.ui.common;

import io.postdesk.model.Page;
import io.postdesk.service.Workspace;
import io.postdesk.ui.AppState;
import io.postdesk.ui.ConnectionStatus;
import io.postdesk.ui.Connector;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
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
    private Predicate<R> selectWhenLoaded;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public BrowseTable(AppState state, Tasks tasks, Connector connector, StackPane tableArea, TableView<R> table,
                       String noun, Map<TableColumn<R, ?>, ?> sortKeys, BiFunction<Object, Boolean, S> sortFactory,
                       S defaultSort, TableColumn<R, ?> defaultColumn, BiFunction<Workspace, S, PageSource<R>> sources) {
        this.table = table;
        this.sortKeys = sortKeys;
        this.sortFactory = sortFactory;
        this.defaultSort = defaultSort;
        this.sources = sources;
        this.sort = defaultSort;
        this.overlay = LoadingOverlay.over(tableArea);
        this.pager = new Pager<>(tasks, noun, this::showPage,
                message -> overlay.showError(message, "Retry", this::retry));
        table.getColumns().forEach(column -> column.setSortable(sortKeys.containsKey(column)));
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
        state.connectionProperty().addListener((obs, old, status) -> follow(status, connector));
        follow(state.connection(), connector);
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

    /** The open workspace, or null while there is none. */
    public Workspace workspace() {
        return workspace;
    }

    /** Starts the query again from page 1 (filters changed). */
    public void reload() {
        if (workspace != null) {
            table.getSelectionModel().clearSelection();
            pager.show(sources.apply(workspace, sort));
        }
    }

    /** Reloads, then selects the first row that matches when the page arrives. */
    public void reloadThenSelect(Predicate<R> row) {
        selectWhenLoaded = row;
        reload();
    }

    public void rememberPageSize(UiState uiState, String key) {
        uiState.get(key + ".pageSize").map(Integer::valueOf)
                .filter(size -> java.util.Arrays.stream(Pager.PAGE_SIZES).anyMatch(allowed -> allowed == size))
                .ifPresent(size -> pager.pageSizeProperty().set(size));
        pager.pageSizeProperty().addListener((obs, old, size) -> uiState.put(key + ".pageSize", size.toString()));
    }

    private void follow(ConnectionStatus status, Connector connector) {
        if (status instanceof ConnectionStatus.Ready ready) {
            workspace = ready.workspace();
            reload();
        } else if (status instanceof ConnectionStatus.Working working) {
            overlay.showLoading(working.step());
        } else if (status instanceof ConnectionStatus.Failed failed) {
            workspace = null;
            pager.cancel();
            table.getItems().clear();
            overlay.showError(failed.message(), "Retry", connector::retry);
        }
    }

    private void retry() {
        pager.refresh();
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
        table.scrollTo(0);
        if (page.rows().isEmpty()) {
            if (filtered.getAsBoolean()) {
                overlay.showEmpty(emptyText.get(), "Clear filters", clearFilters);
            } else {
                overlay.showEmpty(emptyText.get(), null, null);
            }
        } else {
            overlay.hide();
        }
        if (selectWhenLoaded != null) {
            page.rows().stream().filter(selectWhenLoaded).findFirst().ifPresent(row -> {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            });
            selectWhenLoaded = null;
        }
    }
}
