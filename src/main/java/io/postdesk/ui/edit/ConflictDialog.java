package io.postdesk.ui.edit;

import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.SafeChoice;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Someone else saved first: their version beside yours, field by field. Nothing is lost: you
 * can keep editing (and copy from either side), take theirs, or overwrite theirs on purpose.
 */
final class ConflictDialog {
    enum Choice { KEEP_EDITING, LOAD_THEIRS, OVERWRITE, CLOSE }

    /** One field: its name, the value in the form, the value in the database now. */
    record Row(String field, String mine, String theirs) {
    }

    private ConflictDialog() {
    }

    /** @param rows null theirs values when the record was deleted */
    static Choice ask(Window owner, String what, List<Row> rows, boolean deleted) {
        ButtonType keep = new ButtonType("Keep editing", ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonType load = new ButtonType("Load their version", ButtonBar.ButtonData.OTHER);
        ButtonType overwrite = new ButtonType("Overwrite with mine", ButtonBar.ButtonData.OTHER);
        ButtonType close = new ButtonType("Close the form", ButtonBar.ButtonData.OTHER);
        String header = deleted ? "Someone deleted this " + what + " after you opened it."
                : "Someone changed this " + what + " after you opened it.";
        ButtonType[] buttons = deleted ? new ButtonType[] {keep, close} : new ButtonType[] {keep, load, overwrite};
        Alert alert = Dialogs.alert(owner, Alert.AlertType.WARNING, header, table(rows, deleted), buttons);
        alert.getDialogPane().setId("conflictDialog");
        alert.setResizable(true);
        SafeChoice.arrange(alert, keep, overwrite); // Enter keeps editing; overwriting is a deliberate click
        ButtonType chosen = alert.showAndWait().orElse(keep);
        if (chosen == load) {
            return Choice.LOAD_THEIRS;
        }
        if (chosen == overwrite) {
            return Choice.OVERWRITE;
        }
        return chosen == close ? Choice.CLOSE : Choice.KEEP_EDITING;
    }

    private static VBox table(List<Row> rows, boolean deleted) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.add(heading(""), 0, 0);
        grid.add(heading("Yours (not saved)"), 1, 0);
        grid.add(heading(deleted ? "Theirs" : "Theirs (saved)"), 2, 0);
        int line = 1;
        grid.getColumnConstraints().add(fieldColumn());
        for (Row row : rows) {
            boolean differs = !deleted && !java.util.Objects.equals(row.mine(), row.theirs());
            grid.add(fieldName(row.field(), differs), 0, line);
            grid.add(value(row.mine(), differs), 1, line);
            grid.add(value(deleted ? "(deleted)" : row.theirs(), differs), 2, line);
            line++;
        }
        Label hint = new Label("Your values stay in the form whatever you choose here, until you close it.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        return new VBox(10, grid, hint);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.setStyle("-fx-font-weight: bold");
        return label;
    }

    /** The field-name column is never squeezed: which field is which must always be readable. */
    private static javafx.scene.layout.ColumnConstraints fieldColumn() {
        javafx.scene.layout.ColumnConstraints column = new javafx.scene.layout.ColumnConstraints();
        column.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return column;
    }

    /** The field's name, and under it a "changed" marker when the two sides differ. */
    private static VBox fieldName(String field, boolean differs) {
        Label name = new Label(field);
        name.getStyleClass().add("conflict-field");
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox cell = new VBox(2, name);
        if (differs) {
            Label marker = new Label("changed");
            marker.getStyleClass().add("conflict-changed-marker");
            marker.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            cell.getChildren().add(marker);
        }
        return cell;
    }

    /** Selectable text, so either side can be copied; highlighted on both sides when they differ. */
    private static TextArea value(String text, boolean differs) {
        TextArea area = new TextArea(text == null ? "" : text);
        if (differs) {
            area.getStyleClass().add("conflict-differs");
        }
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefColumnCount(24);
        area.setPrefRowCount(text != null && text.length() > 60 ? 4 : 1);
        return area;
    }
}
