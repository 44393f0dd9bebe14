package io.postdesk.ui.common;

import io.postdesk.service.Workspace;
import io.postdesk.ui.AppState;
import io.postdesk.ui.ConnectionStatus;
import io.postdesk.ui.Connector;
import java.util.List;
import java.util.function.Function;
import javafx.concurrent.Task;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;

/**
 * Fills a table from the workspace whenever the connection becomes ready, on the background
 * executor, with the overlay showing loading, failure (with Retry) or an empty result.
 */
public final class TableFeeder<R> {
    private final Tasks tasks;
    private final Connector connector;
    private final TableView<R> table;
    private final String what;
    private final Function<Workspace, List<R>> query;
    private final String emptyText;
    private final LoadingOverlay overlay;
    private Task<List<R>> running;
    private Workspace workspace;

    public TableFeeder(AppState state, Tasks tasks, Connector connector, StackPane tableArea, TableView<R> table,
                       String what, Function<Workspace, List<R>> query, String emptyText) {
        this.tasks = tasks;
        this.connector = connector;
        this.table = table;
        this.what = what;
        this.query = query;
        this.emptyText = emptyText;
        this.overlay = LoadingOverlay.over(tableArea);
        state.connectionProperty().addListener((obs, old, status) -> follow(status));
        follow(state.connection());
    }

    private void follow(ConnectionStatus status) {
        if (status instanceof ConnectionStatus.Ready ready) {
            workspace = ready.workspace();
            reload();
        } else if (status instanceof ConnectionStatus.Working working) {
            overlay.showLoading(working.step());
        } else if (status instanceof ConnectionStatus.Failed failed) {
            table.getItems().clear();
            overlay.showError(failed.message(), "Retry", connector::retry);
        }
    }

    /** Loads the rows again; a load still running is cancelled first. */
    public void reload() {
        if (running != null) {
            running.cancel();
        }
        overlay.showLoading("Loading " + what + "…");
        Workspace current = workspace;
        running = tasks.run("Loading " + what, () -> query.apply(current))
                .onSuccess(rows -> {
                    table.getItems().setAll(rows);
                    if (rows.isEmpty()) {
                        overlay.showEmpty(emptyText);
                    } else {
                        overlay.hide();
                    }
                })
                .onError(message -> overlay.showError(message, "Retry", this::reload))
                .start();
    }
}
