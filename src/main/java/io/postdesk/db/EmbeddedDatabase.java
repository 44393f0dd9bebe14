package io.postdesk.db;

import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.DataFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostDesk's own PostgreSQL 17, kept in the user's data folder: zonky's binaries, started by
 * {@link PostgresServer} (zonky's own start is made for throw-away test databases, and spends most of
 * a second of every start on hashing its archive and detecting the Linux distribution).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String SUPERUSER = "postgres";
    static final String DATABASE = "postgres";
    /** Crash recovery of a big cluster can take a while. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Right after a crash a start can fail for a moment: what the dead server held (its last
     * backends ending, its socket's lock, its port) is let go a little later on a busy machine. A
     * restart tries again for this long before it gives up (and the window offers Retry).
     */
    private static final Duration RESTART_TRIES_FOR = Duration.ofSeconds(20);
    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private final DataFolderLock lock;
    private final Path binaries;
    private volatile PostgresServer server;
    private final EmbeddedPassword password;
    private final Path dataFolder;
    private final boolean created;

    private EmbeddedDatabase(DataFolderLock lock, Path binaries, PostgresServer server, EmbeddedPassword password,
                             Path dataFolder, boolean created) {
        this.lock = lock;
        this.binaries = binaries;
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
        return start(dataFolder, DataFolders.cacheForThisUser());
    }

    /** As {@link #start(Path)}, with the PostgreSQL programs unpacked in {@code cache}. */
    static EmbeddedDatabase start(Path dataFolder, Path cache) {
        DataFolderLock lock = DataFolderLock.acquire(dataFolder);
        try {
            Path cluster = dataFolder.resolve("pgdata");
            boolean created = !Files.exists(cluster.resolve("PG_VERSION"));
            StaleServer.clear(cluster);
            long started = System.nanoTime();
            Path binaries = PostgresBinaries.prepare(cache);
            EmbeddedPassword password;
            if (created) {
                password = EmbeddedPassword.create(dataFolder);
                PostgresServer.initdb(binaries, cluster, SUPERUSER, List.of(
                        // Unicode-aware upper/lower case (ILIKE on "É") without depending on OS locales.
                        "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C",
                        // Other accounts on the machine cannot log in to the user's database.
                        "--auth=scram-sha-256", "--pwfile=" + password.file()));
            } else {
                password = EmbeddedPassword.read(dataFolder);
            }
            PostgresServer server = PostgresServer.start(binaries, cluster, serverSettings(ServerMemory.physicalBytes()),
                    STARTUP_TIMEOUT);
            log.info("Embedded PostgreSQL {} on port {} in {} ms (cluster {})",
                    created ? "created and started" : "started", server.port(),
                    (System.nanoTime() - started) / 1_000_000, cluster);
            return new EmbeddedDatabase(lock, binaries, server, password, dataFolder, created);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The postmaster's process id. */
    long pid() {
        return server.pid();
    }

    /** False once the server has ended by itself (its postmaster killed, a crash). */
    public boolean isRunning() {
        return server.isAlive();
    }

    /**
     * Starts the server again when it has ended by itself: on the same cluster and port (the pool's
     * URL stays right), after clearing what the dead one left ({@link StaleServer}). PostgreSQL's
     * crash recovery replays the WAL, so every committed transaction is there again.
     *
     * @return true when it restarted the server, false when it was running
     * @throws ServerRestartException when the server does not start again
     */
    public synchronized boolean restartIfStopped() {
        PostgresServer dead = server;
        if (dead.isAlive()) {
            return false;
        }
        log.warn("The embedded PostgreSQL (pid {}) has ended without a shutdown; restarting it on port {}",
                dead.pid(), dead.port());
        dead.forgetDead();
        Path cluster = dataFolder.resolve("pgdata");
        long started = System.nanoTime();
        long deadline = started + RESTART_TRIES_FOR.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                StaleServer.clear(cluster);
                server = PostgresServer.start(binaries, cluster, dead.port(), serverSettings(ServerMemory.physicalBytes()),
                        STARTUP_TIMEOUT);
                break;
            } catch (RuntimeException e) {
                if (!java.nio.file.Files.isDirectory(cluster) || System.nanoTime() > deadline) {
                    throw new ServerRestartException(e);
                }
                log.warn("Restart {} of the embedded PostgreSQL failed ({}); trying again", attempt, e.getMessage());
                pause(RESTART_PAUSE);
            }
        }
        log.info("Embedded PostgreSQL restarted on port {} in {} ms", server.port(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerRestartException(e);
        }
    }

    /** How to connect: the superuser over TCP on localhost, with the password only this OS user can read. */
    public DatabaseUrl url() {
        return new DatabaseUrl("localhost", server.port(), DATABASE, SUPERUSER, password.value(), Map.of());
    }

    public Path dataFolder() {
        return dataFolder;
    }

    /** True when this start created the cluster (first run, or after the user deleted it). */
    public boolean created() {
        return created;
    }

    /**
     * Durable (fsync, synchronous commit and full page writes on, whatever postgresql.conf says), on
     * localhost only, timestamps in UTC (as zonky ran the clusters it created), 50 connections, and
     * memory for pages after the machine's ({@link ServerMemory}).
     */
    static Map<String, String> serverSettings(long physicalMemory) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        settings.put("max_connections", "50");
        settings.put("listen_addresses", "localhost");
        settings.put("timezone", "UTC");
        settings.put("shared_buffers", ServerMemory.sharedBuffersMb(physicalMemory) + "MB");
        settings.put("effective_cache_size", ServerMemory.effectiveCacheMb(physicalMemory) + "MB");
        // The Diagnostics view's top statements (StatementStatistics creates the extension).
        settings.put("shared_preload_libraries", "pg_stat_statements");
        return Collections.unmodifiableMap(settings);
    }

    /** Stops the server with a clean shutdown and releases the folder. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            lock.close();
        }
    }
}
