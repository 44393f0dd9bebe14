package io.postdesk.cli;

import io.postdesk.config.DataFolders;
import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseTargetResolver;
import io.postdesk.config.PoolSettings;
import io.postdesk.config.Settings;
import io.postdesk.model.SchemaStatus;
import io.postdesk.service.DatabaseConnection;
import io.postdesk.service.Workspace;
import java.nio.file.Path;

/**
 * The database a command works on, chosen as for the window: {@code --database-url}, then
 * DATABASE_URL (environment, .env), else the embedded database. The embedded database is
 * migrated automatically; on a server, pending migrations stop every command but {@code migrate}.
 */
final class CommandDatabase implements AutoCloseable {
    private final DatabaseConnection connection;
    private Workspace workspace;

    private CommandDatabase(DatabaseConnection connection) {
        this.connection = connection;
    }

    static CommandDatabase connect(String databaseUrl) {
        Settings settings = Settings.load(Path.of("").toAbsolutePath());
        DatabaseTarget target = DatabaseTargetResolver.resolve(databaseUrl, settings, DataFolders.forThisUser());
        return new CommandDatabase(DatabaseConnection.connect(target, PoolSettings.from(settings), false));
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
        connection.close();
    }
}
