package io.postdesk.db;

import io.postdesk.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostDesk's own PostgreSQL 17, kept in the user's data folder.
 *
 * <p>zonky's defaults are made for throw-away test databases, so three of them are overridden:
 * the cluster is kept on close (it is the user's data), and fsync and synchronous_commit are on
 * (zonky passes {@code -F}; a later {@code -c fsync=on} on the same command line wins).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String SUPERUSER = "postgres";
    static final String DATABASE = "postgres";

    private final DataFolderLock lock;
    private final EmbeddedPostgres server;
    private final EmbeddedPassword password;
    private final Path dataFolder;
    private final boolean created;

    private EmbeddedDatabase(DataFolderLock lock, EmbeddedPostgres server, EmbeddedPassword password,
                             Path dataFolder, boolean created) {
        this.lock = lock;
        this.server = server;
        this.password = password;
        this.dataFolder = dataFolder;
        this.created = created;
    }

    /**
     * Starts the server on the cluster in {@code dataFolder/pgdata}, creating it on first use.
     *
     * @throws DataFolderInUseException when another PostDesk runs on the same folder
     */
    public static EmbeddedDatabase start(Path dataFolder) {
        DataFolderLock lock = DataFolderLock.acquire(dataFolder);
        try {
            Path cluster = dataFolder.resolve("pgdata");
            boolean created = !Files.exists(cluster.resolve("PG_VERSION"));
            StaleServer.stopIfRunning(cluster);
            EmbeddedPassword password = created
                    ? EmbeddedPassword.create(dataFolder) : EmbeddedPassword.read(dataFolder);
            long started = System.nanoTime();
            long memory = ServerMemory.physicalBytes();
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("shared_buffers", ServerMemory.sharedBuffersMb(memory) + "MB")
                    .setServerConfig("effective_cache_size", ServerMemory.effectiveCacheMb(memory) + "MB")
                    // Unicode-aware upper/lower case (ILIKE on "É") without depending on OS locales.
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setLocaleConfig("locale", "C")
                    // zonky runs initdb with "-A trust"; these later options win, so other
                    // accounts on the machine cannot log in to the user's database.
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", password.file().toString())
                    .setConnectConfig("password", password.value())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            log.info("Embedded PostgreSQL {} on port {} in {} ms (cluster {})",
                    created ? "created and started" : "started", server.getPort(),
                    (System.nanoTime() - started) / 1_000_000, cluster);
            return new EmbeddedDatabase(lock, server, password, dataFolder, created);
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("The embedded database did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** How to connect: the superuser over TCP on localhost, with the password only this OS user can read. */
    public DatabaseUrl url() {
        return new DatabaseUrl("localhost", server.getPort(), DATABASE, SUPERUSER, password.value(), Map.of());
    }

    public Path dataFolder() {
        return dataFolder;
    }

    /** True when this start created the cluster (first run, or after the user deleted it). */
    public boolean created() {
        return created;
    }

    /** Stops the server with a clean shutdown and releases the folder. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("The embedded database did not stop cleanly", e);
        } finally {
            lock.close();
        }
    }
}
