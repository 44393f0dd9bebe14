package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostDesk's own start of the embedded PostgreSQL: the unpacked programs, initdb, start, stop. */
class PostgresServerTest {
    @TempDir
    Path folder;

    @Test
    void theProgramsFolderIsNamedAfterTheArchivesCrcAndSizeWithoutHashingIt() throws Exception {
        URL archive = getClass().getClassLoader().getResource("postgres-linux-x86_64.txz");
        if (archive == null) { // the test machine is another platform: name whichever archive is on the class path
            archive = Stream.of("postgres-darwin-x86_64.txz", "postgres-windows-x86_64.txz")
                    .map(getClass().getClassLoader()::getResource).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        }
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = archive.openStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                crc.update(buffer, 0, n);
            }
        }

        String name = PostgresBinaries.folderName(archive);

        String base = Path.of(archive.getPath()).getFileName().toString().replace(".txz", "");
        assertThat(name).isEqualTo(String.format("%s-%08x-%d", base, crc.getValue(), size));
    }

    @Test
    void theProgramsAreUnpackedOnceEvenByTwoAtATime() throws Exception {
        Path cache = folder.resolve("cache");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<Path> prepare = () -> PostgresBinaries.prepare(cache);
                results.add(two.submit(prepare));
            }
            Path first = results.get(0).get();
            assertThat(results.get(1).get()).isEqualTo(first);
            assertThat(first.resolve("bin").resolve(PostgresBinaries.executable("pg_ctl"))).isExecutable();
            try (Stream<Path> entries = Files.list(cache)) {
                assertThat(entries).containsExactly(first); // no half-unpacked folder left
            }
            long unpackedAt = Files.getLastModifiedTime(first).toMillis();

            assertThat(PostgresBinaries.prepare(cache)).isEqualTo(first);
            assertThat(Files.getLastModifiedTime(first).toMillis()).isEqualTo(unpackedAt);
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aStartedServerAcceptsConnectionsAtOnceAndStopsOnClose() throws Exception {
        Path binaries = PostgresBinaries.prepare(io.postdesk.config.DataFolders.cacheForThisUser());
        Path cluster = folder.resolve("pgdata");
        Path password = Files.writeString(folder.resolve("pw"), "secret");
        PostgresServer.initdb(binaries, cluster, "postgres", List.of("--auth=scram-sha-256", "--pwfile=" + password));

        try (PostgresServer server = PostgresServer.start(binaries, cluster, Map.of("max_connections", "17",
                "listen_addresses", "localhost"), Duration.ofSeconds(60))) {
            int port = server.port();
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                    "postgres", "secret"); ResultSet rs = connection.createStatement().executeQuery(
                    "SELECT setting, source FROM pg_settings WHERE name = 'max_connections'")) {
                rs.next();
                assertThat(rs.getString(1) + " from the " + rs.getString(2)).isEqualTo("17 from the command line");
            }
            assertThat(cluster.resolve("postmaster.pid")).exists();
        }
        assertThat(cluster.resolve("postmaster.pid")).doesNotExist(); // a clean shutdown removes it
    }

    @Test
    void aServerThatCannotStartFailsWithoutWaitingForTheTimeout() throws Exception {
        Path binaries = PostgresBinaries.prepare(io.postdesk.config.DataFolders.cacheForThisUser());
        Path cluster = folder.resolve("pgdata");
        PostgresServer.initdb(binaries, cluster, "postgres", List.of());

        long start = System.nanoTime();
        assertThatThrownBy(() -> PostgresServer.start(binaries, cluster, Map.of("shared_buffers", "nonsense"),
                Duration.ofSeconds(60)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PostgreSQL did not start (pg_ctl exit");

        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
    }
}
