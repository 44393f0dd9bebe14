package io.postdesk.cli;

import io.postdesk.config.ConfigurationException;
import io.postdesk.config.DataFolders;
import io.postdesk.config.DatabaseTargetResolver;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.PoolSettings;
import io.postdesk.config.Settings;
import io.postdesk.service.CancelledException;
import io.postdesk.service.ErrorMessages;
import io.postdesk.service.ExportException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.slf4j.LoggerFactory;

/**
 * The {@code postdesk} command line (picocli: help, errors and sub-commands for free).
 * Without a command it opens the window; the settings are checked first, so a bad URL ends
 * with a one-line reason and exit code 2 before any window appears. The sub-commands (export,
 * import, publish, unpublish, migrate, uninstall, diagnose, changes, sync) work on the same services without the window: exit code 0 on
 * success, 1 with a one-line reason when the work failed, 2 for a bad command line or settings.
 */
@Command(name = "postdesk", mixinStandardHelpOptions = true, versionProvider = PostDeskCommand.Version.class,
        description = "Browse and edit a blog's PostgreSQL database. Without --database-url or DATABASE_URL"
                + " (environment or .env), PostDesk uses its own embedded PostgreSQL.")
public final class PostDeskCommand implements Callable<Integer> {
    public static final int EXIT_BAD_SETTINGS = 2;
    public static final int EXIT_FAILED = 1;
    /** The sub-commands' names; the Launcher quiets the console log for them before logging starts. */
    public static final java.util.Set<String> COMMANDS = java.util.Set.of("export", "import", "publish", "unpublish", "migrate", "bench",
            "diagnose", "uninstall", "changes", "sync");

    @Option(names = "--database-url", paramLabel = "URL",
            description = "postgres://user:password@host:port/db or jdbc:postgresql://host:port/db")
    private String databaseUrl;

    @Option(names = "--migrate", description = "Apply PostDesk's schema changes to a server database without asking.")
    private boolean migrate;

    @Option(names = "--read-only", description = "Open the database so that nothing can be written.")
    private boolean readOnly;

    @Option(names = "--connection", paramLabel = "NAME",
            description = "Open the window on a connection saved in File > Connect… (its password from the keychain"
                    + " or .pgpass, else asked for in the window).")
    private String connection;

    private final Function<LaunchOptions, Integer> gui;

    private PostDeskCommand(Function<LaunchOptions, Integer> gui) {
        this.gui = gui;
    }

    /** Parses {@code args} and runs what they ask for; returns the process exit code. */
    public static int run(String[] args, Function<LaunchOptions, Integer> gui) {
        if (args.length == 0) {
            return window(gui);
        }
        CommandLine commandLine = new CommandLine(new PostDeskCommand(gui));
        commandLine.addSubcommand("export", new ExportCommand());
        commandLine.addSubcommand("import", new ImportCommand());
        commandLine.addSubcommand("publish", publishCommand(true));
        commandLine.addSubcommand("unpublish", publishCommand(false));
        commandLine.addSubcommand("migrate", new MigrateCommand());
        commandLine.addSubcommand("uninstall", new UninstallCommand());
        commandLine.addSubcommand("bench", new BenchCommand());
        commandLine.addSubcommand("diagnose", new DiagnoseCommand());
        commandLine.addSubcommand("changes", new ChangesCommand());
        commandLine.addSubcommand("sync", new SyncCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Handlers last: picocli hands them to the sub-commands that exist when they are set.
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            PrintWriter err = error.getCommandLine().getErr();
            err.println("postdesk: " + Secrets.mask(error.getMessage()));
            err.println("Try '" + error.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_SETTINGS;
        });
        commandLine.setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof ConfigurationException) {
                command.getErr().println("postdesk: " + Secrets.mask(error.getMessage()));
                return EXIT_BAD_SETTINGS;
            }
            if (command.getCommand() instanceof PostDeskCommand) {
                throw error; // the window's own failures keep their stack trace
            }
            command.getErr().println("postdesk: " + Secrets.mask(reason(error)));
            return EXIT_FAILED;
        });
        // The slow-query log names the command that ran a statement.
        java.util.Arrays.stream(args).filter(COMMANDS::contains).findFirst()
                .ifPresent(command -> io.postdesk.model.QueryOrigin.set("postdesk " + command));
        return commandLine.execute(args);
    }

    private static CommandLine publishCommand(boolean publish) {
        CommandLine command = new CommandLine(new PublishCommand(publish));
        command.getCommandSpec().usageMessage().description(PublishCommand.description(publish));
        return command;
    }

    /** One line for the user; what the user can act on as it is, anything else in words with the details in the log. */
    private static String reason(Exception error) {
        if (error instanceof CommandFailure || error instanceof ExportException || error instanceof CancelledException
                || error instanceof io.postdesk.service.CursorExpiredException) {
            return error.getMessage();
        }
        // Not a static logger: this class is loaded before the Launcher has configured logging.
        LoggerFactory.getLogger(PostDeskCommand.class).error("Command failed", error);
        return ErrorMessages.describe(error);
    }

    /** The sub-command's --database-url, else the one before the sub-command's name, else null. */
    String databaseUrl(DatabaseOption own) {
        return own != null && own.databaseUrl != null ? own.databaseUrl : databaseUrl;
    }

    /** The sub-command's {@code --connection}, or null. */
    static String connectionName(DatabaseOption own) {
        return own == null ? null : own.connection;
    }

    /**
     * The window without arguments, the usual start: nothing to parse, so picocli is not loaded. Its classes
     * are compiled for Java 5, which class-data sharing cannot archive, and building its model of the
     * commands took about 0.2 s of every start before the toolkit could start. The settings are checked
     * as {@link #call()} checks them.
     */
    private static int window(Function<LaunchOptions, Integer> gui) {
        try {
            checkSettings(null);
        } catch (ConfigurationException e) {
            System.err.println("postdesk: " + Secrets.mask(e.getMessage()));
            return EXIT_BAD_SETTINGS;
        }
        return gui.apply(LaunchOptions.DEFAULTS);
    }

    /** The options of an already-checked command line (the window re-reads its raw arguments). */
    public static LaunchOptions parse(List<String> args) {
        if (args.isEmpty()) {
            return LaunchOptions.DEFAULTS; // as window(): no picocli for nothing to parse
        }
        PostDeskCommand command = new PostDeskCommand(null);
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.options();
    }

    @Override
    public Integer call() {
        checkSettings(databaseUrl);
        if (connection != null) {
            if (databaseUrl != null) {
                throw new ConfigurationException("Give either --database-url or --connection, not both.");
            }
            SavedConnectionLookup.find(connection, DataFolders.configForThisUser()); // unknown: its reason, exit code 2
        }
        return gui.apply(options());
    }

    /** Before any window: a malformed URL or pool setting ends the start with its reason (exit code 2). */
    private static void checkSettings(String databaseUrl) {
        Settings settings = Settings.load(Path.of("").toAbsolutePath());
        DatabaseTargetResolver.resolve(databaseUrl, settings, DataFolders.forThisUser());
        PoolSettings.from(settings);
    }

    private LaunchOptions options() {
        return new LaunchOptions(databaseUrl, migrate, readOnly, connection == null ? null : connection.strip());
    }

    /** {@code --version}: the build's version, from the pom.properties Maven puts into the jar (as Help › About). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            try (java.io.InputStream in = PostDeskCommand.class.getResourceAsStream(
                    "/META-INF/maven/io.postdesk/postdesk/pom.properties")) {
                if (in == null) {
                    return new String[] {"PostDesk (built from the sources, no version)"};
                }
                java.util.Properties pom = new java.util.Properties();
                pom.load(in);
                return new String[] {"PostDesk " + pom.getProperty("version", "(no version)")};
            }
        }
    }
}
