package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed postmaster is a zombie until it is reaped, and PostgreSQL takes a zombie's pid (in the
 * socket's lock file) for a live server: the start after a crash waits for the reap. A zombie is
 * made here as PostgreSQL's is: its parent (here {@code sleep}, there init) has not waited for it yet.
 */
@EnabledOnOs(OS.LINUX)
class DeadPostmasterReapTest {
    @TempDir
    Path cluster;

    @Test
    void theStartAfterACrashWaitsUntilTheDeadPostmasterIsReaped() throws Exception {
        // sh forks a short sleep, then becomes a long one, which never waits for its child: a zombie.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & exec sleep 30").start();
        ProcessHandle zombie = Eventually.read(Duration.ofSeconds(10),
                () -> parent.toHandle().children().findFirst().orElse(null), child -> child != null);
        long pid = zombie.pid();
        Eventually.until(Duration.ofSeconds(10), () -> "the short sleep did not end", () -> !ServerProcesses.isRunning(pid));
        assertThat(ServerProcesses.isZombie(pid)).as("a zombie still holds its pid").isTrue();
        Files.write(cluster.resolve("postmaster.pid"), List.of(Long.toString(pid), cluster.toString()));

        // Its parent ends in a second: init adopts the zombie and reaps it.
        CompletableFuture<Void> reaped = CompletableFuture.runAsync(() -> {
            try {
                parent.destroy();
                parent.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
        StaleServer.clear(cluster);

        assertThat(ServerProcesses.isZombie(pid)).as("cleared only once the dead postmaster was reaped").isFalse();
        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
        reaped.get(10, TimeUnit.SECONDS);
    }
}
