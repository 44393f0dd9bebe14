package io.postdesk.ui;

import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.Tasks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help > Keyboard shortcuts and Help > About: what PostDesk is, where it keeps things, what it runs on. */
public final class HelpDialogs {
    /** Keys that act without a menu item: the forms', the tables' and the focus's own. */
    private static final String[][] OTHER_KEYS = {
            {"Ctrl+S", "Save (in a form)"},
            {"Enter", "Open the selected row (in a table)"},
            {"Page Up / Page Down", "Previous / next page (in a table)"},
            {"Tab / Shift+Tab", "Next / previous control"},
            {"Escape", "Close a form or dialog"},
    };

    private final Supplier<Window> owner;
    private final Tasks tasks;
    private final Supplier<Callable<String>> serverVersion;
    private final Supplier<String> database;
    private final Path dataFolder;

    /**
     * @param serverVersion gives the query for the server's version (run on the background executor),
     *                      or throws when no database is open
     * @param database      the database target as shown in the status bar (never with a password)
     */
    public HelpDialogs(Supplier<Window> owner, Tasks tasks, Supplier<Callable<String>> serverVersion, Supplier<String> database,
                       Path dataFolder) {
        this.owner = owner;
        this.tasks = tasks;
        this.serverVersion = serverVersion;
        this.database = database;
        this.dataFolder = dataFolder;
    }

    /** Every menu item with a shortcut, read from the menu bar itself so the list cannot go stale. */
    public void showShortcuts(MenuBar menus) {
        GridPane grid = grid();
        int row = 0;
        for (Menu menu : menus.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (item.getAccelerator() != null) {
                    grid.addRow(row++, label(item.getAccelerator().getDisplayText()),
                            label(menu.getText().replace("_", "") + " › " + item.getText().replace("_", "")));
                }
            }
        }
        for (String[] key : OTHER_KEYS) {
            grid.addRow(row++, label(key[0]), label(key[1]));
        }
        Alert alert = dialog("Keyboard shortcuts", grid);
        alert.getDialogPane().setId("shortcutsDialog");
        alert.show();
    }

    public void showAbout() {
        Label server = label("Reading…");
        server.setId("aboutServer");
        GridPane grid = grid();
        grid.addRow(0, label("Version"), idLabel("aboutVersion", version()));
        grid.addRow(1, label("Database"), idLabel("aboutDatabase", database.get()));
        grid.addRow(2, label("Server"), server);
        grid.addRow(3, label("Data folder"), idLabel("aboutDataFolder", dataFolder.toString()));
        Alert alert = dialog("About PostDesk", grid);
        alert.getDialogPane().setId("aboutDialog");
        alert.show();
        Callable<String> query;
        try {
            query = serverVersion.get();
        } catch (IllegalStateException notOpen) {
            server.setText(notOpen.getMessage());
            return;
        }
        tasks.run("Reading the server version", query)
                .onSuccess(version -> server.setText("PostgreSQL " + version))
                .onError(server::setText)
                .start();
    }

    /** From the jar's manifest or Maven's pom.properties in it; a build from the sources has neither. */
    static String version() {
        String manifest = HelpDialogs.class.getPackage().getImplementationVersion();
        if (manifest != null) {
            return manifest;
        }
        try (InputStream in = HelpDialogs.class.getResourceAsStream("/META-INF/maven/io.postdesk/postdesk/pom.properties")) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                return pom.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: not packaged
        }
        return "development build (not packaged)";
    }

    private Alert dialog(String title, GridPane content) {
        Alert alert = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        Window window = owner.get();
        alert.initOwner(window);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Dialogs.themed(alert.getDialogPane(), window);
        alert.getDialogPane().setContent(content);
        return alert;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        return grid;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMnemonicParsing(false);
        return label;
    }

    private static Label idLabel(String id, String text) {
        Label label = label(text);
        label.setId(id);
        label.setWrapText(true);
        label.setMaxWidth(420);
        return label;
    }
}
