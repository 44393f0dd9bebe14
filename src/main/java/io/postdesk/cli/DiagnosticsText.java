package io.postdesk.cli;

import io.postdesk.model.Diagnostics;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** {@code postdesk diagnose} as text: one section per part of the Diagnostics view. */
final class DiagnosticsText {
    private final StringBuilder text = new StringBuilder();

    private DiagnosticsText() {
    }

    static String of(Diagnostics d) {
        DiagnosticsText out = new DiagnosticsText();
        out.line("PostDesk diagnostics, " + d.taken());
        out.pool(d.pool());
        out.slow(d);
        out.health(d.health());
        if (d.server() != null) {
            out.server(d.server());
        } else {
            out.line("").line("Server: not available: " + d.serverProblem());
        }
        if (d.schema() != null) {
            out.schema(d.schema());
        }
        return out.text.toString();
    }

    private DiagnosticsText line(String line) {
        text.append(line).append(System.lineSeparator());
        return this;
    }

    private void pool(Diagnostics.Pool p) {
        line("").line("Pool: %d active, %d idle, %d waiting, %d open of %d; %d timeouts".formatted(
                p.active(), p.idle(), p.waiting(), p.total(), p.maximum(), p.timeouts()));
        line("  getting a connection: " + times(p.acquire()));
        line("  holding a connection: " + times(p.held()));
    }

    private static String times(Diagnostics.Times t) {
        return t.count() == 0 ? "no data yet" : "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d)".formatted(
                t.p50(), t.p95(), t.p99(), t.max(), t.count());
    }

    private void slow(Diagnostics d) {
        line("").line("Slow statements (%d ms or more), newest first: %s".formatted(d.slowThreshold().toMillis(),
                d.slowQueries().isEmpty() ? "none" : ""));
        d.slowQueries().forEach(s -> line("  %s  %6d ms  %s rows  %s  %s".formatted(s.started(), s.millis(),
                s.rows() == null ? "?" : s.rows(), s.origin(), s.shape())));
        if (!d.runningNow().isEmpty()) {
            line("Running now:");
            d.runningNow().forEach(s -> line("  %6d ms  %s  %s".formatted(s.millis(), s.origin(), s.shape())));
        }
    }

    private void health(Diagnostics.HealthLog h) {
        String last = h.samples().isEmpty() ? "not checked yet" : h.samples().get(h.samples().size() - 1)
                .latencyMillis() == null ? "failed" : h.samples().get(h.samples().size() - 1).latencyMillis() + " ms";
        line("").line("Health: last check " + last + "; last failure: "
                + (h.lastFailure() == null ? "none" : h.lastFailureAt() + " " + h.lastFailure())
                + "; reconnects: " + h.reconnects());
    }

    private void server(Diagnostics.Server s) {
        line("").line("Server: PostgreSQL %s, up %s, database %s, role %s%s".formatted(s.version(),
                uptime(s.uptime()), bytes(s.databaseBytes()), s.role(), s.superuser() ? " (superuser)" : ""));
        line("").line("Sessions on this database:");
        line("  %7s  %-12s %-22s %-20s %-22s %-10s %s".formatted("pid", "user", "application", "state", "waiting",
                "blocked by", "query"));
        for (Diagnostics.Session session : s.sessions()) {
            line("  %7d  %-12s %-22s %-20s %-22s %-10s %s".formatted(session.pid(), session.user(),
                    cut(session.application(), 22), session.state(), session.waitingFor() == null ? "" : session.waitingFor(),
                    session.blockedBy().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    session.query() == null ? "(not readable by your role)" : cut(oneLine(session.query()), 80)));
        }
        line("").line("Tables and indexes:");
        line("  %-6s %-40s %12s %10s %10s %10s".formatted("kind", "name", "est. rows", "size", "scans", "dead rows"));
        for (Diagnostics.Relation r : s.relations()) {
            line("  %-6s %-40s %12d %10s %10d %10s".formatted(r.kind(), cut(r.name(), 40), r.estimatedRows(),
                    bytes(r.bytes()), r.scans(), r.deadRows() == null ? "" : r.deadRows()));
        }
        line("").line("Top statements (pg_stat_statements):");
        if (s.topStatementsNote() != null) {
            line("  " + s.topStatementsNote());
        }
        s.topStatements().forEach(t -> line("  %8d calls %10.1f ms total %8.1f ms mean %8d rows  %s".formatted(
                t.calls(), t.totalMillis(), t.meanMillis(), t.rows(),
                t.query() == null ? "(not readable by your role)" : cut(oneLine(t.query()), 100))));
    }

    private void schema(Diagnostics.Schema schema) {
        if (schema.problem() != null) {
            line("").line("Schema: the history could not be read: " + schema.problem());
            return;
        }
        line("").line("Schema: PostDesk version " + (schema.version() == null ? "none" : schema.version()));
        List<Diagnostics.Migration> history = schema.history();
        history.forEach(m -> line("  %3d  V%-4s %-45s %s %6d ms %s".formatted(m.rank(), m.version() == null ? "" : m.version(),
                cut(m.description(), 45), m.installedOn(), m.millis(), m.success() ? "ok" : "FAILED")));
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return "%.1f %sB".formatted(bytes / Math.pow(1024, unit), " KMGTPE".charAt(unit));
    }

    private static String uptime(Duration uptime) {
        return uptime.toDays() > 0 ? "%dd %dh".formatted(uptime.toDays(), uptime.toHoursPart())
                : "%dh %dm".formatted(uptime.toHours(), uptime.toMinutesPart());
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String cut(String text, int length) {
        if (text == null) {
            return "";
        }
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
