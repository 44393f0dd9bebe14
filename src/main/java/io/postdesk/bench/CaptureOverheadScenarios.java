package io.postdesk.bench;

import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.service.DatabaseConnection;
import io.postdesk.service.Workspace;

/**
 * What the slow-query capture (datasource-proxy around the pool, issue 16) costs: the posts view's
 * first page and searches, each timed with the capture and without it in the same run, alternating
 * run by run so both sides see the same caches and load. The baseline column is "without".
 */
final class CaptureOverheadScenarios {
    private static final int SIZE = 50;

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final DatabaseConnection connection;
    private final Workspace workspace;
    private final Scenarios scenarios;

    CaptureOverheadScenarios(DatabaseConnection connection, Workspace workspace, Scenarios scenarios) {
        this.connection = connection;
        this.workspace = workspace;
        this.scenarios = scenarios;
    }

    void run() {
        measure("posts: first page", PostFilter.NONE);
        measure("posts: search 'marmoset', first page", PostFilter.NONE.withSearch("marmoset"));
        measure("posts: search 'database', first page", PostFilter.NONE.withSearch("database"));
        connection.captureStatements(true);
    }

    private void measure(String what, PostFilter filter) {
        String scenario = what + " with slow-query capture";
        Goal goal = Goal.atMostTimesBaseline(1.05);
        Timings.Run page = () -> workspace.posts().page(filter, PostSort.NEWEST_FIRST, new PageRequest.First(SIZE), null);
        try {
            // Alternating run by run (after one warm-up each): the machine's load drifts, both sides see it alike.
            connection.captureStatements(false);
            page.run();
            connection.captureStatements(true);
            page.run();
            int runs = scenarios.runs();
            double[] with = new double[runs];
            double[] without = new double[runs];
            double[] withCpu = new double[runs];
            double[] withoutCpu = new double[runs];
            for (int i = 0; i < runs; i++) {
                connection.captureStatements(false);
                long cpu = CPU.getCurrentThreadCpuTime();
                without[i] = time(page);
                withoutCpu[i] = (CPU.getCurrentThreadCpuTime() - cpu) / 1e6;
                connection.captureStatements(true);
                cpu = CPU.getCurrentThreadCpuTime();
                with[i] = time(page);
                withCpu[i] = (CPU.getCurrentThreadCpuTime() - cpu) / 1e6;
            }
            Page<?> shown = workspace.posts().page(filter, PostSort.NEWEST_FIRST, new PageRequest.First(SIZE), null);
            scenarios.add(new Row(scenario, Timings.of(with), Timings.of(without), shown.rows().size() + " rows",
                    goal, null));
            // Wall time swings with the machine's load; the capture's cost is CPU on the calling thread,
            // so this row compares that, and its goal holds the added CPU under 5% of the page's time.
            double pageMillis = Timings.of(without).p50();
            Goal cpuGoal = new Goal("added CPU < 5% of the page's p50 (" + Row.number(pageMillis) + " ms)",
                    row -> row.ours().p50() - row.baseline().p50() < 0.05 * pageMillis);
            scenarios.add(new Row(what + ": client CPU with capture", Timings.of(withCpu), Timings.of(withoutCpu),
                    "", cpuGoal, null));
        } catch (Exception e) {
            scenarios.add(Row.failed(scenario, goal, e));
        }
    }

    private static double time(Timings.Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
