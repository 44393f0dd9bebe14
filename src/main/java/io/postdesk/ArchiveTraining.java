package io.postdesk;

import io.postdesk.bench.UiProbe;
import io.postdesk.cli.PostDeskCommand;

/**
 * The training run that fills the class-data archive ({@code io.postdesk.launch.ClassDataArchive}):
 * what a user's start does, headless. The command line is checked as the {@link Launcher} checks it
 * (picocli), then the UI probe starts the window on the database in the data folder (the trainer gives
 * it a temporary {@code POSTDESK_DATA_DIR}), waits for the first page and clicks through the screens,
 * so the classes of the first searches, pages and tabs are in the archive too. The JVM writes the
 * archive when it exits.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) {
        int exitCode = PostDeskCommand.run(args, options -> {
            UiProbe.main(new String[] {"--scenarios"}); // ends the JVM with the probe's exit code
            return 0;
        });
        System.exit(exitCode);
    }
}
