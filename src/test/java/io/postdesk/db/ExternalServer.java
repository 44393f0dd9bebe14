package io.postdesk.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL server that is not PostDesk's: Debian's PostgreSQL 15 in a temp folder, on a free
 * port of localhost, trusting local logins. A test stops it ({@code pg_ctl stop -m fast}, as an admin
 * would) and starts it again on the same port, to see what PostDesk does while a server database
 * is gone (issue 14). PostDesk never restarts such a server itself. {@link #startWithSsl} gives one
 * that takes TCP logins over SSL only, with a certificate made at test time.
 */
public final class ExternalServer implements AutoCloseable {
    public static final Path BINARIES = Path.of("/usr/lib/postgresql/15");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path cluster;
    private final Map<String, String> settings;
    private final int port;
    private PostgresServer server;

    private ExternalServer(Path cluster, Map<String, String> settings, PostgresServer server) {
        this.cluster = cluster;
        this.settings = settings;
        this.server = server;
        this.port = server.port();
    }

    /** True when the machine has the PostgreSQL 15 programs (tests that need them say so when not). */
    public static boolean available() {
        return Files.isExecutable(BINARIES.resolve("bin/pg_ctl"));
    }

    /** initdb in {@code folder} and a start on a free port. */
    public static ExternalServer start(Path folder) {
        Path cluster = folder.resolve("pg15");
        PostgresServer.initdb(BINARIES, cluster, "postgres", List.of("--auth=trust", "--locale=C"));
        // Debian's build puts its socket in /var/run/postgresql, which a test machine may not have.
        Map<String, String> settings = Map.of("listen_addresses", "localhost",
                "unix_socket_directories", folder.toAbsolutePath().toString(), "timezone", "UTC");
        return new ExternalServer(cluster, settings, PostgresServer.start(BINARIES, cluster, settings, TIMEOUT));
    }

    /**
     * As {@link #start} with {@code ssl=on}, the server certificate of {@code certificates}, and a
     * pg_hba.conf with {@code hostssl} lines only: a connection without SSL is turned away.
     */
    public static ExternalServer startWithSsl(Path folder, TestCertificates certificates) {
        Path cluster = folder.resolve("pg15");
        PostgresServer.initdb(BINARIES, cluster, "postgres", List.of("--auth=trust", "--locale=C"));
        try {
            Files.writeString(cluster.resolve("pg_hba.conf"), """
                    local   all all              trust
                    hostssl all all 127.0.0.1/32 trust
                    hostssl all all ::1/128      trust
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = Map.of("listen_addresses", "localhost",
                "unix_socket_directories", folder.toAbsolutePath().toString(), "timezone", "UTC",
                "ssl", "on", "ssl_cert_file", certificates.serverCertificate().toAbsolutePath().toString(),
                "ssl_key_file", certificates.serverKey().toAbsolutePath().toString());
        return new ExternalServer(cluster, settings, PostgresServer.start(BINARIES, cluster, settings, TIMEOUT));
    }

    /** postgres://postgres@localhost:port/postgres (no password: the test cluster trusts local logins). */
    public String url() {
        return "postgres://postgres@localhost:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    /** {@code pg_ctl stop -m fast}: sessions are ended, statements under way fail. Waits until it is down. */
    public synchronized void stop() {
        server.close();
    }

    /** Starts it again on the same port, as an admin would after maintenance. */
    public synchronized void startAgain() {
        server = PostgresServer.start(BINARIES, cluster, port, settings, TIMEOUT);
    }

    @Override
    public synchronized void close() {
        server.close();
    }
}
