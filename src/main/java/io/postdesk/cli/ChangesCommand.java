package io.postdesk.cli;

import io.postdesk.model.ChangeCursor;
import io.postdesk.service.ChangeFeed;
import io.postdesk.service.ChangeLines;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code postdesk changes [--follow] [--after CURSOR]}: every committed change to users and posts
 * (by any writer) as JSON lines, in commit order. Ctrl+C ends a follow after the last complete
 * line, and says the cursor to resume from.
 */
@Command(mixinStandardHelpOptions = true, description = "Print the committed changes to users and posts as JSON"
        + " lines (cursor, time, table, op, key, values), in commit order; never password hashes.")
final class ChangesCommand implements Callable<Integer> {
    private static final int BATCH = 1_000;

    @ParentCommand
    private PostDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Option(names = "--follow", description = "Keep printing changes as they commit, until Ctrl+C.")
    private boolean follow;

    @Option(names = "--after", paramLabel = "CURSOR",
            description = "Only the changes after this cursor (from a printed line). Default: all that are kept.")
    private String after;

    @Override
    public Integer call() {
        ChangeCursor start;
        try {
            start = after == null ? null : ChangeCursor.parse(after);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        try (CommandDatabase db = CommandDatabase.connect(parent.databaseUrl(database), PostDeskCommand.connectionName(database))) {
            db.workspace();
            ChangeFeed feed = db.connection().changeFeed();
            ChangeCursor from = start != null ? start : feed.oldest();
            PrintWriter out = spec.commandLine().getOut();
            if (!follow) {
                for (var batch = feed.read(from, BATCH); !batch.isEmpty(); batch = feed.read(from, BATCH)) {
                    batch.forEach(change -> out.println(ChangeLines.line(change)));
                    from = batch.get(batch.size() - 1).cursor();
                }
                out.flush();
                return 0;
            }
            ChangeCursor begin = from;
            ChangeCursor last = Interruptible.run(cancellation -> feed.follow(begin, BATCH, batch -> {
                batch.forEach(change -> out.println(ChangeLines.line(change)));
                out.flush();
            }, cancellation));
            spec.commandLine().getErr().println("postdesk: stopped; resume with --after " + last);
            return CommandDatabase.EXIT_INTERRUPTED;
        }
    }
}
