package io.postdesk.ui;

import io.postdesk.model.Health;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import org.controlsfx.control.StatusBar;

/** The window's frame: the two views in tabs and the status bar with the database and its health. */
public final class MainController {
    private final AppState state;

    @FXML
    private StatusBar statusBar;
    @FXML
    private Label databaseLabel;
    @FXML
    private Label healthLabel;

    public MainController(AppState state) {
        this.state = state;
    }

    @FXML
    private void initialize() {
        databaseLabel.setText(state.databaseName());
        state.connectionProperty().addListener((obs, old, status) -> showConnection(status));
        state.healthProperty().addListener((obs, old, health) -> showHealth(health));
        showConnection(state.connection());
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
            healthLabel.setTooltip(new javafx.scene.control.Tooltip(health.problem()));
        }
    }
}
