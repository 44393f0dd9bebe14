package io.postdesk.ui;

import io.postdesk.ui.common.TableKeys;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * The menu's action that {@link ViewCommands} does not cover, done with the view's own controls:
 * Copy copies the focused text or the selected rows of the view's table.
 */
final class ViewKeys {
    private final TabPane views;

    ViewKeys(TabPane views) {
        this.views = views;
    }

    /** Ctrl+C from the menu: the focused field's selected text, else the selected rows of the view's table. */
    void copy() {
        Scene scene = views.getScene();
        Node focused = scene == null ? null : scene.getFocusOwner();
        if (focused instanceof TextInputControl text) {
            text.copy();
            return;
        }
        TableView<?> table = focused instanceof TableView<?> focusedTable ? focusedTable : viewTable();
        if (table != null && !table.getSelectionModel().isEmpty()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(TableKeys.selectionAsText(table));
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    /** The main table of the view on top: the first table in its content. */
    private TableView<?> viewTable() {
        Tab tab = views.getSelectionModel().getSelectedItem();
        Node table = tab == null || tab.getContent() == null ? null : tab.getContent().lookup(".table-view");
        return table instanceof TableView<?> found ? found : null;
    }
}
