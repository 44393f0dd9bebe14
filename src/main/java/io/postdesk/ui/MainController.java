package io.postdesk.ui;

import io.postdesk.model.Health;
import io.postdesk.ui.common.UiState;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.StatusBar;

/** The window's frame: the views in tabs, Ctrl+F, and the status bar with the database and its health. */
public final class MainController {
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final AppState state;
    private final Navigator navigator;
    private final UiState uiState;

    @FXML
    private BorderPane root;
    @FXML
    private TabPane views;
    @FXML
    private Tab postsTab;
    @FXML
    private Tab historyTab;
    @FXML
    private StatusBar statusBar;
    @FXML
    private Label databaseLabel;
    @FXML
    private Label healthLabel;

    public MainController(AppState state, Navigator navigator, UiState uiState) {
        this.state = state;
        this.navigator = navigator;
        this.uiState = uiState;
    }

    @FXML
    private void initialize() {
        databaseLabel.setText(state.databaseName());
        state.connectionProperty().addListener((obs, old, status) -> showConnection(status));
        state.healthProperty().addListener((obs, old, health) -> showHealth(health));
        showConnection(state.connection());

        uiState.get("view").flatMap(id -> views.getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst())
                .ifPresent(tab -> views.getSelectionModel().select(tab));
        views.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> uiState.put("view", tab.getId()));
        navigator.onShowPost(target -> views.getSelectionModel().select(postsTab));
        navigator.onShowHistory(record -> views.getSelectionModel().select(historyTab));
        historyTab.setOnSelectionChanged(event -> {
            if (historyTab.isSelected()) {
                navigator.showHistory(null); // always the latest changes when the tab opens
            }
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (FIND.match(event)) {
                focusSearch();
                event.consume();
            }
        });
    }

    /** Ctrl+F: the search box of the view on top. */
    private void focusSearch() {
        Node content = views.getSelectionModel().getSelectedItem().getContent();
        Node search = content.lookup(".search-field");
        if (search != null) {
            search.requestFocus();
        }
    }

    private void showConnection(ConnectionStatus status) {
        if (status instanceof ConnectionStatus.Working working) {
            statusBar.setText(working.step());
        } else if (status instanceof ConnectionStatus.Ready ready) {
            statusBar.setText(ready.workspace().readOnly() ? "Read-only: nothing can be changed" : "Ready");
        } else {
            statusBar.setText("Not connected");
        }
    }

    private void showHealth(Health health) {
        healthLabel.getStyleClass().removeAll("health-up", "health-down");
        if (health.reachable()) {
            healthLabel.setText("● Connected · " + Math.max(1, health.latency().toMillis()) + " ms");
            healthLabel.getStyleClass().add("health-up");
            healthLabel.setTooltip(null);
            showConnection(state.connection());
        } else {
            if (state.connection() instanceof ConnectionStatus.Ready) {
                statusBar.setText("The database cannot be reached: the rows shown may be out of date.");
            }
            healthLabel.setText("● Unreachable");
            healthLabel.getStyleClass().add("health-down");
            healthLabel.setTooltip(new Tooltip(health.problem()));
        }
    }
}
