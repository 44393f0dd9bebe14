package io.postdesk.ui.connections;

import io.postdesk.config.ConnectionStore;
import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.PasswordSources;
import io.postdesk.config.PoolSettings;
import io.postdesk.ui.Connector;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.Tasks;
import io.postdesk.ui.common.ViewLoader;
import io.postdesk.ui.edit.OpenForms;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connection dialog over the window and switches the window's database to the choice:
 * open forms with unsaved changes ask first (they belong to the old database and close), then the
 * {@link Connector} closes the old pool and opens the new one, and the views reload as they follow
 * the connection state.
 */
public final class ConnectionSwitch {
    private static final Logger log = LoggerFactory.getLogger(ConnectionSwitch.class);

    private final ConnectionStore store;
    private final PasswordSources passwords;
    private final Tasks tasks;
    private final Dialogs dialogs;
    private final OpenForms openForms;
    private final Connector connector;
    private final PoolSettings basePool;
    private final Path dataFolder;
    private final boolean readOnlyForAll;
    private final Supplier<Window> owner;
    private String current;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public ConnectionSwitch(ConnectionStore store, PasswordSources passwords, Tasks tasks, Dialogs dialogs,
                            OpenForms openForms, Connector connector, PoolSettings basePool,
                            Path dataFolder, boolean readOnlyForAll, Supplier<Window> owner, String current) {
        this.store = store;
        this.passwords = passwords;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.openForms = openForms;
        this.connector = connector;
        this.basePool = basePool;
        this.dataFolder = dataFolder;
        this.readOnlyForAll = readOnlyForAll;
        this.owner = owner;
        this.current = current;
    }

    /** File > Connect…, and at start when there are saved connections; {@code onClose} runs when it closes. */
    public void showDialog(Runnable onClose) {
        showDialog(null, onClose);
    }

    /** At start with {@code --connection NAME}: the dialog connects to that saved connection at once. */
    public void showDialog(String connectAtOnce, Runnable onClose) {
        ConnectionsController controller = new ConnectionsController(store, passwords, tasks, dialogs, current,
                dataFolder, basePool.connectionTimeout(), this::switchTo).connectingAtOnce(connectAtOnce);
        Stage stage = new Stage();
        stage.initOwner(owner.get());
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Connections — PostDesk");
        // connection-form.fxml, included, gets its own controller: the fields of one connection
        Scene scene = new Scene(new ViewLoader(type -> type == ConnectionForm.class ? new ConnectionForm() : controller)
                .load("connections.fxml"));
        scene.getStylesheets().add(Objects.requireNonNull(
                ConnectionSwitch.class.getResource("/styles/postdesk.css")).toExternalForm());
        stage.setScene(scene);
        controller.stage = stage;
        stage.setOnHidden(event -> onClose.run());
        stage.show();
    }

    /** True when the window switches; false when the user kept the unsaved forms. */
    boolean switchTo(Choice choice) {
        int unsaved = openForms.unsaved();
        if (unsaved > 0 && !dialogs.confirm(
                unsaved == 1 ? "A form has unsaved changes." : unsaved + " forms have unsaved changes.",
                "Connecting to " + choice.name() + " closes the open forms. Discard the changes?",
                "Discard and connect")) {
            return false;
        }
        openForms.closeAll();
        log.info("Switching to the connection {}", choice); // Choice.toString never has the password
        current = choice.name();
        if (choice.embedded()) {
            DatabaseTarget.Embedded embedded = new DatabaseTarget.Embedded(dataFolder);
            connector.switchTo(embedded, basePool, readOnlyForAll, embedded.displayName());
        } else {
            var saved = choice.saved();
            connector.switchTo(new DatabaseTarget.Server(saved.url(choice.password()), "the saved connection \""
                    + saved.name() + "\""), saved.pool(basePool), readOnlyForAll || saved.readOnly(),
                    saved.name() + " (" + saved.displayName() + ")");
        }
        return true;
    }

    public String current() {
        return current;
    }
}
