package io.postdesk.ui;

import io.postdesk.model.Health;
import io.postdesk.ui.common.UiState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.StatusBar;

/**
 * The window's frame: the menu bar, the views in tabs, and the status bar with the database and
 * its health. The menu acts on the view on top through {@link ViewCommands}; what it cannot ask a
 * view for (Find, Copy) it does with the view's own controls, see {@link ViewKeys}.
 */
public final class MainController {
    private final AppState state;
    private final Navigator navigator;
    private final UiState uiState;
    private final WindowActions window;

    @FXML
    private BorderPane root;
    @FXML
    private MenuBar menuBar;
    @FXML
    private TabPane views;
    @FXML
    private Tab postsTab;
    @FXML
    private Tab usersTab;
    @FXML
    private Tab historyTab;
    @FXML
    private ViewCommands postsController;
    @FXML
    private ViewCommands usersController;
    @FXML
    private ViewCommands historyController;
    @FXML
    private Tab diagnosticsTab;
    @FXML
    private ViewCommands diagnosticsController;
    @FXML
    private MenuItem newItem;
    @FXML
    private MenuItem editItem;
    @FXML
    private MenuItem deleteItem;
    @FXML
    private MenuItem importItem;
    @FXML
    private MenuItem exportItem;
    @FXML
    private StatusBar statusBar;
    @FXML
    private Label databaseLabel;
    @FXML
    private Label healthLabel;

    private Map<Tab, ViewCommands> commandsByTab;
    private ObjectBinding<ViewCommands> current;
    private ViewKeys keys;

    /** What the window itself does for the menu: quitting (with its question) and the About box. */
    public interface WindowActions {
        void quit();

        void showAbout();

        /** File › Schema version: the version, going to another, uninstalling. */
        void showSchema();

        void showShortcuts(MenuBar menus);

        /** File > Connect…: the saved connections, to switch to another database. */
        void showConnections();
    }

    public MainController(AppState state, Navigator navigator, UiState uiState, WindowActions window) {
        this.state = state;
        this.navigator = navigator;
        this.uiState = uiState;
        this.window = window;
    }

    @FXML
    private void initialize() {
        databaseLabel.textProperty().bind(state.databaseNameProperty());
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

        commandsByTab = Map.of(postsTab, postsController, usersTab, usersController, historyTab, historyController,
                diagnosticsTab, diagnosticsController);
        current = Bindings.createObjectBinding(() -> commandsByTab.get(views.getSelectionModel().getSelectedItem()),
                views.getSelectionModel().selectedItemProperty());
        newItem.disableProperty().bind(disabledWhile(ViewCommands::newDisabled));
        editItem.disableProperty().bind(disabledWhile(ViewCommands::editDisabled));
        deleteItem.disableProperty().bind(disabledWhile(ViewCommands::deleteDisabled));
        keys = new ViewKeys(views);
        importItem.disableProperty().bind(disabledWhile(ViewCommands::importDisabled));
        exportItem.disableProperty().bind(disabledWhile(ViewCommands::exportDisabled));
    }

    /** True while the view on top says the action is not possible there. */
    private BooleanBinding disabledWhile(Function<ViewCommands, ObservableBooleanValue> action) {
        List<ObservableBooleanValue> all = commandsByTab.values().stream().map(action).toList();
        javafx.beans.Observable[] dependencies = new javafx.beans.Observable[all.size() + 1];
        dependencies[0] = current;
        for (int i = 0; i < all.size(); i++) {
            dependencies[i + 1] = all.get(i);
        }
        return Bindings.createBooleanBinding(() -> current.get() == null || action.apply(current.get()).get(),
                dependencies);
    }

    @FXML
    private void newRecord() {
        current.get().newRecord();
    }

    @FXML
    private void editSelected() {
        current.get().editSelected();
    }

    @FXML
    private void deleteSelected() {
        current.get().deleteSelected();
    }

    @FXML
    private void refresh() {
        current.get().refresh();
    }

    @FXML
    private void importRows() {
        current.get().importRows();
    }

    @FXML
    private void exportRows() {
        current.get().exportRows();
    }

    @FXML
    private void copy() {
        keys.copy();
    }

    /** Ctrl+F: the search box of the view on top. */
    @FXML
    private void find() {
        Node content = views.getSelectionModel().getSelectedItem().getContent();
        Node search = content.lookup(".search-field");
        if (search == null) {
            search = content.lookup(".text-field"); // History: its first filter field
        }
        if (search != null) {
            search.requestFocus();
        }
    }

    @FXML
    private void showConnections() {
        window.showConnections();
    }

    @FXML
    private void quit() {
        window.quit();
    }

    @FXML
    private void showPosts() {
        views.getSelectionModel().select(postsTab);
    }

    @FXML
    private void showUsers() {
        views.getSelectionModel().select(usersTab);
    }

    @FXML
    private void showHistory() {
        views.getSelectionModel().select(historyTab);
    }

    @FXML
    private void showDiagnostics() {
        views.getSelectionModel().select(diagnosticsTab);
    }

    @FXML
    private void nextView() {
        int count = views.getTabs().size();
        views.getSelectionModel().select((views.getSelectionModel().getSelectedIndex() + 1) % count);
    }

    @FXML
    private void previousView() {
        int count = views.getTabs().size();
        views.getSelectionModel().select((views.getSelectionModel().getSelectedIndex() + count - 1) % count);
    }

    @FXML
    private void showShortcuts() {
        window.showShortcuts(menuBar);
    }

    @FXML
    private void showSchema() {
        window.showSchema();
    }

    @FXML
    private void showAbout() {
        window.showAbout();
    }

    private void showConnection(ConnectionStatus status) {
        if (status instanceof ConnectionStatus.Working working) {
            statusBar.setText(working.step());
        } else if (status instanceof ConnectionStatus.Ready ready) {
            String readiness = ready.workspace().readOnly() ? "Read-only: nothing can be changed" : "Ready";
            statusBar.setText(ready.notice() == null ? readiness : ready.notice() + " " + readiness);
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
                // Short enough to leave the database name and health beside it; the disabled
                // buttons' tooltips say why nothing can be changed.
                statusBar.setText("The connection to the database was lost; PostDesk reconnects by itself."
                        + " Open forms keep what you typed.");
            }
            healthLabel.setText("● Unreachable");
            healthLabel.getStyleClass().add("health-down");
            healthLabel.setTooltip(new Tooltip(health.problem()));
        }
    }
}
