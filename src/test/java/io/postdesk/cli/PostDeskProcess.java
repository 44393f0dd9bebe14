package io.postdesk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code postdesk ARGS} as a real process (signals and kills reach it as they would a user's), its output in files. */
final class PostDeskProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private PostDeskProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static PostDeskProcess start(Path folder, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.postdesk.Launcher"));
        command.addAll(List.of(args));
        Path out = folder.resolve(name + "-stdout.txt");
        Path err = folder.resolve(name + "-stderr.txt");
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new PostDeskProcess(process, out, err);
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits until {@code file} (out or err) holds {@code text}; fails when the process ends first or time runs out. */
    void awaitText(boolean inOut, String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if ((inOut ? out() : err()).contains(text)) {
                return;
            }
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("postdesk ended (exit " + process.exitValue() + ") before it said: "
                        + text + "\nout: " + out() + "\nerr: " + err());
            }
        }
        throw new AssertionError("Not said within " + timeout + ": " + text + "\nout: " + out() + "\nerr: " + err());
    }

    /** Ctrl+C. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    /** kill -9: no shutdown hook, no clean-up, as a crash or a power cut. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
