package io.postdesk.cli;

import io.postdesk.model.CsvOptions;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostSort;
import io.postdesk.model.Progress;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import io.postdesk.service.Workspace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code postdesk export posts|users --out FILE ...}: the CSV export without the window. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write posts or users to a CSV file (UTF-8, RFC 4180). The file appears only when complete.")
final class ExportCommand implements Callable<Integer> {
    enum Table { posts, users }

    @ParentCommand
    private PostDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "posts|users", description = "What to export: ${COMPLETION-CANDIDATES}.")
    private Table table;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write (replaced if it exists).")
    private Path out;

    @Mixin
    private PostFilterOptions filter;

    @Option(names = "--columns", split = ",", paramLabel = "COLUMN",
            description = "Columns in this order (default: all). Posts: id, author, title, content, published,"
                    + " created_at, updated_at. Users: id, username, email, created_at, updated_at.")
    private List<String> columns;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "',' (default), ';' or 'tab'.")
    private String delimiter;

    @Option(names = "--bom", description = "Start the file with a UTF-8 byte order mark (for Excel).")
    private boolean bom;

    @Option(names = "--no-header", description = "Leave out the first row with the column names.")
    private boolean noHeader;

    @Option(names = "--no-formula-guard",
            description = "Keep cells starting with = + - @ tab or CR as they are (by default they get a leading ').")
    private boolean noFormulaGuard;

    @Override
    public Integer call() {
        CsvOptions options = new CsvOptions(delimiter(), !noHeader, bom, !noFormulaGuard);
        if (table == Table.users && filter.isUsed() && (filter.author != null || filter.state != null)) {
            throw new CommandFailure("--author, --published and --drafts apply to posts only.");
        }
        try (CommandDatabase db = CommandDatabase.connect(parent.databaseUrl(database), PostDeskCommand.connectionName(database))) {
            Workspace workspace = db.workspace();
            Progress.Listener progress = ProgressLine.forTerminal(spec.commandLine().getErr(), "rows");
            long rows = Interruptible.run(cancellation -> table == Table.posts
                    ? workspace.export().posts(out, filter.toFilter(workspace.posts()), PostSort.NEWEST_FIRST,
                            columns(ExportColumn.Post.class), options, progress, cancellation)
                    : workspace.export().users(out, UserFilter.NONE.withSearch(filter.search), UserSort.NEWEST_FIRST,
                            columns(ExportColumn.User.class), options, progress, cancellation));
            ProgressLine.end(progress);
            spec.commandLine().getOut().println("Exported " + java.text.NumberFormat.getIntegerInstance(
                    java.util.Locale.ENGLISH).format(rows) + " " + (rows == 1 ? table.name().replaceAll("s$", "")
                    : table.name()) + " to " + out.toAbsolutePath() + ".");
            return 0;
        }
    }

    private char delimiter() {
        return switch (delimiter) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "\t", "tab", "\\t" -> '\t';
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--delimiter must be ',', ';' or 'tab', not '" + delimiter + "'");
        };
    }

    private <C extends Enum<C> & ExportColumn> List<C> columns(Class<C> type) {
        if (columns == null || columns.isEmpty()) {
            return Arrays.asList(type.getEnumConstants());
        }
        try {
            return columns.stream().map(name -> ExportColumn.parse(type, name)).toList();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
