package io.postdesk.bench;

import io.postdesk.config.DatabaseUrl;
import io.postdesk.launch.ClassDataArchive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 *
 * <p>Startup is measured as the app ships, with the class-data archive beside the jar (made by a
 * training run first when it is missing or does not fit this jar and JVM, untimed), and as a plain
 * {@code java -jar}; the four kinds of launch take turns, so a change in the machine's load falls on
 * all of them alike. Each launch goes through the command line's parsing as the Launcher's does
 * ({@code io.postdesk.LaunchProbe}).
 */
final class UiScenarios {
    /** Run by name: they start JavaFX, which this JVM never loads. */
    private static final String PROBE_CLASS = "io.postdesk.bench.UiProbe";
    private static final String LAUNCH_PROBE_CLASS = "io.postdesk.LaunchProbe";
    private static final int STARTUP_RUNS = 5;
    private static final long TIMEOUT_SECONDS = 300;

    private final DatabaseUrl url;
    private final Scenarios scenarios;
    private final Path startupFolder;
    private final PrintStream log;

    /** @param startupFolder an embedded data folder of the probe's own (initialised on first use, then reused) */
    UiScenarios(DatabaseUrl url, Scenarios scenarios, Path startupFolder, PrintStream log) {
        this.url = url;
        this.scenarios = scenarios;
        this.startupFolder = startupFolder;
        this.log = log;
    }

    void run() {
        startup();
        responsiveness();
    }

    /** One kind of launch, a database with the archive or without, and its times. */
    private static final class Startup {
        final String name;
        final Map<String, String> environment;
        final List<String> jvmOptions;
        final double[] times = new double[STARTUP_RUNS];
        Exception failure;

        Startup(String name, Map<String, String> environment, List<String> jvmOptions) {
            this.name = name;
            this.environment = environment;
            this.jvmOptions = jvmOptions;
        }
    }

    private void startup() {
        Map<String, String> embedded = Map.of("POSTDESK_DATA_DIR", startupFolder.toString());
        Map<String, String> server = serverEnvironment();
        List<String> archive;
        String archiveFailure = null;
        try {
            archive = archiveOptions();
        } catch (Exception e) {
            archive = null;
            archiveFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        List<Startup> kinds = new ArrayList<>();
        String shipped = ", with the class-data archive";
        String plain = ", plain java -jar";
        if (archive != null) {
            kinds.add(new Startup("startup to first page, embedded database (initialised)" + shipped, embedded, archive));
        }
        kinds.add(new Startup("startup to first page, embedded database (initialised)" + plain, embedded, List.of()));
        if (archive != null) {
            kinds.add(new Startup("startup to first page, benchmark database" + shipped, server, archive));
        }
        kinds.add(new Startup("startup to first page, benchmark database" + plain, server, List.of()));

        Goal goal = Goal.p50Under(3_000);
        for (int round = -1; round < STARTUP_RUNS; round++) { // round -1: the first start may create the folder
            for (Startup kind : kinds) {
                if (kind.failure != null) {
                    continue;
                }
                try {
                    Probe probe = launch(LAUNCH_PROBE_CLASS, kind.jvmOptions, kind.environment, false);
                    if (round >= 0) {
                        kind.times[round] = probe.firstPageMillis;
                        log.printf("  %s, run %d: %,.0f ms (%s; cpu %s ms)%n", kind.name, round + 1,
                                probe.firstPageMillis, probe.phases, probe.cpuMillis);
                    }
                } catch (Exception e) {
                    kind.failure = e;
                }
            }
        }
        if (archiveFailure != null) {
            scenarios.add(new Row("startup to first page, with the class-data archive", null, null, "", goal,
                    "no archive: " + archiveFailure.lines().findFirst().orElse("")));
        }
        for (Startup kind : kinds) {
            scenarios.add(kind.failure != null ? Row.failed(kind.name, goal, kind.failure)
                    : new Row(kind.name, Timings.of(kind.times), null, "", goal, null));
        }
    }

    /**
     * The launch options of the archive beside the jar this runs from, made first by a training run if
     * it is missing or does not fit (another jar or JVM), as a launcher without JDK 19's
     * {@code -XX:+AutoCreateSharedArchive} has to.
     */
    private List<String> archiveOptions() throws java.io.IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            throw new IllegalStateException("class-data sharing needs the benchmark run from the jar (java -jar postdesk.jar bench)");
        }
        ClassDataArchive archive = ClassDataArchive.besideJar(Path.of(classPath).toAbsolutePath());
        if (!archive.isUsable(ClassDataArchive.thisJava())) {
            archive.trainPostDesk(ClassDataArchive.thisJava(), log);
        }
        return archive.launchOptions();
    }

    /** The benchmark database, and a data folder of the probe's own for its log and window state (not the user's). */
    private Map<String, String> serverEnvironment() {
        return Map.of("DATABASE_URL", url.withCredentials(),
                "POSTDESK_DATA_DIR", startupFolder.resolveSibling(startupFolder.getFileName() + "-server").toString());
    }

    private void responsiveness() {
        String name = "longest FX pulse gap while clicking through (benchmark database)";
        Goal goal = new Goal("never > 100 ms", row -> row.ours().p95() <= 100);
        try {
            Probe probe = launch(PROBE_CLASS, List.of(), serverEnvironment(), true);
            scenarios.add(new Row(name, Timings.of(probe.maxPulseGap), null, probe.worstStep, goal, null));
        } catch (Exception e) {
            scenarios.add(Row.failed(name, goal, e));
        }
    }

    private static final class Probe {
        double firstPageMillis = -1;
        String phases = "";
        String cpuMillis = "";
        double maxPulseGap = -1;
        String worstStep = "";
        double worstStepGap = -1;
        final List<String> output = new ArrayList<>();
    }

    /**
     * This JVM's class path with every entry absolute: the probe runs in a folder of its own, where
     * the relative {@code target/postdesk.jar} of {@code java -jar target/postdesk.jar bench} names nothing.
     */
    private static String classPath() {
        return absolute(System.getProperty("java.class.path"));
    }

    static String absolute(String classPath) {
        return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private Probe launch(String mainClass, List<String> jvmOptions, Map<String, String> environment, boolean clickThrough)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ClassDataArchive.thisJava().toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), mainClass));
        if (clickThrough) {
            command.add("--scenarios");
        }
        // Started in the probe's own folder: a .env where the benchmark was started must not choose its database.
        Files.createDirectories(startupFolder);
        ProcessBuilder builder = new ProcessBuilder(command).directory(startupFolder.toFile()).redirectErrorStream(true);
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
        } else if (line.startsWith("startup-phases ")) {
            probe.phases = line.substring("startup-phases ".length());
        } else if (line.startsWith("startup-cpu-ms ")) {
            probe.cpuMillis = line.substring("startup-cpu-ms ".length());
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
