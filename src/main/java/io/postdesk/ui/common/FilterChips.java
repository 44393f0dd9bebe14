package io.postdesk.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

/** The active filters as chips, each with its own ×, and "Clear all" when there are several. */
public final class FilterChips {
    private final FlowPane pane;
    private final Runnable clearAll;
    private final List<Chip> chips = new ArrayList<>();

    /** One active filter: what it says, and how to remove it. */
    public record Chip(String text, Runnable clear) {
    }

    public FilterChips(FlowPane pane, Runnable clearAll) {
        this.pane = pane;
        this.clearAll = clearAll;
        pane.getStyleClass().add("filter-chips");
    }

    public void show(List<Chip> active) {
        chips.clear();
        chips.addAll(active);
        pane.getChildren().clear();
        for (Chip chip : active) {
            Label text = new Label(chip.text());
            Button remove = new Button("×");
            remove.getStyleClass().addAll("flat", "chip-remove");
            remove.setOnAction(event -> chip.clear().run());
            remove.setAccessibleText("Remove filter " + chip.text());
            HBox box = new HBox(2, text, remove);
            box.getStyleClass().add("chip");
            pane.getChildren().add(box);
        }
        if (active.size() > 1) {
            Button all = new Button("Clear all");
            all.getStyleClass().addAll("flat", "chip-clear-all");
            all.setOnAction(event -> clearAll.run());
            pane.getChildren().add(all);
        }
        pane.setVisible(!active.isEmpty());
        pane.setManaged(!active.isEmpty());
    }

    public List<Chip> active() {
        return List.copyOf(chips);
    }
}
