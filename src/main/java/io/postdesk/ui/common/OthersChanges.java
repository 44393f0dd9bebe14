package io.postdesk.ui.common;

import java.text.NumberFormat;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.layout.StackPane;

/**
 * "N changes by others - Refresh" over a table's top right corner: other writers changed rows
 * that are not on the page shown (or could not be shown in place). A click reads the page again.
 */
final class OthersChanges {
    private final Hyperlink link = new Hyperlink();
    private long count;

    OthersChanges(StackPane tableArea, Runnable refresh) {
        link.getStyleClass().add("others-changes");
        link.setFocusTraversable(false);
        link.setVisible(false);
        link.setOnAction(event -> refresh.run());
        StackPane.setAlignment(link, Pos.TOP_RIGHT);
        tableArea.getChildren().add(link);
    }

    void add(long changes) {
        count += changes;
        link.setText(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(count)
                + (count == 1 ? " change" : " changes") + " by others \u2013 Refresh");
        link.setVisible(true);
    }

    void clear() {
        count = 0;
        link.setVisible(false);
    }
}
