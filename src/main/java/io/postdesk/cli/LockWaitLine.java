package io.postdesk.cli;

import io.postdesk.model.LockWait;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Says on stderr what a command waits for, once per blocker (not every second): a command that
 * sat silent while another session held a lock looked hung.
 */
final class LockWaitLine implements Consumer<LockWait> {
    private final PrintStream err;
    private LockWait shown;

    LockWaitLine(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void accept(LockWait wait) {
        if (wait == null) {
            // Released, or the statement ended (cancelled, timed out): the command's own output says which.
            shown = null;
            return;
        }
        if (shown != null && shown.blockerPid() == wait.blockerPid()) {
            return;
        }
        shown = wait;
        err.println();
        err.println("postdesk: " + wait.describe() + ". Ctrl+C cancels.");
        if (!wait.queryLine().isEmpty()) {
            err.println("postdesk: its last statement: " + wait.queryLine());
        }
    }
}
