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

    /** Wide enough for "2026-10-31 07:59" in full at the theme's font, however narrow the window. */
    static final double TIMESTAMP_MIN_WIDTH = 140;

    public static <R> void timestamp(TableColumn<R, Instant> column, Function<R, Instant> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setMinWidth(TIMESTAMP_MIN_WIDTH);
        column.setCellFactory(c -> new ElidedTooltipCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : formatTimestamp(item));
            }
        });
    }

    /**
     * A cell that, when its column is too narrow and the text ends in "…", shows the full text in a
     * tooltip. Elision is only known after layout, so that is where it is checked.
     */
    public static class ElidedTooltipCell<R, T> extends TableCell<R, T> {
        private final Tooltip full = new Tooltip();

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            Node shown = lookup(".text");
            boolean elided = getText() != null && shown instanceof Text text && !getText().equals(text.getText());
            if (elided) {
                full.setText(getText());
                full.setWrapText(true);
                full.setMaxWidth(600);
            }
            if ((getTooltip() == full) != elided) {
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
        });
    }
}
