package io.postdesk;

import io.postdesk.cli.PostDeskCommand;
import io.postdesk.config.DataFolders;

/**
 * The entry point for {@code mvn javafx:run}, the jar and the installers. It is not an
 * {@link javafx.application.Application} subclass, so the JavaFX runtime can come from the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // Before the first logger exists: the log file goes to the data folder.
        java.nio.file.Path logs = DataFolders.forThisUser().resolve("logs");
        io.postdesk.config.LogFolder.prepare(logs); // owner-only, before logback creates the file
        System.setProperty("postdesk.logDir", logs.toString());
        Thread loggingInit = null;
        if (java.util.Arrays.stream(args).anyMatch(PostDeskCommand.COMMANDS::contains)) {
            // A command's stderr is its one-line reason (and progress); the details go to the log file.
            System.setProperty("postdesk.consoleLog", "OFF");
            // No window to start beside it; and loggers asked for during a background start are
            // replayed with a three-line SLF4J warning on stderr, which a script would see.
            org.slf4j.LoggerFactory.getILoggerFactory();
            io.postdesk.launch.ArchiveStamp.logWhetherArchiveFits();
        } else {
            loggingInit = initLoggingInBackground();
        }
        Thread logging = loggingInit;
        int exitCode = PostDeskCommand.run(args, options -> {
            WindowStart.launch(args, options, logging); // the database begins to open before the toolkit starts
            return 0;
        });
        System.exit(exitCode);
    }

    /**
     * Logback reads its configuration (hundreds of classes) the first time a logger is asked for;
     * done here on a thread of its own, beside the command line and the JavaFX toolkit start,
     * instead of on the FX thread while the window is built. Whoever asks first waits for it.
     */
    public static Thread initLoggingInBackground() {
        Thread init = new Thread(() -> {
            org.slf4j.LoggerFactory.getILoggerFactory();
            io.postdesk.launch.ArchiveStamp.logWhetherArchiveFits(); // installed: why a start went without the archive
        }, "postdesk-logging-init");
        init.setDaemon(true);
        init.start();
        return init;
    }
}
