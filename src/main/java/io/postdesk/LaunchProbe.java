package io.postdesk;

import io.postdesk.bench.UiProbe;
import io.postdesk.cli.PostDeskCommand;

/**
 * The UI probe ({@link UiProbe}) started the way the {@link Launcher} starts the window: the command line
 * is parsed and the settings checked first (no arguments: the database comes from {@code DATABASE_URL},
 * {@code .env} or the embedded one in {@code POSTDESK_DATA_DIR}), then the probe opens the window where
 * the Launcher would call {@code Application.launch}. Its own arguments go to the probe.
 *
 * <p>The benchmark's startup scenarios time it, so the command line's cost is in their figures, and the
 * class-data archive is trained with it ({@code --scenarios}: the first clicks' classes are archived too).
 */
public final class LaunchProbe {
    private LaunchProbe() {
    }

    public static void main(String[] probeArgs) {
        int exitCode = PostDeskCommand.run(new String[0], options -> {
            UiProbe.main(probeArgs); // ends the JVM with the probe's exit code
            return 0;
        });
        System.exit(exitCode);
    }
}
