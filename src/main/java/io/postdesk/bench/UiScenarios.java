package io.postdesk.bench;

import io.postdesk.config.DatabaseUrl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Startup and responsiveness, measured on the real window: {@code UiProbe} runs in a child JVM
 * (headless under Monocle), as a user's launch would, and reports on stdout. Startup is the
 * time from starting the child to the first page painted; responsiveness is the longest the FX
 * thread went without a pulse while the probe clicked through the screens.
 */
final class UiScenarios {
    /** Run by name: the probe starts JavaFX, which this JVM never loads. */
    private static final String PROBE_CLASS = "io.postdesk.bench.UiProbe";
    private static final int STARTUP_RUNS = 5;
    private static final long TIMEOUT_SECONDS = 300;

    private final DatabaseUrl url;
    private final Scenarios scenarios;
    private final Path startupFolder;

    /** @param startupFolder an embedded data folder of the probe's own (initialised on first use, then reused) */
    UiScenarios(DatabaseUrl url, Scenarios scenarios, Path startupFolder) {
        this.url = url;
        this.scenarios = scenarios;
        this.startupFolder = startupFolder;
    }

    void run() {
        startup("startup to first page, embedded database (initialised)", Map.of("POSTDESK_DATA_DIR",
                startupFolder.toString()));
        startup("startup to first page, benchmark database", Map.of("DATABASE_URL", url.withCredentials()));
        responsiveness();
    }

    private void startup(String name, Map<String, String> environment) {
        Goal goal = Goal.p50Under(3_000);
        try {
            launch(environment, false); // the first start may create the folder: not a measurement
            double[] times = new double[STARTUP_RUNS];
            for (int i = 0; i < STARTUP_RUNS; i++) {
                times[i] = launch(environment, false).firstPageMillis;
            }
            scenarios.add(new Row(name, Timings.of(times), null, "", goal, null));
        } catch (Exception e) {
            scenarios.add(Row.failed(name, goal, e));
        }
    }

    private void responsiveness() {
        String name = "longest FX pulse gap while clicking through (benchmark database)";
        Goal goal = new Goal("never > 100 ms", row -> row.ours().p95() <= 100);
        try {
            Probe probe = launch(Map.of("DATABASE_URL", url.withCredentials()), true);
            scenarios.add(new Row(name, Timings.of(probe.maxPulseGap), null, probe.worstStep, goal, null));
        } catch (Exception e) {
            scenarios.add(Row.failed(name, goal, e));
        }
    }

    private static final class Probe {
        double firstPageMillis = -1;
        double maxPulseGap = -1;
        String worstStep = "";
        double worstStepGap = -1;
        final List<String> output = new ArrayList<>();
    }

    private Probe launch(Map<String, String> environment, boolean clickThrough) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), PROBE_CLASS));
        if (clickThrough) {
            command.add("--scenarios");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(environment); // the URL in the environment, not on the command line (ps shows that)
        Probe probe = new Probe();
        long start = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                read(line.strip(), probe, start);
            }
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("The UI probe did not finish in " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0 || probe.firstPageMillis < 0 || (clickThrough && probe.maxPulseGap < 0)) {
            String last = probe.output.isEmpty() ? "no output" : probe.output.get(probe.output.size() - 1);
            throw new IOException("The UI probe failed (exit " + process.exitValue() + "): " + last);
        }
        return probe;
    }

    private static void read(String line, Probe probe, long start) {
        probe.output.add(line);
        if (line.equals("first-page-painted") && probe.firstPageMillis < 0) {
            probe.firstPageMillis = (System.nanoTime() - start) / 1e6;
        } else if (line.startsWith("max-pulse-gap-ms ")) {
            probe.maxPulseGap = Double.parseDouble(line.substring("max-pulse-gap-ms ".length()).strip());
        } else if (line.startsWith("pulse-gap ")) {
            String[] parts = line.split(" ");
            double gap = Double.parseDouble(parts[parts.length - 1]);
            if (gap > probe.worstStepGap) {
                probe.worstStepGap = gap;
                probe.worstStep = "worst step: " + String.join(" ", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1));
            }
        }
    }
}
