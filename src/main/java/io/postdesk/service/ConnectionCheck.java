package io.postdesk.service;

import io.postdesk.config.DatabaseUrl;
import io.postdesk.model.Printable;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection dialog's Test Connection: one plain connection (no pool, no Hibernate), then a look
 * at whether PostDesk's schema is there. Says in words what worked or what failed; the cause of a
 * failure is read from the SQLState and the exception chain, not from the driver's wording.
 */
public final class ConnectionCheck {
    private static final Logger log = LoggerFactory.getLogger(ConnectionCheck.class);

    /** What a test found; {@code kind} is for tests and for the dialog's colour. */
    public enum Kind {
        POSTDESK_SCHEMA, NOT_POSTDESK_YET, WRONG_PASSWORD, NO_PASSWORD, LOGIN_REFUSED, DATABASE_MISSING,
        HOST_NOT_FOUND, REFUSED, TIMED_OUT, CERTIFICATE_NOT_TRUSTED, HOST_NAME_MISMATCH, ROOT_CERTIFICATE_PROBLEM,
        SSL_NOT_OFFERED, SSL_REQUIRED, OTHER
    }

    public record Result(Kind kind, String message) {
        public boolean connected() {
            return kind == Kind.POSTDESK_SCHEMA || kind == Kind.NOT_POSTDESK_YET;
        }

        /**
         * True when only other SSL settings (mode, root certificate, host name) can make it connect: waiting
         * and reconnecting, as for a server that is down, would never help.
         */
        public boolean sslSettingsWrong() {
            return switch (kind) {
                case CERTIFICATE_NOT_TRUSTED, HOST_NAME_MISMATCH, ROOT_CERTIFICATE_PROBLEM, SSL_NOT_OFFERED,
                     SSL_REQUIRED -> true;
                default -> false;
            };
        }
    }

    private ConnectionCheck() {
    }

    /**
     * Blocks up to about {@code timeout} (twice, at worst: connect, then log in): background thread.
     * Two failures are told apart by one more login: verify-full that would pass as verify-ca is a host
     * name the certificate does not carry; disable turned away where require is let in is a server
     * that takes SSL connections only. Neither the driver's nor the server's wording is relied on
     * (both are translated).
     */
    public static Result test(DatabaseUrl url, Duration timeout) {
        Attempt first = attempt(url, timeout);
        if (first.error() == null) {
            return first.result();
        }
        Result failed = first.result();
        String mode = url.parameters().getOrDefault("sslmode", "prefer");
        if (mode.equals("verify-full") && failed.kind() == Kind.OTHER
                && attempt(withSslMode(url, "verify-ca"), timeout).error() == null) {
            failed = new Result(Kind.HOST_NAME_MISMATCH, "Host name mismatch: the server's certificate is trusted,"
                    + " but it is not made out to \"" + url.host() + "\". Connect with the host name the certificate"
                    + " names, or choose verify-ca (which does not check the name).");
        } else if (mode.equals("disable") && failed.kind() == Kind.LOGIN_REFUSED
                && attempt(withSslMode(url, "require"), timeout).error() == null) {
            failed = new Result(Kind.SSL_REQUIRED, "The server accepts only SSL connections, and the SSL mode is"
                    + " disable. Choose require, or verify-ca or verify-full with the server's root certificate.");
        }
        log.info("Test connection to {} failed: {} ({})", url.displayName(), failed.kind(), first.error().getSQLState());
        return failed;
    }

    /** A login's outcome; {@code error} is null when it connected. */
    private record Attempt(Result result, SQLException error) {
    }

    private static Attempt attempt(DatabaseUrl url, Duration timeout) {
        Properties properties = new Properties();
        if (!url.user().isEmpty()) {
            properties.setProperty("user", url.user());
        }
        if (!url.password().isEmpty()) {
            properties.setProperty("password", url.password());
        }
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("ApplicationName", "PostDesk connection test");
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), properties)) {
            return new Attempt(schema(connection, url), null);
        } catch (SQLException e) {
            return new Attempt(failure(e, url), e);
        }
    }

    private static DatabaseUrl withSslMode(DatabaseUrl url, String mode) {
        Map<String, String> parameters = new LinkedHashMap<>(url.parameters());
        parameters.put("sslmode", mode);
        return new DatabaseUrl(url.host(), url.port(), url.database(), url.user(), url.password(), parameters);
    }

    private static Result schema(Connection connection, DatabaseUrl url) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version'),"
                     + " to_regclass('postdesk_schema_history') IS NOT NULL,"
                     + " to_regclass('users') IS NOT NULL AND to_regclass('posts') IS NOT NULL")) {
            row.next();
            String version = "PostgreSQL " + row.getString(1);
            if (row.getBoolean(2)) {
                return new Result(Kind.POSTDESK_SCHEMA, "Connected to " + url.displayName() + " (" + version
                        + "). PostDesk's schema is there.");
            }
            String tables = row.getBoolean(3) ? "The blog's users and posts tables are there, but not PostDesk's schema yet"
                    : "This is not a PostDesk database yet (no users and posts tables)";
            return new Result(Kind.NOT_POSTDESK_YET, "Connected to " + url.displayName() + " (" + version + "). "
                    + tables + ": PostDesk will ask before adding it when you connect.");
        }
    }

    private static Result failure(SQLException error, DatabaseUrl url) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        String who = url.user().isEmpty() ? "this user" : "user \"" + url.user() + "\"";
        boolean sawSsl = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new Result(Kind.HOST_NOT_FOUND, "Host not found: no server is known by the name \""
                        + url.host() + "\". Check the host.");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new Result(Kind.REFUSED, "Connection refused: nothing answers on " + url.host() + " port "
                        + url.port() + ". Check that the server is running and that the host and port are right.");
            }
            if (t instanceof SocketTimeoutException) {
                return new Result(Kind.TIMED_OUT, "The server did not answer in time. Check the host, the port"
                        + " and the network (a firewall?).");
            }
            if (t instanceof FileNotFoundException || t instanceof NoSuchFileException) {
                return rootCertificateMissing(url);
            }
            if (t instanceof CertificateException) {
                // Under an SSLException: the handshake met a certificate it could not trust (PKIX). Without
                // one: the driver could not load the root certificate file before any handshake.
                return sawSsl ? new Result(Kind.CERTIFICATE_NOT_TRUSTED, "Certificate not trusted: the server's"
                        + " certificate was not signed by " + rootCertificate(url) + ". Choose the certificate of the"
                        + " authority (CA) that signed the server's certificate.")
                        : new Result(Kind.ROOT_CERTIFICATE_PROBLEM, "The root certificate file \"" + Printable.escaped(
                        url.parameters().getOrDefault("sslrootcert", "")) + "\" could not be read as a certificate."
                        + " Choose a PEM or DER certificate file.");
            }
            sawSsl |= t instanceof SSLException;
        }
        if (sawSsl) {
            return new Result(Kind.OTHER, "The SSL connection could not be set up: " + ErrorMessages.describe(error));
        }
        String text = error.getMessage() == null ? "" : error.getMessage();
        if (state.equals("28P01")) {
            return new Result(Kind.WRONG_PASSWORD, "Wrong password for " + who + ".");
        }
        if (state.equals("28000")) {
            return new Result(Kind.LOGIN_REFUSED, "The server does not let " + who + " in to database \""
                    + url.database() + "\" (its pg_hba.conf, or the role does not exist or may not log in).");
        }
        if (state.equals("3D000")) {
            return new Result(Kind.DATABASE_MISSING, "The database \"" + url.database() + "\" does not exist on "
                    + url.host() + ". Check its name.");
        }
        if (text.contains("no password was provided")) {
            return new Result(Kind.NO_PASSWORD, "The server wants a password for " + who + " and none was given"
                    + " (none saved, none in .pgpass). Type it in the password field.");
        }
        if (text.contains("does not support SSL")) {
            return new Result(Kind.SSL_NOT_OFFERED, "The server does not accept SSL connections: choose the SSL"
                    + " mode prefer or disable, or turn SSL on in the server.");
        }
        return new Result(Kind.OTHER, ErrorMessages.describe(error));
    }

    private static Result rootCertificateMissing(DatabaseUrl url) {
        String file = url.parameters().getOrDefault("sslrootcert", "");
        if (file.isEmpty()) {
            return new Result(Kind.ROOT_CERTIFICATE_PROBLEM, "No root certificate file is chosen (and the default"
                    + " ~/.postgresql/root.crt is not there). Choose the file of the authority (CA) that signed the"
                    + " server's certificate, or the SSL mode require.");
        }
        return new Result(Kind.ROOT_CERTIFICATE_PROBLEM, "The root certificate file \"" + Printable.escaped(file)
                + "\" is not there. Choose the file again.");
    }

    /** The root certificate for a sentence: its file name, or the driver's default. */
    private static String rootCertificate(DatabaseUrl url) {
        String file = url.parameters().getOrDefault("sslrootcert", "");
        return file.isEmpty() ? "the default root certificate (~/.postgresql/root.crt)"
                : "the root certificate \"" + Printable.escaped(Path.of(file).getFileName().toString()) + "\"";
    }
}
