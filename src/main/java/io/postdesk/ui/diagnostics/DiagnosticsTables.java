package io.postdesk.ui.diagnostics;

import io.postdesk.model.Diagnostics;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The columns of the Diagnostics view's tables (one method per table). */
final class DiagnosticsTables {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final String NOT_READABLE = "(not readable by your role)";

    private DiagnosticsTables() {
    }

    static void statements(TableView<Diagnostics.Statement> table, boolean running) {
        column(table, running ? "Since" : "When", 80, s -> TIME.format(s.started()));
        column(table, running ? "Running" : "Took", 80, s -> s.millis() + " ms").getStyleClass().add("numeric");
        if (!running) {
            column(table, "Rows", 70, s -> s.rows() == null ? "" : String.valueOf(s.rows()))
                    .getStyleClass().add("numeric");
        }
        column(table, "Screen or command", 170, Diagnostics.Statement::origin);
        column(table, "Statement", 700, s -> s.shape());
        table.setPlaceholder(new Label(running ? "Nothing running." : "No slow statements."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    static void sessions(TableView<Diagnostics.Session> table) {
        column(table, "PID", 70, s -> String.valueOf(s.pid())).getStyleClass().add("numeric");
        column(table, "User", 100, s -> text(s.user()));
        column(table, "Application", 150, s -> text(s.application()));
        column(table, "State", 120, s -> text(s.state()));
        column(table, "Waiting for", 130, s -> text(s.waitingFor()));
        column(table, "Blocked by", 90, s -> s.blockedBy().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")));
        column(table, "Query start", 80, s -> s.queryStart() == null ? "" : TIME.format(s.queryStart()));
        column(table, "Query", 500, s -> s.query() == null ? NOT_READABLE : oneLine(s.query()));
        table.setPlaceholder(new Label("No sessions."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    static void relations(TableView<Diagnostics.Relation> table) {
        column(table, "Table", 140, Diagnostics.Relation::table);
        column(table, "Kind", 60, Diagnostics.Relation::kind);
        column(table, "Name", 260, Diagnostics.Relation::name);
        column(table, "Est. rows", 100, r -> String.format("%,d", r.estimatedRows())).getStyleClass().add("numeric");
        column(table, "Size", 90, r -> bytes(r.bytes())).getStyleClass().add("numeric");
        column(table, "Scans", 90, r -> String.format("%,d", r.scans())).getStyleClass().add("numeric");
        column(table, "Dead rows", 90, r -> r.deadRows() == null ? "" : String.format("%,d", r.deadRows()))
                .getStyleClass().add("numeric");
        table.setPlaceholder(new Label("No tables."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    static void topStatements(TableView<Diagnostics.TopStatement> table) {
        column(table, "Calls", 80, t -> String.format("%,d", t.calls())).getStyleClass().add("numeric");
        column(table, "Total", 100, t -> String.format("%,.0f ms", t.totalMillis())).getStyleClass().add("numeric");
        column(table, "Mean", 90, t -> String.format("%,.1f ms", t.meanMillis())).getStyleClass().add("numeric");
        column(table, "Rows", 90, t -> String.format("%,d", t.rows())).getStyleClass().add("numeric");
        column(table, "Statement", 600, t -> t.query() == null ? NOT_READABLE : oneLine(t.query()));
        table.setPlaceholder(new Label("No statements recorded."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    static void migrations(TableView<Diagnostics.Migration> table) {
        column(table, "#", 40, m -> String.valueOf(m.rank())).getStyleClass().add("numeric");
        column(table, "Version", 70, m -> m.version() == null ? "" : m.version());
        column(table, "Description", 320, Diagnostics.Migration::description);
        column(table, "Installed", 140, m -> m.installedOn() == null ? "" : DATE_TIME.format(m.installedOn()));
        column(table, "Took", 90, m -> m.millis() + " ms").getStyleClass().add("numeric");
        column(table, "Result", 100, m -> m.success() ? "applied" : "FAILED");
        table.setPlaceholder(new Label("PostDesk's schema is not in this database."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format("%.1f %sB", bytes / Math.pow(1024, unit), " KMGTPE".charAt(unit));
    }

    static String time(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static <S> TableColumn<S, String> column(TableView<S> table, String title, double width,
                                                     Function<S, String> value) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        table.getColumns().add(column);
        return column;
    }
}
