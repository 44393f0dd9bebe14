package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a server that ended without a shutdown leaves behind does not stop the next start. */
class StaleServerTest {
    @TempDir
    Path dataFolder;

    @Test
    void aPostmasterPidWhoseProcessIsGoneDoesNotStopTheNextStart() throws Exception {
        EmbeddedDatabase.start(dataFolder).close();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = dataFolder.resolve("pgdata/postmaster.pid");
        Files.write(pidFile, List.of(Long.toString(gone.pid()), dataFolder.resolve("pgdata").toString(),
                "1700000000", "5432", "/tmp", "localhost", "  0  0", "ready   "));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataFolder)) {
            assertThat(database.isRunning()).isTrue();
            try (Connection jdbc = jdbc(database); ResultSet rs = jdbc.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    /**
     * The postmaster killed (kill -9) while a backend ran a long query: the backend does not notice and
     * keeps the old shared memory, so PostgreSQL refuses to start ("pre-existing shared memory block
     * is still in use") until it is gone. The next start ends it, and crash recovery keeps the commit.
     */
    @Test
    void aBackendAKilledPostmasterLeftRunningDoesNotStopTheNextStart() throws Exception {
        CompletableFuture<Void> busy;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataFolder)) {
            try (Connection jdbc = jdbc(database)) {
                jdbc.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
            }
            busy = CompletableFuture.runAsync(() -> {
                try (Connection jdbc = jdbc(database)) {
                    jdbc.createStatement().execute("SELECT count(*) FROM generate_series(1, 10000000000)");
                } catch (SQLException expected) {
                    // its server goes away under it
                }
            });
            Eventually.activeQuery(() -> jdbc(database), "generate_series");
            ProcessHandle postmaster = ProcessHandle.of(database.pid()).orElseThrow();
            postmaster.destroyForcibly();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            Path cluster = dataFolder.resolve("pgdata");
            List<ProcessHandle> orphans = ServerProcesses.workingIn(cluster);
            assertThat(orphans).as("the busy backend").isNotEmpty();
            // The JDK's view (what macOS gets, without /proc) finds the same orphans as their working
            // directory does here, and none of the other servers running on this machine meanwhile.
            assertThat(ServerProcesses.orphansSeenByJdk(cluster)).as("found by the JDK")
                    .containsExactlyInAnyOrderElementsOf(orphans);
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataFolder);
             Connection jdbc = jdbc(database); ResultSet rs = jdbc.createStatement().executeQuery("SELECT id FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
        busy.get(30, TimeUnit.SECONDS);
    }

    /**
     * A running server: its postmaster's command line names the cluster (how a postmaster is known
     * without /proc), and the JDK's orphan rule takes none of its backends, whose parent lives.
     */
    @Test
    void aRunningServersPostmasterIsKnownByItsCommandLineAndItsBackendsAreNoOrphans() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataFolder)) {
            Path cluster = dataFolder.resolve("pgdata");
            ProcessHandle postmaster = ProcessHandle.of(database.pid()).orElseThrow();

            assertThat(postmaster.info().arguments().map(java.util.Arrays::asList).orElseThrow())
                    .contains("cluster_name=" + ServerProcesses.clusterName(cluster));
            assertThat(ServerProcesses.workingIn(cluster)).hasSizeGreaterThan(1); // the checkpointer, the WAL writer, …
            assertThat(ServerProcesses.orphansSeenByJdk(cluster)).isEmpty();
            assertThat(ServerProcesses.clusterName(cluster)).matches("postdesk-[0-9a-f]{12}")
                    .isNotEqualTo(ServerProcesses.clusterName(dataFolder));
        }
    }

    private static Connection jdbc(EmbeddedDatabase database) throws SQLException {
        return DriverManager.getConnection(database.url().jdbcUrl(), database.url().user(), database.url().password());
    }
}
