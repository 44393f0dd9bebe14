package io.postdesk.store;

import io.postdesk.model.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code COPY ... TO STDOUT} on a connection and hands each CopyData message to a sink.
 * The server sends one message per CSV line (protocol docs, "COPY Operations"), so lines can be
 * counted without parsing them.
 *
 * <p>Stopping (a cancel, or a sink that fails or refuses) never leaves the connection half-way
 * through a COPY: a cancel request goes to the server ({@link PGConnection#cancelQuery()}, as
 * {@code Statement.cancel()} does), and the rest of the stream is read and dropped until the
 * server's error (57014) or the end arrives, so the driver is back at ReadyForQuery and the
 * transaction can roll back. pgjdbc's {@code CopyOut.cancelCopy()} is not used: for COPY TO it
 * sends the cancel request and releases the connection at once, with the rest of the stream and
 * the error still unread, so the next statement (the rollback) would receive them.
 */
final class CopyOutRun {
    private static final Logger log = LoggerFactory.getLogger(CopyOutRun.class);

    private CopyOutRun() {
    }

    /**
     * @return how many lines the sink received
     * @throws SQLException         the server's error, 57014 when it was cancelled
     * @throws UncheckedIOException when the sink failed (the COPY is stopped first)
     */
    static long run(Connection connection, String copySql, ExportStore.LineSink sink, Cancellation cancellation)
            throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
            // The inlined literals (InlineSql) run in a transaction that cannot write.
            statement.execute("SET TRANSACTION READ ONLY");
        }
        ServerCancel cancel = new ServerCancel(pg);
        // Registered before the COPY starts, so a cancel also reaches it while it waits for a lock or
        // plans. A cancel request that reaches the server before the COPY does is ignored there; the
        // sink then refuses the first line, and stop() sends another.
        cancellation.onCancel(cancel::sendInBackground);
        CopyOut copy = null;
        try {
            copy = pg.getCopyAPI().copyOut(copySql);
            long lines = 0;
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                sink.line(line);
                lines++;
            }
            return lines;
        } catch (IOException e) {
            stop(copy, cancel);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stop(copy, cancel);
            throw e;
        } finally {
            cancellation.onCancel(null);
            // A late cancel request must not reach the server while it runs the next statement.
            cancel.awaitSent();
        }
    }

    /** Cancels the COPY in the server and reads what is still on the way, so the connection is usable. */
    private static void stop(CopyOut copy, ServerCancel cancel) {
        if (copy == null || !copy.isActive()) {
            return;
        }
        cancel.awaitSent();
        try {
            cancel.send(); // again: one sent before the COPY started was ignored by the server
        } catch (SQLException e) {
            log.warn("Could not send the cancel request; reading the rest of the COPY instead", e);
        }
        try {
            while (copy.readFromCopy() != null) {
                // dropped
            }
        } catch (SQLException expected) {
            log.debug("COPY stopped: {}", expected.getMessage());
        }
    }

    /** Sends cancel requests; the Cancellation's from a thread of its own, so the FX thread never waits on the network. */
    private static final class ServerCancel {
        private final PGConnection connection;
        private final AtomicReference<Thread> sender = new AtomicReference<>();

        ServerCancel(PGConnection connection) {
            this.connection = connection;
        }

        void send() throws SQLException {
            connection.cancelQuery();
        }

        void sendInBackground() {
            Thread thread = new Thread(() -> {
                try {
                    send();
                } catch (SQLException e) {
                    log.warn("Could not send the cancel request; the export stops at its next line", e);
                }
            }, "postdesk-cancel");
            thread.setDaemon(true);
            if (sender.compareAndSet(null, thread)) {
                thread.start();
            }
        }

        void awaitSent() {
            Thread thread = sender.get();
            if (thread == null) {
                return;
            }
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
