package io.postdesk.ui.common;

import io.postdesk.model.RowCount;
import java.text.NumberFormat;
import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** The bar under a table: first / previous / page X of Y / next / last, go to, count, page size. */
public final class PagingBarController {
    private static final NumberFormat NUMBERS = NumberFormat.getIntegerInstance();
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

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
    @FXML
    private Label goToMessage;
    @FXML
    private Label noticeLabel;
    private final PauseTransition noticeTimer = new PauseTransition(Duration.seconds(10));
    private Pager<?> pager;
    private String noun = "rows";

    /** Connects the bar to the table's pager; {@code noun} names the rows ("posts"). */
    public void attach(Pager<?> tablePager, String rowNoun) {
        this.pager = tablePager;
        this.noun = rowNoun;
        noticeTimer.setOnFinished(event -> noticeLabel.setText(""));
        // A corrected page number clears the complaint as soon as the text changes.
        goToField.textProperty().addListener((obs, old, text) -> {
            goToField.pseudoClassStateChanged(DANGER, false);
            goToMessage.setText("");
        });
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
        String pages;
        if (total == null) {
            pages = "…";
        } else if (total.lowerBound()) {
            pages = NUMBERS.format(pager.pageCount()) + "+";
        } else {
            pages = (total.exact() ? "" : "≈ ") + NUMBERS.format(pager.pageCount());
        }
        return "Page " + NUMBERS.format(pager.pageIndexProperty().get() + 1) + " of " + pages;
    }

    private String countText() {
        RowCount total = pager.totalProperty().get();
        if (pager.countingProperty().get()) {
            return "Counting…";
        }
        if (total == null) {
            return "";
        }
        String unit = total.value() == 1 && total.exact() && noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
        String prefix = total.exact() ? "" : total.lowerBound() ? "at least " : "≈ ";
        return prefix + NUMBERS.format(total.value()) + " " + unit;
    }

    /**
     * Says what just happened to the rows ("Deleted 1 post"), next to the count, for a while: the
     * window's status bar belongs to the connection.
     */
    public void announce(String text) {
        noticeLabel.setText(text);
        noticeTimer.playFromStart();
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

    /** Goes to the typed page, or says why not and keeps the text so it can be corrected. */
    @FXML
    private void goTo() {
        String typed = goToField.getText().strip();
        String problem = GoToPage.problem(typed, pager.pageCount(), pager.pageCountExact());
        goToField.pseudoClassStateChanged(DANGER, problem != null);
        goToMessage.setText(problem == null ? "" : problem);
        goToField.setTooltip(problem == null ? null : new Tooltip(problem));
        if (problem == null) {
            pager.goTo(GoToPage.number(typed));
            goToField.clear();
        }
    }
}
