package io.postdesk.ui.common;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;

/** The keyboard of the tables: Page Up / Page Down change page, Enter opens, Ctrl+C copies. */
public final class TableKeys {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private TableKeys() {
    }

    /**
     * @param onOpen what Enter (and a double-click) does with the selected row; may be null
     */
    public static <R> void install(TableView<R> table, Pager<R> pager, java.util.function.Consumer<R> onOpen) {
        table.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.PAGE_DOWN) {
                pager.next();
                event.consume();
            } else if (event.getCode() == KeyCode.PAGE_UP) {
                pager.previous();
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
