package io.postdesk.ui.history;

import io.postdesk.model.AuditEntry;
import io.postdesk.model.AuditFilter;
import io.postdesk.service.Workspace;
import io.postdesk.ui.AppState;
import io.postdesk.ui.ConnectionStatus;
import io.postdesk.ui.Navigator;
import io.postdesk.ui.RefreshOnlyView;
import io.postdesk.ui.common.Cells;
import io.postdesk.ui.common.LoadingOverlay;
import io.postdesk.ui.common.SearchBox;
import io.postdesk.ui.common.Tasks;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;

/** The History view: changes made through PostDesk, newest first, filtered by table, record and who. */
public final class HistoryController implements RefreshOnlyView {
    /** History is read-only: the menu's New, Edit and Delete stay disabled here. */

    static final int LIMIT = 500;
    private static final String ANY_TABLE = "Any table";

    private final AppState state;
    private final Tasks tasks;
    private final Navigator navigator;

    @FXML
    private javafx.scene.Node view;
    @FXML
    private ComboBox<String> tableBox;
    @FXML
    private TextField recordField;
    @FXML
    private TextField whoField;
    @FXML
    private StackPane tableArea;
    @FXML
    private TableView<AuditEntry> table;
    @FXML
    private TableColumn<AuditEntry, Instant> atColumn;
    @FXML
    private TableColumn<AuditEntry, String> whoColumn;
    @FXML
    private TableColumn<AuditEntry, String> tableColumn;
    @FXML
    private TableColumn<AuditEntry, String> actionColumn;
    @FXML
    private TableColumn<AuditEntry, String> recordColumn;
    @FXML
    private TableColumn<AuditEntry, String> changesColumn;

    @FXML
    private javafx.scene.control.TextArea changesDetail;

    private LoadingOverlay overlay;
    private Task<?> running;

    public HistoryController(AppState state, Tasks tasks, Navigator navigator) {
        this.state = state;
        this.tasks = tasks;
        this.navigator = navigator;
    }

    @FXML
    private void initialize() {
        Cells.timestamp(atColumn, AuditEntry::at);
        Cells.text(whoColumn, entry -> entry.desktopUser() + " as " + entry.databaseRole());
        Cells.text(tableColumn, AuditEntry::tableName);
        Cells.text(actionColumn, AuditEntry::action);
        Cells.text(recordColumn, entry -> entry.recordId() == null ? "" : entry.recordId().toString());
        Cells.text(changesColumn, AuditEntry::changes);
        changesColumn.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String changes, boolean empty) {
                super.updateItem(changes, empty);
                setText(empty || changes == null ? null : changes.replace("\n", "; "));
                setTooltip(empty || changes == null ? null : new javafx.scene.control.Tooltip(changes));
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) ->
                changesDetail.setText(entry == null ? "" : entry.changesInFull()));
        overlay = LoadingOverlay.over(tableArea);
        tableBox.getItems().setAll(ANY_TABLE, "users", "posts");
        tableBox.setValue(ANY_TABLE);
        tableBox.valueProperty().addListener((obs, old, value) -> refresh());
        SearchBox.install(recordField, text -> refresh());
        SearchBox.install(whoField, text -> refresh());
        navigator.onShowHistory(this::showRecord);
        io.postdesk.ui.common.TableKeys.refreshOnF5(view, this::refresh);
        state.connectionProperty().addListener((obs, old, status) -> refresh());
    }

    /** A form's "History" link (a record), or the tab being opened (null: the current filters). */
    private void showRecord(UUID recordId) {
        if (recordId != null) {
            recordField.setText(recordId.toString());
        }
        refresh();
    }

    /** The list read again with the current filters; the selected entries stay selected. */
    @FXML
    @Override
    public void refresh() {
        if (!(state.connection() instanceof ConnectionStatus.Ready ready)) {
            return;
        }
        AuditFilter filter;
        try {
            filter = filter();
        } catch (IllegalArgumentException e) {
            table.getItems().clear();
            overlay.showEmpty("A record id looks like 0b5e3c2a-1f7d-4c1e-9a8e-2f6b1c0d9e7a.", null, null);
            return;
        }
        if (running != null) {
            running.cancel();
        }
        Workspace workspace = ready.workspace();
        overlay.showLoading("Loading the history…");
        running = tasks.run("Loading the history", () -> workspace.audit().history(filter, LIMIT))
                .showWaitsIn(overlay)
                .onSuccess(entries -> {
                    Set<Long> selected = table.getSelectionModel().getSelectedItems().stream()
                            .map(AuditEntry::id).collect(Collectors.toSet());
                    table.getItems().setAll(entries);
                    for (AuditEntry entry : entries) {
                        if (selected.contains(entry.id())) {
                            table.getSelectionModel().select(entry);
                        }
                    }
                    if (entries.isEmpty()) {
                        overlay.showEmpty("No changes made through PostDesk match.", null, null);
                    } else {
                        overlay.hide();
                    }
                })
                .onError(message -> overlay.showError(message, "Retry", this::refresh))
                .start();
    }

    private AuditFilter filter() {
        String tableName = ANY_TABLE.equals(tableBox.getValue()) ? null : tableBox.getValue();
        String record = recordField.getText().strip();
        String who = whoField.getText().strip();
        return new AuditFilter(tableName, record.isEmpty() ? null : UUID.fromString(record),
                who.isEmpty() ? null : who);
    }
}
