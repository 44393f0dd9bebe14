package io.postdesk.ui.common;

import io.postdesk.model.Change;
import io.postdesk.service.ChangeWatch;
import io.postdesk.service.Workspace;
import io.postdesk.ui.ConnectionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;

/**
 * Other writers' changes to users and posts, for the open views (issue 15): follows the change
 * feed of the open workspace on a thread of its own ({@link ChangeWatch}) and hands each batch to
 * the listeners of its table on the FX thread. FX thread only, apart from the watch.
 */
public final class LiveChanges {
    private final List<Listener> listeners = new ArrayList<>();
    private Workspace followed;
    private ChangeWatch watch;

    private record Listener(String table, Consumer<List<Change>> changes) {
    }

    public LiveChanges(ObservableValue<ConnectionStatus> connection) {
        connection.addListener((obs, old, status) -> follow(status));
        follow(connection.getValue());
    }

    /**
     * {@code changes} hears the changes others made to {@code table} (users or posts); a list with a
     * null key means "anything may have changed" (a truncate, or changes that were pruned before the
     * window could read them after a long lost connection). Returns what stops it (a form that closes).
     */
    public Runnable onChanges(String table, Consumer<List<Change>> changes) {
        Listener listener = new Listener(table, changes);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void follow(ConnectionStatus status) {
        Workspace workspace = status instanceof ConnectionStatus.Ready ready ? ready.workspace() : null;
        if (workspace == followed) {
            return;
        }
        stop();
        followed = workspace;
        if (workspace != null) {
            watch = ChangeWatch.start(workspace.changes(), batch -> Platform.runLater(() -> deliver(batch)),
                    () -> Platform.runLater(this::lostTrack));
        }
    }

    private void deliver(List<Change> batch) {
        for (Listener listener : List.copyOf(listeners)) {
            List<Change> theirs = batch.stream().filter(change -> change.table().equals(listener.table())).toList();
            if (!theirs.isEmpty()) {
                listener.changes().accept(theirs);
            }
        }
    }

    private void lostTrack() {
        for (Listener listener : List.copyOf(listeners)) {
            listener.changes().accept(List.of(new Change(null, null, listener.table(), "unknown", null, "{}", null)));
        }
    }

    /** Stops following (the window closes, or the workspace is gone). */
    public void stop() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        followed = null;
    }
}
