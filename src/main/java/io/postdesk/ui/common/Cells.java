package io.postdesk.ui.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.Node;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Column set-up shared by the tables: values from records, dates in local time, badges. */
public final class Cells {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private Cells() {
    }

    /** Local time, to the minute: what people compare when they scan a table. */
    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    public static <R> void text(TableColumn<R, String> column, Function<R, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new ElidedTooltipCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
    }

    public static <R> void timestamp(TableColumn<R, Instant> column, Function<R, Instant> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new ElidedTooltipCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : formatTimestamp(item));
            }

            @Override
            protected void layoutChildren() {
                super.layoutChildren();
                keepTimestampsWhole(this);
            }
        });
    }

    /**
     * Makes the cell's column at least as wide as a timestamp in the cell's own font and padding, so
     * the table's resize policy never squeezes one into "2026-10-31 18:…". Measured, not guessed:
     * the font comes from the theme's CSS and differs between platforms.
     */
    private static void keepTimestampsWhole(TableCell<?, ?> cell) {
        if (cell.getFont() != null) {
            keepWhole(cell, timestampWidth(cell.getFont()));
        }
    }

    /** Widens the cell's column, if need be, to show {@code contentWidth} inside the cell's padding. */
    private static void keepWhole(TableCell<?, ?> cell, double contentWidth) {
        TableColumn<?, ?> column = cell.getTableColumn();
        if (column == null) {
            return;
        }
        double needed = Math.ceil(cell.snappedLeftInset() + contentWidth + cell.snappedRightInset())
                + 2; // the 2 px keep rounding in the layout from eliding it
        if (column.getMinWidth() < needed) {
            column.setMinWidth(needed);
        }
        if (column.getPrefWidth() < needed) {
            column.setPrefWidth(needed);
        }
    }

    private static final java.util.Map<Font, Double> TIMESTAMP_WIDTHS = new java.util.HashMap<>();

    /** The widest "dddd-dd-dd dd:dd" in {@code font}: digits may differ in width in a proportional font. */
    static double timestampWidth(Font font) {
        return TIMESTAMP_WIDTHS.computeIfAbsent(font, f -> {
            Text text = new Text();
            text.setFont(f);
            double widest = 0;
            for (char digit = '0'; digit <= '9'; digit++) {
                text.setText("dddd-dd-dd dd:dd".replace('d', digit));
                widest = Math.max(widest, text.getLayoutBounds().getWidth());
            }
            return widest;
        });
    }

    /**
     * A cell that, when its column is too narrow and the text ends in "…", shows the full text in a
     * tooltip. Elision is only known after layout, so that is where it is checked.
     */
    public static class ElidedTooltipCell<R, T> extends TableCell<R, T> {
        /**
         * Made when a text is first cut, not with the cell: a Tooltip is a popup control with its own
         * CSS, and a page of posts makes a few hundred cells while the first page is being painted.
         */
        private Tooltip full;

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            Node shown = lookup(".text");
            boolean elided = getText() != null && shown instanceof Text text && !getText().equals(text.getText());
            if (elided) {
                if (full == null) {
                    full = new Tooltip();
                    full.setWrapText(true);
                    full.setMaxWidth(600);
                }
                full.setText(getText());
            }
            boolean showing = full != null && getTooltip() == full;
            if (showing != elided) {
                setTooltip(elided ? full : null);
            }
        }
    }

    /** "Published" as a green badge, "Draft" as a grey one: readable at a glance and by screen readers. */
    public static <R> void publishedBadge(TableColumn<R, Boolean> column, Function<R, Boolean> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label();

            {
                badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(Boolean published, boolean empty) {
                super.updateItem(published, empty);
                if (empty || published == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(published ? "Published" : "Draft");
                badge.getStyleClass().setAll("badge", published ? "badge-published" : "badge-draft");
                setGraphic(badge);
            }

            @Override
            protected void layoutChildren() {
                super.layoutChildren();
                if (getGraphic() != null) { // the column never cuts a badge, "Published" being the wider
                    keepWhole(this, badge.prefWidth(-1));
                }
            }
        });
    }
}
