package io.postdesk.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * What a migration is doing, on stderr, one line rewritten in place, only when a person is
 * watching (a terminal): index builds on a big blog take minutes, and scripts get clean output.
 */
final class MigrationProgressLine implements Consumer<String> {
    private final PrintWriter err;
    private int shownLength;

    private MigrationProgressLine(PrintWriter err) {
        this.err = err;
    }

    static MigrationProgressLine forTerminal(PrintWriter err) {
        return new MigrationProgressLine(System.console() != null ? err : null);
    }

    @Override
    public synchronized void accept(String line) {
        if (err == null) {
            return;
        }
        // Pads over the rest of a longer line shown before.
        err.print("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())));
        err.flush();
        shownLength = line.length();
    }

    /** Ends the line so the summary starts on its own. */
    synchronized void end() {
        if (err != null && shownLength > 0) {
            err.println();
            err.flush();
            shownLength = 0;
        }
    }
}
