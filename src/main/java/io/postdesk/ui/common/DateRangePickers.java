package io.postdesk.ui.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.css.PseudoClass;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * "Created from" and "created to" date pickers, as the instants a filter needs: from the start
 * of the first day (inclusive) to the start of the day after the last (exclusive), local time.
 * A date typed wrongly marks the field, says why in its tooltip, shown at once below the field
 * (a hover-only tooltip went unseen), and keeps the text to correct; the filter stays as it was.
 */
public final class DateRangePickers {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private static final Duration EXPLANATION_SHOWN = Duration.seconds(8);

    private DateRangePickers() {
    }

    static final String NOT_A_DATE = "Not a date: use YYYY-MM-DD, e.g. 2025-03-31.";

    public static void install(DatePicker picker) {
        String usual = picker.getPromptText() + ", as YYYY-MM-DD";
        Tooltip tooltip = new Tooltip(usual);
        picker.setTooltip(tooltip);
        PauseTransition fade = new PauseTransition(EXPLANATION_SHOWN);
        fade.setOnFinished(event -> tooltip.hide());
        // Typing again is correcting: the explanation makes way (the red mark and hover tooltip stay).
        picker.getEditor().textProperty().addListener((obs, old, text) -> {
            if (fade.getStatus() == javafx.animation.Animation.Status.RUNNING) {
                fade.stop();
                tooltip.hide();
            }
        });
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return date == null ? "" : FORMAT.format(date);
            }

            @Override
            public LocalDate fromString(String text) {
                if (text == null || text.isBlank()) {
                    fade.stop();
                    tooltip.hide();
                    markValid(picker, tooltip, usual);
                    return null;
                }
                try {
                    LocalDate date = LocalDate.parse(text.strip(), FORMAT);
                    fade.stop();
                    tooltip.hide();
                    markValid(picker, tooltip, usual);
                    return date;
                } catch (DateTimeParseException e) {
                    picker.pseudoClassStateChanged(DANGER, true);
                    tooltip.setText(NOT_A_DATE);
                    picker.setAccessibleHelp(NOT_A_DATE);
                    // The picker writes its value back into the field after this; put the typed
                    // text back once it has, so a typo is corrected rather than retyped.
                    Platform.runLater(() -> {
                        picker.getEditor().setText(text);
                        picker.getEditor().end();
                        explain(picker, tooltip, fade);
                    });
                    return picker.getValue();
                }
            }
        });
    }

    /** Shows the tooltip just below the field for a few seconds, where the eye already is. */
    private static void explain(DatePicker picker, Tooltip tooltip, PauseTransition fade) {
        Bounds field = picker.localToScreen(picker.getBoundsInLocal());
        if (field == null || picker.getScene() == null || picker.getScene().getWindow() == null
                || !picker.getScene().getWindow().isShowing()) {
            return;
        }
        tooltip.show(picker, field.getMinX(), field.getMaxY() + 2);
        fade.playFromStart();
    }

    private static void markValid(DatePicker picker, Tooltip tooltip, String usual) {
        picker.pseudoClassStateChanged(DANGER, false);
        tooltip.setText(usual);
        picker.setAccessibleHelp(null);
    }

    public static Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    public static Instant endOf(LocalDate date) {
        return date == null ? null : date.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
    }
}
