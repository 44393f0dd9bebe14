package io.postdesk.cli;

import io.postdesk.model.SchemaPlan;
import io.postdesk.model.SchemaStatus;
import io.postdesk.service.SchemaChanges;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code postdesk migrate}: apply PostDesk's pending schema changes and say what was done;
 * {@code postdesk migrate --to N}: go forward or back to version N, after showing the plan and asking.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Apply PostDesk's schema changes (for example the updated_at trigger) to the database.",
            "With --to N, go forward or back to schema version N (1 is the lowest: the blog's users and posts),"
                    + " after showing what will be done and asking."})
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    private PostDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Option(names = "--to", paramLabel = "VERSION", description = "The schema version to go to, forward or back.")
    private String target;

    @Option(names = "--yes", description = "Do it without asking (for scripts); the plan is still printed.")
    private boolean yes;

    @Override
    public Integer call() {
        try (CommandDatabase db = CommandDatabase.connect(parent.databaseUrl(database),
                PostDeskCommand.connectionName(database))) {
            return target == null ? migrateAll(db) : migrateTo(db);
        }
    }

    private int migrateTo(CommandDatabase db) {
        PrintWriter out = spec.commandLine().getOut();
        SchemaChanges changes = db.connection().schemaChanges();
        SchemaPlan plan = changes.planTo(target);
        out.println(plan.describe());
        if (!plan.changesSomething()) {
            return 0;
        }
        if (!yes && !new Confirmation(out).yes(plan.kind() == SchemaPlan.Kind.BACK ? "Take these changes back?" : "Apply these changes?")) {
            out.println("Nothing was changed.");
            return 0;
        }
        MigrationProgressLine progress = MigrationProgressLine.forTerminal(spec.commandLine().getErr());
        try {
            changes.apply(plan, progress::accept);
        } finally {
            progress.end();
        }
        out.println("The schema is at version " + changes.currentVersion() + ".");
        return 0;
    }

    private int migrateAll(CommandDatabase db) {
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
