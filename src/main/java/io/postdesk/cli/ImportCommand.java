package io.postdesk.cli;

import io.postdesk.model.Printable;
import io.postdesk.service.CsvImport;
import io.postdesk.service.ErrorMessages;
import io.postdesk.service.ImportProblem;
import io.postdesk.model.Progress;
import io.postdesk.service.ImportProgress;
import io.postdesk.service.ImportReports;
import io.postdesk.service.ImportRejectedException;
import io.postdesk.service.ImportResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code postdesk import posts|users FILE}: the CSV import without the window. The whole file is
 * checked first; a bad file imports nothing and its bad lines go to stderr, one per line.
 * The database comes from the parent command (its --database-url), through the supplier, which
 * is only asked once the arguments are known to be right.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import users or posts from a CSV file (UTF-8 with or without BOM; comma, semicolon or tab).",
                "The whole file is checked first; if any line is bad nothing is imported and every bad line is listed.",
                "Users: username, email, and password or password_hash (Argon2id).",
                "Posts: author (username or email), title, content, published (true/false/yes/no/1/0),"
                        + " optional created_at (ISO-8601 with offset).",
                "Values are imported exactly as the file has them (only spaces around a title are dropped).",
                "Refused, with the line (and byte) to fix: a binary file (NUL bytes), text that is not UTF-8,"
                        + " broken quoting, a file with a header but no rows."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:imported", "1:failed (reason on stderr)", "2:wrong arguments",
                "3:bad file, nothing imported (bad lines on stderr)"})
public final class ImportCommand implements Callable<Integer> {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BAD_FILE = 3;

    @Parameters(index = "0", paramLabel = "posts|users", description = "What the file holds: posts or users.")
    private String what;

    @Parameters(index = "1", paramLabel = "FILE", description = "The CSV file.")
    private Path file;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private PostDeskCommand parent;

    @Mixin
    private DatabaseOption database;

    @Option(names = "--strict-hashes", description = "Users: refuse the file when a password_hash has Argon2id costs"
            + " below OWASP's minimum (m=19456,t=2 or an equivalent); by default each such line is a warning.")
    private boolean strictHashes;

    private final Supplier<CsvImport> imports;

    /** For the command line: the database is chosen as for every command, and migrated if embedded. */
    ImportCommand() {
        this.imports = null;
    }

    /** @param imports opens the database (the caller closes it after the command) and gives its import service */
    public ImportCommand(Supplier<CsvImport> imports) {
        this.imports = imports;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CsvImport.Kind kind = kind(what);
        if (kind == null) {
            err.println("postdesk import: say what the file holds: posts or users, not '" + Printable.shortened(what) + "'.");
            return EXIT_USAGE;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("postdesk import: cannot read " + shown(file) + " (no such file, or no permission).");
            return EXIT_FAILED;
        }
        if (imports == null) {
            try (CommandDatabase db = CommandDatabase.connect(parent.databaseUrl(database), PostDeskCommand.connectionName(database))) {
                db.workspace();
                return importInto(db.connection().csvImport(), kind, out, err);
            }
        }
        return importInto(imports.get(), kind, out, err);
    }

    private int importInto(CsvImport service, CsvImport.Kind kind, PrintWriter out, PrintWriter err) {
        try {
            ImportResult result = service.importFile(kind, file, progress(err),
                    strictHashes ? CsvImport.WeakHashes.REFUSE : CsvImport.WeakHashes.WARN);
            for (ImportProblem warning : result.warnings()) {
                err.println(shown(file.getFileName()) + ": warning: " + warning);
            }
            out.printf(Locale.ROOT, "Imported %,d %s from %s.%n", result.rows(), result.table(), shown(file.getFileName()));
            return 0;
        } catch (ImportRejectedException e) {
            err.println("postdesk import: " + e.getMessage());
            for (ImportProblem problem : e.problems()) {
                err.println(shown(file.getFileName()) + ": " + problem);
            }
            if (e.notListed() > 0) {
                err.printf(Locale.ROOT, "... and %,d more bad lines.%n", e.notListed());
            }
            return EXIT_BAD_FILE;
        } catch (UncheckedIOException e) {
            err.println("postdesk import: cannot read " + shown(file) + ": " + reason(e.getCause()));
            return EXIT_FAILED;
        } catch (RuntimeException e) {
            err.println("postdesk import: nothing was imported. " + ErrorMessages.describe(e));
            return EXIT_FAILED;
        }
    }

    /** A file name can hold control characters too. */
    private static String shown(Path path) {
        return Printable.escaped(String.valueOf(path));
    }

    private static CsvImport.Kind kind(String what) {
        return switch (what.toLowerCase(Locale.ROOT)) {
            case "posts" -> CsvImport.Kind.POSTS;
            case "users" -> CsvImport.Kind.USERS;
            default -> null;
        };
    }

    /** Progress on stderr only when a person is watching (a terminal), so scripts' logs stay clean. */
    private static ImportProgress progress(PrintWriter err) {
        return System.console() == null ? ImportProgress.NONE : terminalProgress(err);
    }

    /** The check pass on one line ("rows checked of about N"), then the writing on the next. */
    static ImportProgress terminalProgress(PrintWriter err) {
        ProgressLine checking = new ProgressLine(err, "rows checked");
        ProgressLine writing = new ProgressLine(err, "rows imported");
        Progress.Listener writingAfterCheck = progress -> {
            ProgressLine.end(checking);
            writing.update(progress);
            if (progress.done() == progress.total()) {
                ProgressLine.end(writing);
            }
        };
        return new ImportReports(checking, writingAfterCheck, System::nanoTime);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file.";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "the file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.";
        }
        return Printable.escaped(e.getMessage());
    }
}
