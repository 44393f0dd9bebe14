package io.postdesk.cli;

import io.postdesk.model.PostFilter;
import io.postdesk.model.Progress;
import io.postdesk.service.Workspace;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code postdesk publish|unpublish [filters]}: every post matching the filters, in one
 * transaction with one audit row. Without filters, every post (as "Select all" in the window).
 */
@Command(mixinStandardHelpOptions = true)
final class PublishCommand implements Callable<Integer> {
    private final boolean publish;

    @ParentCommand
    private PostDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Mixin
    private PostFilterOptions filter;

    @Option(names = "--dry-run", description = "Only say how many posts would change.")
    private boolean dryRun;

    PublishCommand(boolean publish) {
        this.publish = publish;
    }

    static String description(boolean publish) {
        return (publish ? "Publish" : "Unpublish") + " every post matching the filters (all posts without filters),"
                + " in one transaction.";
    }

    @Override
    public Integer call() {
        try (CommandDatabase db = CommandDatabase.connect(parent.databaseUrl(database), PostDeskCommand.connectionName(database))) {
            Workspace workspace = db.workspace();
            PostFilter postFilter = filter.toFilter(workspace.posts());
            String verb = publish ? "publish" : "unpublish";
            if (dryRun) {
                long n = workspace.publishing().count(postFilter, publish, null);
                spec.commandLine().getOut().println("Would " + verb + " " + posts(n) + ".");
                return 0;
            }
            Progress.Listener progress = ProgressLine.forTerminal(spec.commandLine().getErr(), "posts");
            long changed = Interruptible.run(cancellation ->
                    workspace.publishing().apply(postFilter, publish, progress, cancellation));
            ProgressLine.end(progress);
            spec.commandLine().getOut().println((publish ? "Published " : "Unpublished ") + posts(changed) + ".");
            return 0;
        }
    }

    private static String posts(long n) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n) + (n == 1 ? " post" : " posts");
    }
}
