package io.postdesk.ui.common;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;

/**
 * The keyboard of the browse tables: Page Up / Page Down change page (a row stays selected),
 * Enter opens, Ctrl+C copies; and F5 anywhere in the view reads it again.
 */
public final class TableKeys {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private TableKeys() {
    }

    /**
     * @param onOpen what Enter (and a double-click) does with the selected row; may be null
     */
    public static <R> void install(TableView<R> table, BrowseTable<R, ?> browser, java.util.function.Consumer<R> onOpen) {
        table.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.PAGE_DOWN) {
                browser.nextPageKeepingSelection();
                event.consume();
            } else if (event.getCode() == KeyCode.PAGE_UP) {
                browser.previousPageKeepingSelection();
                event.consume();
            } else if (event.getCode() == KeyCode.ENTER && onOpen != null) {
                R selected = table.getSelectionModel().getSelectedItem();
                if (selected != null) {
                    onOpen.accept(selected);
                }
                event.consume();
            } else if (COPY.match(event)) {
                copySelection(table);
                event.consume();
            }
        });
        if (onOpen != null) {
            table.setOnMouseClicked(event -> {
                R selected = table.getSelectionModel().getSelectedItem();
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && selected != null) {
                    onOpen.accept(selected);
                }
            });
        }
    }

    /**
     * F5 in the view reads it again. A handler, not a filter: it runs before the window's menu
     * accelerators and consumes the key, so a menu item with the same F5 does not refresh twice.
     */
    public static void refreshOnF5(Node view, Runnable refresh) {
        view.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.F5 && !event.isShortcutDown() && !event.isAltDown()) {
                refresh.run();
                event.consume();
            }
        });
    }

    /** The selected rows as tab-separated text with a header row, in the columns' current order. */
    public static <R> String selectionAsText(TableView<R> table) {
        List<TableColumn<R, ?>> columns = table.getVisibleLeafColumns();
        StringBuilder text = new StringBuilder(columns.stream().map(TableColumn::getText)
                .map(TableKeys::clean).collect(Collectors.joining("\t")));
        for (R row : table.getSelectionModel().getSelectedItems()) {
            text.append('\n').append(columns.stream()
                    .map(column -> clean(format(column.getCellObservableValue(row) == null
                            ? null : column.getCellObservableValue(row).getValue())))
                    .collect(Collectors.joining("\t")));
        }
        return text.toString();
    }

    private static <R> void copySelection(TableView<R> table) {
        if (table.getSelectionModel().isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(selectionAsText(table));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant instant) {
            return Cells.formatTimestamp(instant);
        }
        if (value instanceof Boolean published) {
            return published ? "Published" : "Draft";
        }
        return value.toString();
    }

    /** Tabs and line breaks inside a value would break the columns; spreadsheets read spaces fine. */
    private static String clean(String value) {
        return value.replace('\t', ' ').replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
