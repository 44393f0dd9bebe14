package io.postdesk.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running by a PostDesk that was killed (kill -9, power off): it still
 * holds the cluster, so a new server could not start. We hold the data folder lock when this
 * runs, so no live PostDesk can own that server; stopping it is safe, and it shuts down cleanly.
 */
final class StaleServer {
    private static final Logger log = LoggerFactory.getLogger(StaleServer.class);

    private StaleServer() {
    }

    static void stopIfRunning(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> server = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(StaleServer::isPostgres);
        if (server.isEmpty()) {
            return; // a pid file from a crash; PostgreSQL itself recovers from it
        }
        log.warn("Stopping a PostgreSQL server (pid {}) left running by an earlier PostDesk", server.get().pid());
        server.get().destroy(); // SIGTERM: a smart shutdown, which writes a clean checkpoint
        try {
            server.get().onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("A PostgreSQL server from an earlier PostDesk (pid "
                    + server.get().pid() + ") did not stop; stop it and start PostDesk again.", e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.contains("postgres")).orElse(true);
    }
}
