package io.postdesk.ui;

import io.postdesk.ui.common.TableKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * The menu's actions that {@link ViewCommands} does not cover, done with the view's own controls:
 * Import and Export press the view's toolbar button (so its rights and read-only guards apply
 * unchanged), Copy copies the focused text or the selected rows of the view's table.
 */
final class ViewKeys {
    private final TabPane views;

    ViewKeys(TabPane views) {
        this.views = views;
    }

    /**
     * The toolbar button of the view on top for {@code action} ("import", "export"): by the id
     * convention of the views' FXML, e.g. {@code #importPostsButton} on the tab with id "posts".
     */
    private Optional<ButtonBase> button(Tab tab, String action) {
        if (tab == null || tab.getContent() == null || tab.getId() == null) {
            return Optional.empty();
        }
        String view = Character.toUpperCase(tab.getId().charAt(0)) + tab.getId().substring(1);
        return Optional.ofNullable(tab.getContent().lookup("#" + action + view + "Button"))
                .filter(ButtonBase.class::isInstance).map(ButtonBase.class::cast);
    }

    /** True while the view on top has no such button, or has it disabled. */
    BooleanBinding buttonDisabled(String action) {
        List<Observable> dependencies = new ArrayList<>();
        dependencies.add(views.getSelectionModel().selectedItemProperty());
        for (Tab tab : views.getTabs()) {
            button(tab, action).ifPresent(button -> dependencies.add(button.disabledProperty()));
        }
        return Bindings.createBooleanBinding(() -> button(views.getSelectionModel().getSelectedItem(), action)
                .map(ButtonBase::isDisabled).orElse(true), dependencies.toArray(Observable[]::new));
    }

    void fireButton(String action) {
        button(views.getSelectionModel().getSelectedItem(), action).filter(button -> !button.isDisabled())
                .ifPresent(ButtonBase::fire);
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
