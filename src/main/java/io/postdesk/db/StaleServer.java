package io.postdesk.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an earlier server left in the cluster, cleared before a start. We hold the data folder lock
 * when this runs, so no live PostDesk owns any of it:
 * <ul>
 * <li>a server left running by a PostDesk that was killed: it is stopped, and shuts down cleanly;</li>
 * <li>backends a killed postmaster left behind: PostgreSQL will not start while they still hold the
 *     old shared memory ("pre-existing shared memory block is still in use"). They notice the
 *     postmaster's death and end by themselves within moments; any still there after a grace time
 *     are killed, which is what PostgreSQL's documentation asks for. Crash recovery (WAL replay) at
 *     the next start then brings back every committed transaction;</li>
 * <li>a postmaster.pid whose process is gone. PostgreSQL itself overwrites it, unless the pid now
 *     belongs to another process of this user (pids are reused), when it refuses to start: the file
 *     is removed.</li>
 * </ul>
 */
final class StaleServer {
    private static final Logger log = LoggerFactory.getLogger(StaleServer.class);
    private static final Duration BACKENDS_END_BY_THEMSELVES = Duration.ofSeconds(5);
    private static final Duration KILLED_BACKENDS_END = Duration.ofSeconds(10);
    private static final Duration DEAD_POSTMASTER_REAPED = Duration.ofSeconds(5);

    private StaleServer() {
    }

    static void clear(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> server = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(process -> ServerProcesses.belongsTo(process, cluster));
        if (server.isPresent()) {
            stop(server.get());
            return;
        }
        readPid(pidFile).ifPresent(StaleServer::awaitReaped);
        endOrphans(cluster);
        try {
            Files.deleteIfExists(pidFile);
            log.warn("Removed the postmaster.pid of a server that had ended without a shutdown");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the stale " + pidFile, e);
        }
    }

    private static void stop(ProcessHandle server) {
        log.warn("Stopping a PostgreSQL server (pid {}) left running by an earlier PostDesk", server.pid());
        server.destroy(); // SIGTERM: a smart shutdown, which writes a clean checkpoint
        try {
            server.onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("A PostgreSQL server from an earlier PostDesk (pid "
                    + server.pid() + ") did not stop; stop it and start PostDesk again.", e);
        }
    }

    private static void endOrphans(Path cluster) {
        List<ProcessHandle> orphans = waitForEnd(ServerProcesses.workingIn(cluster), BACKENDS_END_BY_THEMSELVES);
        if (orphans.isEmpty()) {
            return;
        }
        log.warn("Killing {} PostgreSQL processes a dead postmaster left behind: {}", orphans.size(),
                orphans.stream().map(ProcessHandle::pid).toList());
        orphans.forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> left = waitForEnd(orphans, KILLED_BACKENDS_END);
        if (!left.isEmpty()) {
            throw new IllegalStateException("PostgreSQL processes of the stopped server (pids "
                    + left.stream().map(ProcessHandle::pid).toList() + ") do not end; end them, then retry.");
        }
    }

    /**
     * A killed postmaster stays a zombie until its parent (init, once pg_ctl has gone) reaps it, a
     * moment later on a busy machine. PostgreSQL takes a pid that answers kill(pid, 0) for a live
     * server, and a zombie answers: the socket's lock file (/tmp/.s.PGSQL.PORT.lock, which names the
     * dead postmaster) then stops the new server ("lock file already exists"). So wait for the reap
     * (only for a zombie: a live process under a reused pid is no reason to wait).
     */
    private static void awaitReaped(long pid) {
        long deadline = System.nanoTime() + DEAD_POSTMASTER_REAPED.toNanos();
        while (ServerProcesses.isZombie(pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the dead PostgreSQL was reaped", e);
            }
        }
        if (ServerProcesses.isZombie(pid)) {
            log.warn("The dead postmaster (pid {}) is not reaped yet; PostgreSQL may refuse to start", pid);
        }
    }

    /** The processes still running after {@code limit}, looked at every 50 ms. */
    private static List<ProcessHandle> waitForEnd(List<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<ProcessHandle> running = processes;
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while old PostgreSQL processes ended", e);
            }
            running = running.stream().filter(process -> ServerProcesses.isRunning(process.pid())).toList();
        }
        return running;
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
