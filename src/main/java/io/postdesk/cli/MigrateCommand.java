package io.postdesk.cli;

import io.postdesk.model.SchemaStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code postdesk migrate}: apply PostDesk's pending schema changes and say what was done. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply PostDesk's schema changes (for example the updated_at trigger) to the database.")
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    private PostDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() {
        try (CommandDatabase db = CommandDatabase.connect(parent.databaseUrl(database), PostDeskCommand.connectionName(database))) {
            SchemaStatus before = db.connection().schema();
            if (before.isNewerThanKnown()) {
                throw new CommandFailure("The database was changed by a newer PostDesk (schema version "
                        + before.newerVersion() + "); update PostDesk.");
            }
            if (before.pending().isEmpty()) {
                spec.commandLine().getOut().println("The schema is up to date (version " + before.currentVersion() + ").");
                return 0;
            }
            MigrationProgressLine progress = MigrationProgressLine.forTerminal(spec.commandLine().getErr());
            try {
                db.connection().migrate(progress);
            } finally {
                progress.end();
            }
            SchemaStatus after = db.connection().schema();
            spec.commandLine().getOut().println("Applied " + String.join(", ", before.pending())
                    + "; the schema is at version " + after.currentVersion() + ".");
            return 0;
        }
    }
}
