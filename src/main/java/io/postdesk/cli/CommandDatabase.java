package io.postdesk.cli;

import io.postdesk.config.ConfigurationException;
import io.postdesk.config.DataFolders;
import io.postdesk.config.SavedConnection;
import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseTargetResolver;
import io.postdesk.config.PoolSettings;
import io.postdesk.config.Settings;
import io.postdesk.model.SchemaStatus;
import io.postdesk.service.DatabaseConnection;
import io.postdesk.service.Workspace;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The database a command works on, chosen as for the window: {@code --database-url}, then
 * DATABASE_URL (environment, .env), else the embedded database. The embedded database is
 * migrated automatically; on a server, pending migrations stop every command but {@code migrate}.
 */
final class CommandDatabase implements AutoCloseable {
    /** Ctrl+C ends a command within this time, whatever it waits for. */
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);
    /** What a shell reports for a command ended by SIGINT (128 + 2). */
    static final int EXIT_INTERRUPTED = 130;

    private final DatabaseConnection connection;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread interruptHook = new Thread(this::interrupted, "postdesk-interrupt-deadline");
    private Workspace workspace;

    private CommandDatabase(DatabaseConnection connection, PrintStream err) {
        this.connection = connection;
        connection.onLockWait(new LockWaitLine(err));
        Runtime.getRuntime().addShutdownHook(interruptHook);
    }

    /**
     * {@code connectionName}: {@code --connection}, a connection saved in the window, or null. Without
     * the pool's metrics (no command but {@code diagnose} shows them; see PoolMetrics#off).
     */
    static CommandDatabase connect(String databaseUrl, String connectionName) {
        return connect(databaseUrl, connectionName, false);
    }

    /** As {@link #connect(String, String)}, with the pool's figures for {@code diagnose}. */
    static CommandDatabase connectWithPoolFigures(String databaseUrl, String connectionName) {
        return connect(databaseUrl, connectionName, true);
    }

    private static CommandDatabase connect(String databaseUrl, String connectionName, boolean poolFigures) {
        Settings settings = Settings.load(Path.of("").toAbsolutePath());
        PoolSettings pool = PoolSettings.from(settings);
        if (connectionName != null) {
            if (databaseUrl != null) {
                throw new ConfigurationException("Give either --database-url or --connection, not both.");
            }
            SavedConnection saved = SavedConnectionLookup.find(connectionName, DataFolders.configForThisUser());
            String password = SavedConnectionLookup.password(saved, System.err);
            DatabaseTarget target = new DatabaseTarget.Server(saved.url(password),
                    "the saved connection \"" + saved.name() + "\"");
            return new CommandDatabase(DatabaseConnection.connectForCommand(target, saved.pool(pool), saved.readOnly(),
                    poolFigures),
                    System.err);
        }
        DatabaseTarget target = DatabaseTargetResolver.resolve(databaseUrl, settings, DataFolders.forThisUser());
        return new CommandDatabase(DatabaseConnection.connectForCommand(target, pool, false, poolFigures),
                System.err);
    }

    /**
     * Ctrl+C (or any other end of the JVM while the database is open): every statement still
     * running is cancelled in the server, so the command's own clean-up (rollback, deleting its
     * temporary file) runs at once. If the JVM has still not ended after {@link #INTERRUPT_GRACE}
     * (a clean-up or another shutdown hook stuck on the network), it is halted: Ctrl+C always works.
     */
    private void interrupted() {
        connection.cancelRunningStatements();
        try {
            if (closed.await(INTERRUPT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("postdesk: stopped.");
        Runtime.getRuntime().halt(EXIT_INTERRUPTED);
    }

    DatabaseConnection connection() {
        return connection;
    }

    /** The services, once the schema is right. */
    Workspace workspace() {
        if (workspace == null) {
            SchemaStatus schema = connection.schema();
            if (!schema.pending().isEmpty()) {
                if (!connection.isEmbedded()) {
                    throw new CommandFailure("The database needs PostDesk's schema changes (" + String.join(", ",
                            schema.pending()) + "); run 'postdesk migrate' first.");
                }
                connection.migrate();
                schema = connection.schema();
            }
            workspace = connection.openWorkspace(schema);
        }
        return workspace;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(interruptHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: it sees that we are closed
            }
        }
    }
}
