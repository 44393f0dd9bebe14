package io.postdesk.ui.common;

import io.postdesk.model.RowCount;
import java.text.NumberFormat;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** The bar under a table: first / previous / page X of Y / next / last, go to, count, page size. */
public final class PagingBarController {
    private static final NumberFormat NUMBERS = NumberFormat.getIntegerInstance();

    @FXML
    private Button firstButton;
    @FXML
    private Button previousButton;
    @FXML
    private Button nextButton;
    @FXML
    private Button lastButton;
    @FXML
    private Label pageLabel;
    @FXML
    private TextField goToField;
    @FXML
    private Label countLabel;
    @FXML
    private Hyperlink countExactlyLink;
    @FXML
    private ComboBox<Integer> pageSizeBox;
    private Pager<?> pager;
    private String noun = "rows";

    /** Connects the bar to the table's pager; {@code noun} names the rows ("posts"). */
    public void attach(Pager<?> tablePager, String rowNoun) {
        this.pager = tablePager;
        this.noun = rowNoun;
        for (int size : Pager.PAGE_SIZES) {
            pageSizeBox.getItems().add(size);
        }
        pageSizeBox.setValue(pager.pageSizeProperty().get());
        pageSizeBox.valueProperty().addListener((obs, old, size) -> {
            if (size != null) {
                pager.pageSizeProperty().set(size);
            }
        });
        pager.pageSizeProperty().addListener((obs, old, size) -> pageSizeBox.setValue(size.intValue()));
        firstButton.disableProperty().bind(pager.hasPreviousProperty().not());
        previousButton.disableProperty().bind(pager.hasPreviousProperty().not());
        nextButton.disableProperty().bind(pager.hasNextProperty().not());
        lastButton.disableProperty().bind(pager.hasNextProperty().not());
        pageLabel.textProperty().bind(Bindings.createStringBinding(this::pageText,
                pager.pageIndexProperty(), pager.totalProperty(), pager.pageSizeProperty()));
        countLabel.textProperty().bind(Bindings.createStringBinding(this::countText,
                pager.totalProperty(), pager.countingProperty()));
        countExactlyLink.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> pager.totalProperty().get() != null && !pager.totalProperty().get().exact()
                        && !pager.countingProperty().get(),
                pager.totalProperty(), pager.countingProperty()));
        countExactlyLink.managedProperty().bind(countExactlyLink.visibleProperty());
    }

    private String pageText() {
        RowCount total = pager.totalProperty().get();
        String approx = total != null && !total.exact() ? "≈ " : "";
        String pages = total == null ? "…" : approx + NUMBERS.format(pager.pageCount());
        return "Page " + NUMBERS.format(pager.pageIndexProperty().get() + 1) + " of " + pages;
    }

    private String countText() {
        RowCount total = pager.totalProperty().get();
        if (total == null) {
            return pager.countingProperty().get() ? "Counting…" : "";
        }
        String unit = total.value() == 1 && total.exact() && noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
        return (total.exact() ? "" : "≈ ") + NUMBERS.format(total.value()) + " " + unit;
    }

    @FXML
    private void first() {
        pager.first();
    }

    @FXML
    private void previous() {
        pager.previous();
    }

    @FXML
    private void next() {
        pager.next();
    }

    @FXML
    private void last() {
        pager.last();
    }

    @FXML
    private void countExactly() {
        pager.countExactly();
    }

    @FXML
    private void goTo() {
        String text = goToField.getText().strip().replace(",", "").replace(".", "");
        try {
            long page = Long.parseLong(text);
            if (page >= 1) {
                pager.goTo(page);
                goToField.clear();
                goToField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), false);
                return;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the hint below
        }
        goToField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), true);
        goToField.setPromptText("1–" + NUMBERS.format(pager.pageCount()));
        goToField.clear();
    }
}
