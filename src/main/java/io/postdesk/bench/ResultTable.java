package io.postdesk.bench;

import java.util.ArrayList;
import java.util.List;

/** The results as a Markdown table: readable on a terminal, and pasted as is into the README. */
final class ResultTable {
    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    long failures() {
        return rows.stream().filter(row -> !row.passed()).count();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | result | p50 ms | p95 ms | runs | baseline p50 ms | ratio | goal | pass |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.scenario()).append(" | ");
            if (row.failure() != null) {
                out.append("failed: ").append(row.failure().replace("|", "/")).append(" | | | | | | ")
                        .append(row.goal().text()).append(" | FAIL |\n");
                continue;
            }
            out.append(row.result()).append(" | ")
                    .append(Row.number(row.ours().p50())).append(" | ")
                    .append(Row.number(row.ours().p95())).append(" | ")
                    .append(row.ours().runs()).append(" | ")
                    .append(row.baseline() == null ? "" : Row.number(row.baseline().p50())).append(" | ")
                    .append(row.baseline() == null ? "" : String.format(java.util.Locale.ROOT, "%.2fx", row.ratio()))
                    .append(" | ").append(row.goal().text()).append(" | ")
                    .append(row.passed() ? "pass" : "FAIL").append(" |\n");
        }
        return out.toString();
    }
}
