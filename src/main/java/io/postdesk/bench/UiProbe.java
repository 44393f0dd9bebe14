package io.postdesk.bench;

import io.postdesk.App;
import io.postdesk.Launcher;
import io.postdesk.bench.UiProbePulses.Step;
import io.postdesk.config.DataFolders;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.Settings;
import io.postdesk.model.StartupTimes;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;

/**
 * Starts the real PostDesk window, headless under Monocle unless {@code --display}, and reports
 * on stdout how long it took to paint the first page of posts and, with {@code --scenarios}, how
 * long the FX thread went without a pulse while the probe used the window as a person would.
 * The benchmark runs it as a child JVM and timestamps the lines:
 *
 * <pre>
 *   java [jvm options] -cp target/postdesk.jar io.postdesk.bench.UiProbe
 *        [--database-url URL] [--data-dir DIR] [--scenarios] [--display]
 *        [--common-word WORD] [--rare-word WORD]
 * </pre>
 *
 * The database is chosen as the window chooses it ({@code --database-url}, {@code DATABASE_URL},
 * {@code .env}, else the embedded one in the data folder). Output, one item per line:
 *
 * <pre>
 *   first-page-painted                           the moment the first rows of posts are on screen
 *   startup-phases main=95 toolkit=95..480 ...   ms since the JVM started: a moment, or start..end
 *   startup-cpu-ms 5200                          CPU time of the probe's JVM until then (all threads)
 *   startup-pulse-gap-ms 40                      longest pulse gap from the window's first pulse to then
 *   pulse-gap search-common 35                   per scenario step (with --scenarios)
 *   max-pulse-gap-ms 61                          the longest of the steps (with --scenarios)
 * </pre>
 *
 * Exit code 0 when all went through; 1 with a one-line reason on stderr ({@code ui-probe: ...}) when a
 * step failed or did not finish within 60 s; 2 for a bad command line. The app's own log goes to
 * {@code DIR/logs/postdesk.log}, not to stderr ({@code -Dpostdesk.consoleLog=WARN} brings it back).
 */
public final class UiProbe {
    static final long STEP_TIMEOUT_SECONDS = 60;
    private static final int EXIT_FAILED = 1;
    private static final int EXIT_USAGE = 2;

    private final PrintStream out = System.out;
    private final StartupTimes times;
    private final Options options;
    private final UiProbePulses pulses = new UiProbePulses();
    private final AtomicBoolean painted = new AtomicBoolean();
    private App app;
    private UiProbeScenarios scenarios;

    private UiProbe(StartupTimes times, Options options) {
        this.times = times;
        this.options = options;
    }

    /** The command line. */
    record Options(String databaseUrl, Path dataFolder, boolean scenarios, boolean display, String commonWord,
                   String rareWord) {
        static Options parse(String[] args) {
            String url = null;
            Path data = null;
            boolean scenarios = false;
            boolean display = false;
            String common = "the";
            String rare = "quokkafest";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--database-url" -> url = value(args, ++i);
                    case "--data-dir" -> data = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--scenarios" -> scenarios = true;
                    case "--display" -> display = true;
                    case "--common-word" -> common = value(args, ++i);
                    case "--rare-word" -> rare = value(args, ++i);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(url, data != null ? data : DataFolders.forThisUser(), scenarios, display, common, rare);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    public static void main(String[] args) {
        StartupTimes times = StartupTimes.sinceJvmStart();
        times.mark("main");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ui-probe: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (!options.display()) {
            headless();
        }
        // As the Launcher does, before the first logger exists: the log goes to the data folder.
        System.setProperty("postdesk.logDir", options.dataFolder().resolve("logs").toString());
        // stderr is for the one-line reason; the log file in the data folder has the details.
        if (System.getProperty("postdesk.consoleLog") == null) {
            System.setProperty("postdesk.consoleLog", "OFF");
        }
        Launcher.initLoggingInBackground();
        int exitCode;
        try {
            new UiProbe(times, options).run();
            exitCode = 0;
        } catch (ProbeFailure e) {
            System.err.println("ui-probe: " + e.getMessage());
            exitCode = EXIT_FAILED;
        }
        System.out.flush();
        System.exit(exitCode);
    }

    /** The system properties surefire sets for the TestFX tests (see the pom), unless given with -D. */
    private static void headless() {
        Map.of("testfx.robot", "glass", "testfx.headless", "true", "glass.platform", "Monocle",
                        "monocle.platform", "Headless", "prism.order", "sw", "prism.text", "t2k",
                        "java.awt.headless", "true")
                .forEach((key, value) -> {
                    if (System.getProperty(key) == null) {
                        System.setProperty(key, value);
                    }
                });
    }

    private void run() throws ProbeFailure {
        times.whenFinished(this::firstPagePainted);
        CompletableFuture<Long> startup = pulses.enqueue(new Step("startup", () -> painted::get), 0);
        startWindow();
        long startupGap = await("the first page of posts", startup);
        line("startup-pulse-gap-ms " + startupGap);
        if (options.scenarios()) {
            runScenarios();
        }
        stopWindow();
    }

    /** What Application.launch does for the Launcher: the toolkit, then the App's init and start. */
    private void startWindow() throws ProbeFailure {
        long toolkitStart = times.now();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> {
            times.span("toolkit", toolkitStart);
            try {
                app = new App(new LaunchOptions(options.databaseUrl(), false, false),
                        Settings.load(Path.of("").toAbsolutePath()), options.dataFolder(), times);
                app.init();
                Stage stage = new Stage();
                app.start(stage);
                scenarios = new UiProbeScenarios(stage.getScene(), options.commonWord(), options.rareWord());
                scenarios.showPostsTab();
                pulses.start();
                started.complete(null);
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        });
        await("the window to open", started);
    }

    /** FX thread, the moment the App saw its first page of posts painted. */
    private void firstPagePainted(StartupTimes done) {
        line("first-page-painted");
        line("startup-phases " + done);
        line("startup-cpu-ms " + processCpuMillis());
        painted.set(true);
    }

    private void runScenarios() throws ProbeFailure {
        List<Step> steps = callOnFxThread(() -> scenarios.steps());
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (Step step : steps) {
            results.add(pulses.enqueue(step));
        }
        long max = 0;
        for (int i = 0; i < steps.size(); i++) {
            long gap = await("step " + steps.get(i).name(), results.get(i));
            line("pulse-gap " + steps.get(i).name() + " " + gap);
            max = Math.max(max, gap);
        }
        line("max-pulse-gap-ms " + max);
    }

    /** As closing the window: the App saves its state, closes the database and stops the embedded server. */
    private void stopWindow() throws ProbeFailure {
        await("the window to close", callOnFxThreadAsync(() -> {
            pulses.stop();
            app.stop();
            return null;
        }));
        Platform.exit();
    }

    private <T> T await(String what, CompletableFuture<T> future) throws ProbeFailure {
        try {
            return future.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ProbeFailure(what + " did not finish within " + STEP_TIMEOUT_SECONDS + " s" + whatTheWindowSays());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ProbeFailure(what + " failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure(what + " was interrupted");
        }
    }

    /** On a timeout, what the posts view says (a failed connection, a question), so the reason is in the line. */
    private String whatTheWindowSays() {
        try {
            String message = callOnFxThreadAsync(() -> {
                Node overlay = app == null || scenarios == null ? null
                        : scenarios.postsTable().getParent().lookup("#overlayMessage");
                return overlay instanceof Labeled label && label.isVisible() ? label.getText() : null;
            }).get(5, TimeUnit.SECONDS);
            return message == null ? "" : " (the posts view says: " + oneLine(message) + ")";
        } catch (ExecutionException | TimeoutException e) {
            return " (the FX thread does not answer)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** CPU time of this JVM so far, all threads (the embedded server's own processes not included). */
    private static long processCpuMillis() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : -1;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private <T> T callOnFxThread(java.util.concurrent.Callable<T> work) throws ProbeFailure {
        return await("the FX thread", callOnFxThreadAsync(work));
    }

    private static <T> CompletableFuture<T> callOnFxThreadAsync(java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void line(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    /** A step that went wrong, in one line for stderr. */
    private static final class ProbeFailure extends Exception {
        ProbeFailure(String message) {
            super(message);
        }
    }
}
