package io.postdesk.bench;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * Runs scenarios and collects their rows: ours, then the baseline right after, each warmed up
 * once, so both see the same caches and load. A scenario that throws becomes a failed row; the run goes on.
 */
final class Scenarios {
    /** Time allowed for one side of one scenario before it stops at 3 runs or more. */
    private static final double BUDGET_MILLIS = 15_000;

    private final int runs;
    private final ResultTable table;
    private final PrintStream log;

    Scenarios(int runs, ResultTable table, PrintStream log) {
        this.runs = runs;
        this.table = table;
        this.log = log;
    }

    int runs() {
        return runs;
    }

    /** A scenario without a baseline; {@code ours} returns a short description of its result. */
    Row measure(String scenario, Goal goal, Callable<String> ours) {
        return compare(scenario, goal, ours, null);
    }

    Row compare(String scenario, Goal goal, Callable<String> ours, Timings.Run baseline) {
        try {
            String[] result = {""};
            Timings mine = Timings.measure(runs, BUDGET_MILLIS, () -> result[0] = ours.call());
            Timings theirs = baseline == null ? null : Timings.measure(runs, BUDGET_MILLIS, baseline);
            return add(new Row(scenario, mine, theirs, result[0], goal, null));
        } catch (Exception e) {
            return add(Row.failed(scenario, goal, e));
        }
    }

    /** A row measured elsewhere (the write scenarios and the UI run time their own runs). */
    Row add(Row row) {
        table.add(row);
        log.println(row.failure() != null ? String.format("%-70s failed: %s", row.scenario(), row.failure())
                : String.format("%-70s %-14s p50 %9s ms  p95 %9s ms%s  %s", row.scenario(), row.result(),
                Row.number(row.ours().p50()), Row.number(row.ours().p95()),
                row.baseline() == null ? "" : "  baseline " + Row.number(row.baseline().p50()) + " ms",
                row.passed() ? "pass" : "FAIL"));
        return row;
    }
}
