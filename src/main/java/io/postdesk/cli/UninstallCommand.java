package io.postdesk.cli;

import io.postdesk.model.SchemaPlan;
import io.postdesk.service.SchemaChanges;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code postdesk uninstall}: removes everything PostDesk created in the database (triggers, functions,
 * indexes, tables, its schema history), leaving users and posts and their rows as they are. The audit
 * history goes with it, so it offers to export that to CSV first.
 */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Remove everything PostDesk created in the database: its triggers, functions, indexes,"
                + " tables and schema history. The blog's users and posts and their rows are kept as they are.",
            "Shows what will be done and asks; offers to export the audit history to CSV first."})
final class UninstallCommand implements Callable<Integer> {
    @ParentCommand
    private PostDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Option(names = "--yes", description = "Do it without asking (for scripts): then --export-audit or --no-export is needed"
            + " when there is audit history.")
    private boolean yes;

    @Option(names = "--export-audit", paramLabel = "FILE", description = "First write the audit history to this CSV file.")
    private Path exportAudit;

    @Option(names = "--no-export", description = "Remove the audit history without exporting it.")
    private boolean noExport;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (CommandDatabase db = CommandDatabase.connect(parent.databaseUrl(database),
                PostDeskCommand.connectionName(database))) {
            SchemaChanges changes = db.connection().schemaChanges();
            SchemaPlan plan = changes.planUninstall();
            out.println(plan.describe());
            Confirmation ask = yes ? null : new Confirmation(out);
            Path export = exportTarget(changes.auditRows(), ask, out);
            if (ask != null && !ask.yes("Remove PostDesk from this database?")) {
                out.println("Nothing was changed.");
                return 0;
            }
            if (export != null) {
                long rows = changes.exportAudit(export);
                out.println("Exported " + rows + " audit rows to " + export.toAbsolutePath() + ".");
            }
            MigrationProgressLine progress = MigrationProgressLine.forTerminal(spec.commandLine().getErr());
            try {
                changes.apply(plan, progress::accept);
            } finally {
                progress.end();
            }
            out.println("PostDesk's schema changes are removed; users and posts are as they were.");
            return 0;
        }
    }

    /** Where the audit history goes first, or null for nowhere. */
    private Path exportTarget(long auditRows, Confirmation ask, PrintWriter out) {
        if (exportAudit != null || auditRows == 0) {
            return exportAudit;
        }
        if (noExport) {
            return null;
        }
        if (ask == null) {
            throw new CommandFailure("The audit history holds " + auditRows + " changes and uninstall removes it:"
                    + " add --export-audit FILE to keep a copy, or --no-export.");
        }
        String file = ask.line("The audit history holds " + auditRows + " changes and will be removed. Export it to a CSV"
                + " file first? File name (empty: no export): ");
        if (file == null || file.isEmpty()) {
            out.println("The audit history will not be exported.");
            return null;
        }
        return Path.of(file);
    }
}
