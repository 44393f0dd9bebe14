package io.postdesk.ui.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javafx.css.PseudoClass;
import javafx.scene.control.DatePicker;
import javafx.util.StringConverter;

/**
 * "Created from" and "created to" date pickers, as the instants a filter needs: from the start
 * of the first day (inclusive) to the start of the day after the last (exclusive), local time.
 * A date typed wrongly marks the field instead of throwing.
 */
public final class DateRangePickers {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private DateRangePickers() {
    }

    public static void install(DatePicker picker) {
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return date == null ? "" : FORMAT.format(date);
            }

            @Override
            public LocalDate fromString(String text) {
                if (text == null || text.isBlank()) {
                    picker.pseudoClassStateChanged(DANGER, false);
                    return null;
                }
                try {
                    LocalDate date = LocalDate.parse(text.strip(), FORMAT);
                    picker.pseudoClassStateChanged(DANGER, false);
                    return date;
                } catch (DateTimeParseException e) {
                    picker.pseudoClassStateChanged(DANGER, true);
                    return picker.getValue();
                }
            }
        });
        picker.setTooltip(new javafx.scene.control.Tooltip(picker.getPromptText() + ", as yyyy-mm-dd"));
    }

    public static Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    public static Instant endOf(LocalDate date) {
        return date == null ? null : date.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
    }
}
