package io.postdesk.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server on a cluster folder, run with the programs of {@link PostgresBinaries}:
 * {@code initdb} once, {@code pg_ctl start} at every start and {@code pg_ctl stop -m fast} on close (or
 * when the JVM is asked to end). The server's own output goes to PostDesk's log.
 *
 * <p>The start is over when the server says so in {@code postmaster.pid} (the status line "ready",
 * what {@code pg_ctl -w} waits for), read every 10 ms: {@code pg_ctl -w} itself looks every 100 ms,
 * and zonky then opened a JDBC connection of its own to check. {@code pg_ctl} still waits beside, and a
 * start that fails ends with its exit code.
 */
final class PostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Logger serverOutput = LoggerFactory.getLogger("io.postdesk.db.postgres");
    private static final long POLL_MILLIS = 10;
    /** How long a failed start waits for the server's last words (the output thread may lag behind). */
    private static final Duration REASONS_WAIT = Duration.ofMillis(500);
    /** Lines of postmaster.pid (PostgreSQL 10+): 1 pid, 3 start time (epoch seconds), 4 port, 8 status. */
    private static final int PID_LINE = 0;
    private static final int START_TIME_LINE = 2;
    private static final int PORT_LINE = 3;
    private static final int STATUS_LINE = 7;

    private final Path binaries;
    private final Path cluster;
    private final int port;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** The postmaster's pid once it is ready; 0 before. */
    private volatile long postmasterPid;
    /** What the server said it stopped for (FATAL, PANIC), for the message of a start that failed. */
    private final ServerReasons reasons = new ServerReasons();

    private PostgresServer(Path binaries, Path cluster, int port) {
        this.binaries = binaries;
        this.cluster = cluster;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "postdesk-postgres-stop");
    }

    /** Creates the cluster: {@code initdb -D cluster -U superuser} and {@code options}. */
    static void initdb(Path binaries, Path cluster, String superuser, List<String> options) {
        List<String> command = new ArrayList<>(List.of(program(binaries, "initdb"), "-D", cluster.toString(),
                "-U", superuser, "-E", "UTF-8"));
        command.addAll(options);
        long start = System.nanoTime();
        Process process = run(command, "initdb");
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("initdb failed (exit " + exit + "); the log has its output.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IllegalStateException("Interrupted while initdb ran", e);
        }
        log.info("initdb {} in {} ms", cluster, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Starts a server on {@code cluster}, listening on a free port of localhost, with {@code settings}
     * ({@code -c name=value}; values without spaces); returns once it accepts connections.
     */
    static PostgresServer start(Path binaries, Path cluster, Map<String, String> settings, Duration timeout) {
        return start(binaries, cluster, freePort(), settings, timeout);
    }

    /** As {@link #start(Path, Path, Map, Duration)} on {@code port} (a restart keeps the port the pool knows). */
    static PostgresServer start(Path binaries, Path cluster, int port, Map<String, String> settings, Duration timeout) {
        PostgresServer server = new PostgresServer(binaries, cluster, port);
        StringBuilder options = new StringBuilder("-p " + server.port);
        // In the command line and every child's process title: how the processes of this cluster are
        // found where /proc cannot tell (ServerProcesses.named; a killed postmaster's orphans on macOS).
        options.append(" -c cluster_name=").append(ServerProcesses.clusterName(cluster));
        settings.forEach((name, value) -> {
            if (!value.matches("[A-Za-z0-9_./:-]+")) {
                throw new IllegalArgumentException("setting " + name + ": a value pg_ctl can pass on: " + value);
            }
            options.append(" -c ").append(name).append('=').append(value);
        });
        long startedAt = System.currentTimeMillis();
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        Process pgCtl = run(List.of(program(binaries, "pg_ctl"), "-D", cluster.toString(), "-o", options.toString(),
                "-w", "-t", Long.toString(timeout.toSeconds()), "start"), "pg_ctl", server.reasons);
        try {
            server.awaitReady(pgCtl, startedAt, timeout);
            server.postmasterPid = StaleServer.readPid(cluster.resolve("postmaster.pid")).orElse(0L);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        pgCtl.onExit().thenAccept(done -> {
            // pg_ctl looks every 100 ms: a server stopped within that time makes it end with 1, rightly so.
            if (done.exitValue() != 0 && !server.stopped.get()) {
                log.warn("pg_ctl start ended with exit code {} after the server was ready", done.exitValue());
            }
        });
        return server;
    }

    int port() {
        return port;
    }

    long pid() {
        return postmasterPid;
    }

    /**
     * False once the postmaster has ended without being asked to (kill -9, a crash, the OOM killer).
     * A zombie counts as ended: it serves nobody, though its pid is still there until it is reaped.
     */
    boolean isAlive() {
        return ServerProcesses.isRunning(postmasterPid);
    }

    /**
     * Lets go of a server that died by itself: nothing to stop (pg_ctl stop would only say "no
     * server running"), and the shutdown hook must not stop the server started in its place.
     */
    void forgetDead() {
        stopped.set(true);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down.
        }
    }

    private void awaitReady(Process pgCtl, long startedAt, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (isReady(startedAt)) {
                    return;
                }
                if (pgCtl.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (pgCtl.exitValue() == 0) {
                        return; // pg_ctl saw it ready first
                    }
                    throw new IllegalStateException("PostgreSQL did not start (pg_ctl exit " + pgCtl.exitValue()
                            + ")" + reasons.lastWords(REASONS_WAIT) + "; the log has its output.");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while PostgreSQL started", e);
        }
        throw new IllegalStateException("PostgreSQL did not start within " + timeout.toSeconds() + " s; the log has its output.");
    }

    /** postmaster.pid of a server started by us (our port, started since) that is ready for connections. */
    private boolean isReady(long startedAt) {
        List<String> lines;
        try {
            lines = Files.readAllLines(cluster.resolve("postmaster.pid"), Charset.defaultCharset());
        } catch (IOException e) {
            return false; // not there yet
        }
        if (lines.size() <= STATUS_LINE || !lines.get(STATUS_LINE).strip().equals("ready")) {
            return false;
        }
        try {
            return Integer.parseInt(lines.get(PORT_LINE).strip()) == port
                    && Long.parseLong(lines.get(START_TIME_LINE).strip()) >= startedAt / 1000 - 2
                    && ProcessHandle.of(Long.parseLong(lines.get(PID_LINE).strip())).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false; // being written
        }
    }

    /** Stops the server with a clean shutdown ({@code pg_ctl stop -m fast}); once. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs or ran already.
        }
    }

    private void stop() {
        if (stopped.getAndSet(true) || !Files.exists(cluster.resolve("postmaster.pid"))) {
            return; // stopped already, or never started (a failed start)
        }
        long start = System.nanoTime();
        Process process = run(List.of(program(binaries, "pg_ctl"), "-D", cluster.toString(), "stop", "-m", "fast",
                "-w", "-t", "30"), "pg_ctl");
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                log.warn("pg_ctl stop did not end cleanly; the log has its output");
            } else {
                log.info("PostgreSQL stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs a PostgreSQL program, its output (and the server's, which inherits it from pg_ctl) copied to
     * the log by a daemon thread. PostgreSQL refuses to run as root: there (CI containers) it runs in a
     * user namespace of its own, as zonky does.
     */
    private static Process run(List<String> command, String name) {
        return run(command, name, null);
    }

    /** As {@link #run(List, String)}, the output also read for the server's reasons (when not null). */
    private static Process run(List<String> command, String name, ServerReasons reasons) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            Thread copy = new Thread(() -> copyToLog(process, name, reasons), "postdesk-" + name + "-output");
            copy.setDaemon(true);
            copy.start();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + full.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static void copyToLog(Process process, String name, ServerReasons reasons) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                Charset.defaultCharset()))) {
            for (String line; (line = lines.readLine()) != null; ) {
                serverOutput.info("{}: {}", name, line);
                if (reasons != null) {
                    reasons.offer(line);
                }
            }
        } catch (IOException e) {
            // The pipe closed with the process.
        } finally {
            if (reasons != null) {
                reasons.ended();
            }
        }
    }

    private static String program(Path binaries, String name) {
        return binaries.resolve("bin").resolve(PostgresBinaries.executable(name)).toString();
    }

    private static boolean isRoot() {
        try {
            return Files.exists(Path.of("/proc/self")) && Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded database", e);
        }
    }
}
