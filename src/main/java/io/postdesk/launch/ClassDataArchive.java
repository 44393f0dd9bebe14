package io.postdesk.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;

/**
 * PostDesk's class-data sharing archive: the classes a start loads, parsed and verified once by a
 * training run and mapped from a file at every later start (on JDK 17 a dynamic archive,
 * {@code -XX:ArchiveClassesAtExit}; {@code -XX:+AutoCreateSharedArchive} needs JDK 19). It lies beside
 * the jar ({@code postdesk.jar} → {@code postdesk.jsa}) and fits only that jar at that path and the JDK
 * build that made it. With anything else the JVM starts without it, a little slower: the launch options
 * send the JVM's warning to stderr, so a command's stdout stays clean.
 *
 * <p>A half-written archive is the one case where the JVM does not fall back (JDK 17 dies of SIGBUS
 * on a truncated file), so a training run writes to a temporary file, which replaces the archive
 * only after the run ended well and the JVM accepted the new file.
 */
public final class ClassDataArchive {
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);
    /** PostDesk's training run: the start as the Launcher does it, headless, then the UI probe's clicks. */
    static final String TRAINING_MAIN = "io.postdesk.LaunchProbe";
    static final List<String> TRAINING_ARGS = List.of("--scenarios");
    static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

    private final Path jar;
    private final Path file;

    private ClassDataArchive(Path jar, Path file) {
        this.jar = jar;
        this.file = file;
    }

    /** The archive of {@code jar}: the same name with {@code .jsa} instead of {@code .jar}, in the same folder. */
    public static ClassDataArchive besideJar(Path jar) {
        Path absolute = jar.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        String base = name.endsWith(".jar") ? name.substring(0, name.length() - ".jar".length()) : name;
        return new ClassDataArchive(absolute, absolute.resolveSibling(base + ".jsa"));
    }

    /**
     * {@code ClassDataArchive JAR}: makes the archive of JAR with the JVM that runs this (the build does,
     * after packaging). Exit code 1 with the reason, and the training run's last lines, when it failed.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: java -cp postdesk.jar " + ClassDataArchive.class.getName() + " JAR");
            System.exit(2);
        }
        try {
            besideJar(Path.of(args[0])).trainPostDesk(thisJava(), System.out);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("class-data archive: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The {@code java} of the running JVM. */
    public static Path thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** {@link #train} with PostDesk's own training run. */
    public void trainPostDesk(Path java, PrintStream log) throws IOException, InterruptedException {
        trainPostDesk(java, List.of(), log);
    }

    /** {@link #train} with PostDesk's own training run, the JVM started with {@code jvmOptions}. */
    public void trainPostDesk(Path java, List<String> jvmOptions, PrintStream log) throws IOException, InterruptedException {
        train(java, jvmOptions, TRAINING_MAIN, TRAINING_ARGS, TRAINING_TIMEOUT, log);
    }

    public Path jar() {
        return jar;
    }

    public Path file() {
        return file;
    }

    /**
     * The JVM options of a launch that uses the archive when it fits and starts without it when it does
     * not ({@code -Xshare:auto}); the JVM's warnings go to stderr instead of stdout.
     */
    public List<String> launchOptions() {
        return List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr");
    }

    /**
     * Whether {@code java} would use the archive for this jar: the JVM itself is asked, with sharing
     * required ({@code -Xshare:on} fails when the archive is missing, damaged, of another JDK build, or
     * made for another jar or another version of it).
     */
    public boolean isUsable(Path java) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        return accepts(java, file);
    }

    private boolean accepts(Path java, Path archive) {
        List<String> command = List.of(java.toString(), "-XX:SharedArchiveFile=" + archive, "-Xshare:on",
                "-cp", jar.toString(), "-version");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(CHECK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + java, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Makes the archive with one training run of {@code java}: {@code mainClass} from the jar, with
     * {@code args}, in a fresh temporary folder that is also its data folder ({@code POSTDESK_DATA_DIR}, no
     * {@code DATABASE_URL}), so the run never touches the user's database. The archive is replaced only
     * when the run exits with 0 and the JVM accepts the new file.
     *
     * @throws IOException when the run fails or its archive is not accepted (the old archive, if any, stays)
     */
    public void train(Path java, String mainClass, List<String> args, Duration timeout, PrintStream log)
            throws IOException, InterruptedException {
        train(java, List.of(), mainClass, args, timeout, log);
    }

    /** {@link #train(Path, String, List, Duration, PrintStream)} with {@code jvmOptions} for the training JVM. */
    public void train(Path java, List<String> jvmOptions, String mainClass, List<String> args, Duration timeout,
                      PrintStream log) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Path work = Files.createTempDirectory(file.getParent(), file.getFileName() + ".training-");
        try {
            Path made = work.resolve("new.jsa");
            Path output = work.resolve("training.log");
            List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + made));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", jar.toString(), mainClass));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().remove("DATABASE_URL");
            builder.environment().put("POSTDESK_DATA_DIR", work.resolve("data").toString());
            long start = System.nanoTime();
            log.printf("Training the class-data archive %s (%s %s)...%n", file, mainClass, String.join(" ", args));
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("The training run did not end within " + timeout.toSeconds() + " s" + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new IOException("The training run failed (exit " + process.exitValue() + ")" + tail(output));
            }
            if (!Files.isRegularFile(made) || !accepts(java, made)) {
                throw new IOException("The training run made no archive the JVM accepts" + tail(output));
            }
            if (Files.exists(file)) {
                file.toFile().setWritable(true); // the JVM makes it read-only, and Windows will not replace that
            }
            Files.move(made, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.printf("Class-data archive %s made in %.1f s (%,d KB)%n", file, (System.nanoTime() - start) / 1e9,
                    Files.size(file) / 1024);
        } finally {
            stopServerLeftIn(work.resolve("data"));
            FileUtils.deleteDirectory(work.toFile());
        }
    }

    /** A killed training run leaves its embedded PostgreSQL running; it is stopped before its folder goes. */
    private static void stopServerLeftIn(Path dataFolder) {
        Path pidFile = dataFolder.resolve("pgdata").resolve("postmaster.pid");
        try {
            if (Files.isRegularFile(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(server -> {
                    server.destroy(); // SIGTERM: PostgreSQL's smart shutdown
                    server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
            }
        } catch (IOException | RuntimeException e) {
            // Nothing more to do: the folder may then stay behind.
        }
    }

    private static String tail(Path output) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
