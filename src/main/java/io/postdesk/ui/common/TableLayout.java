package io.postdesk.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.text.Text;

/** Remembers a table's column order and widths, and a split pane's dividers, in {@link UiState}. */
public final class TableLayout {
    /** The sort arrow and its gap beside a sorted column's name. */
    private static final double SORT_ARROW = 16;

    private TableLayout() {
    }

    /**
     * Restores now and saves whenever columns move or resize. Columns are identified by their id.
     * The columns share the table's width (no horizontal scroll bar), each kept above its minimum.
     */
    public static void remember(TableView<?> table, String key, UiState state) {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        keepHeadersWhole(table);
        state.get(key + ".columns").ifPresent(saved -> restore(table, saved));
        Runnable save = () -> state.put(key + ".columns", describe(table));
        table.getColumns().addListener((javafx.collections.ListChangeListener<TableColumn<?, ?>>) change -> save.run());
        table.getColumns().forEach(column -> column.widthProperty().addListener((obs, old, width) -> save.run()));
    }

    /**
     * Keeps every column at least as wide as its name in the header's own font, with room for the
     * sort arrow: the resize policy squeezed "Username" into "Usern…" at 1024x700. Measured once
     * the header exists, as the font comes from the theme's CSS.
     */
    private static void keepHeadersWhole(TableView<?> table) {
        table.skinProperty().addListener((obs, old, skin) -> {
            if (skin != null) {
                Platform.runLater(() -> fitHeaders(table));
            }
        });
    }

    static void fitHeaders(TableView<?> table) {
        table.applyCss();
        for (Node node : table.lookupAll(".column-header")) {
            if (node instanceof TableColumnHeader header && header.getTableColumn() != null
                    && header.lookup(".label") instanceof Label label && label.getText() != null) {
                Text name = new Text(label.getText());
                name.setFont(label.getFont());
                double needed = Math.ceil(name.getLayoutBounds().getWidth() + label.snappedLeftInset()
                        + label.snappedRightInset() + header.snappedLeftInset() + header.snappedRightInset()
                        + (header.getTableColumn().isSortable() ? SORT_ARROW : 0) + 2);
                javafx.scene.control.TableColumnBase<?, ?> column = header.getTableColumn();
                if (column.getMinWidth() < needed) {
                    column.setMinWidth(needed);
                }
            }
        }
    }

    public static void remember(SplitPane split, String key, UiState state) {
        state.getDouble(key + ".divider").ifPresent(position -> split.setDividerPositions(position));
        split.getDividers().get(0).positionProperty()
                .addListener((obs, old, position) -> state.put(key + ".divider", position.doubleValue()));
    }

    private static String describe(TableView<?> table) {
        return table.getColumns().stream()
                .map(column -> column.getId() + ":" + Math.round(column.getWidth()))
                .collect(Collectors.joining(","));
    }

    private static <R> void restore(TableView<R> table, String saved) {
        Map<String, TableColumn<R, ?>> byId = table.getColumns().stream()
                .filter(column -> column.getId() != null)
                .collect(Collectors.toMap(TableColumn::getId, Function.identity()));
        List<TableColumn<R, ?>> ordered = new ArrayList<>();
        for (String entry : saved.split(",")) {
            String[] parts = entry.split(":");
            TableColumn<R, ?> column = byId.remove(parts[0]);
            if (column == null) {
                continue;
            }
            if (parts.length == 2) {
                try {
                    column.setPrefWidth(Double.parseDouble(parts[1]));
                } catch (NumberFormatException ignored) {
                    // keep the FXML width
                }
            }
            ordered.add(column);
        }
        ordered.addAll(byId.values()); // columns added since the state was saved go last
        table.getColumns().setAll(ordered);
    }
}
