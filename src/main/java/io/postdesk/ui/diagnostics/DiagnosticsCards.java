package io.postdesk.ui.diagnostics;

import io.postdesk.model.Diagnostics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** The figures and small charts at the top of the Diagnostics view: the pool, the health check, the server. */
final class DiagnosticsCards {
    private final GridPane poolGrid;
    private final GridPane healthGrid;
    private final GridPane serverGrid;
    private final XYChart.Series<Number, Number> active = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> idle = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> waiting = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> latency = new XYChart.Series<>();

    DiagnosticsCards(GridPane poolGrid, LineChart<Number, Number> poolChart, GridPane healthGrid,
                     LineChart<Number, Number> healthChart, GridPane serverGrid) {
        this.poolGrid = poolGrid;
        this.healthGrid = healthGrid;
        this.serverGrid = serverGrid;
        active.setName("active");
        idle.setName("idle");
        waiting.setName("waiting");
        latency.setName("latency");
        poolChart.getData().setAll(List.of(active, idle, waiting));
        healthChart.getData().setAll(List.of(latency));
    }

    void show(Diagnostics d) {
        pool(d.pool(), d.poolHistory(), d.taken());
        health(d.health(), d.taken());
        server(d);
    }

    private void pool(Diagnostics.Pool p, List<Diagnostics.PoolSample> history, Instant now) {
        poolGrid.getChildren().clear();
        figure(poolGrid, 0, 0, "Active", p.active() + " of " + p.maximum(), p.active() >= p.maximum());
        figure(poolGrid, 0, 2, "Idle", String.valueOf(p.idle()), false);
        figure(poolGrid, 0, 4, "Open", String.valueOf(p.total()), false);
        figure(poolGrid, 1, 0, "Waiting", String.valueOf(p.waiting()), p.waiting() > 0);
        figure(poolGrid, 1, 2, "Timeouts", String.valueOf(p.timeouts()), p.timeouts() > 0);
        wide(poolGrid, 2, "Getting one", times(p.acquire()));
        wide(poolGrid, 3, "Holding one", times(p.held()));
        active.getData().setAll(history.stream().map(s -> point(s.at(), now, 1, s.active())).toList());
        idle.getData().setAll(history.stream().map(s -> point(s.at(), now, 1, s.idle())).toList());
        waiting.getData().setAll(history.stream().map(s -> point(s.at(), now, 1, s.waiting())).toList());
    }

    private void health(Diagnostics.HealthLog h, Instant now) {
        healthGrid.getChildren().clear();
        Diagnostics.HealthSample last = h.samples().isEmpty() ? null : h.samples().get(h.samples().size() - 1);
        figure(healthGrid, 0, 0, "Last check", last == null ? "not yet" : last.latencyMillis() == null ? "failed"
                : last.latencyMillis() + " ms at " + DiagnosticsTables.TIME.format(last.at()),
                last != null && last.latencyMillis() == null);
        figure(healthGrid, 1, 0, "Last failure", h.lastFailure() == null ? "none"
                : DiagnosticsTables.time(h.lastFailureAt()) + ": " + h.lastFailure(), false);
        figure(healthGrid, 2, 0, "Reconnects", String.valueOf(h.reconnects()), false);
        latency.getData().setAll(h.samples().stream().filter(s -> s.latencyMillis() != null)
                .map(s -> point(s.at(), now, 60, s.latencyMillis())).toList());
    }

    private void server(Diagnostics d) {
        serverGrid.getChildren().clear();
        Diagnostics.Server s = d.server();
        if (s == null) {
            figure(serverGrid, 0, 0, "Server", "not available", true);
            return;
        }
        figure(serverGrid, 0, 0, "PostgreSQL", s.version(), false);
        figure(serverGrid, 1, 0, "Up for", uptime(s.uptime()), false);
        figure(serverGrid, 2, 0, "Database size", DiagnosticsTables.bytes(s.databaseBytes()), false);
        figure(serverGrid, 3, 0, "Role", s.role(), false);
        figure(serverGrid, 7, 0, "Superuser", s.superuser() ? "yes" : "no", false);
        figure(serverGrid, 4, 0, "Sessions", String.valueOf(s.sessions().size()), false);
        long blocked = s.sessions().stream().filter(session -> !session.blockedBy().isEmpty()).count();
        figure(serverGrid, 5, 0, "Blocked", String.valueOf(blocked), blocked > 0);
        Diagnostics.Schema schema = d.schema();
        figure(serverGrid, 6, 0, "Schema version", schema == null ? "" : schema.problem() != null ? "not readable"
                : schema.version() == null ? "none" : schema.version(), false);
    }

    private static XYChart.Data<Number, Number> point(Instant at, Instant now, int secondsPerUnit, Number value) {
        double ago = -Duration.between(at, now).toMillis() / 1000.0 / secondsPerUnit;
        return new XYChart.Data<>(ago, value);
    }

    private static String times(Diagnostics.Times t) {
        return t.count() == 0 ? "no data yet" : "p50 " + millis(t.p50()) + ", p95 " + millis(t.p95()) + ", p99 "
                + millis(t.p99()) + " ms";
    }

    private static String millis(double millis) {
        return millis < 10 ? String.format("%.1f", millis) : String.format("%,.0f", millis);
    }

    /** A figure whose value takes the rest of the row (the percentiles). */
    private static void wide(GridPane grid, int row, String name, String value) {
        figure(grid, row, 0, name, value, false);
        GridPane.setColumnSpan(grid.getChildren().get(grid.getChildren().size() - 1), 5);
    }

    private static String uptime(Duration uptime) {
        return uptime.toDays() > 0 ? uptime.toDays() + " d " + uptime.toHoursPart() + " h"
                : uptime.toHours() + " h " + uptime.toMinutesPart() + " min";
    }

    private static void figure(GridPane grid, int row, int column, String name, String value, boolean alarm) {
        Label nameLabel = new Label(name);
        nameLabel.getStyleClass().add("figure-name");
        nameLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // names are short: never "Wai…"
        Label valueLabel = new Label(value);
        valueLabel.getStyleClass().add("figure-value");
        valueLabel.setId(("figure-" + name).replaceAll("[^A-Za-z]+", "-").toLowerCase());
        if (alarm) {
            valueLabel.getStyleClass().add("alarm");
        }
        grid.add(nameLabel, column, row);
        grid.add(valueLabel, column + 1, row);
    }
}
