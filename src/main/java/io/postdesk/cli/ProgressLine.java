package io.postdesk.cli;

import io.postdesk.model.Progress;
import java.io.PrintWriter;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Progress on stderr, one line rewritten in place, only when a person is watching (a terminal):
 * scripts and cron get clean output.
 */
final class ProgressLine implements Progress.Listener {
    private static final long EVERY_NANOS = 250_000_000L;
    private final PrintWriter err;
    private final String unit;
    private long lastNanos;
    private boolean shown;
    private boolean ended;

    ProgressLine(PrintWriter err, String unit) {
        this.err = err;
        this.unit = unit;
    }

    static Progress.Listener forTerminal(PrintWriter err, String unit) {
        return System.console() != null ? new ProgressLine(err, unit) : Progress.Listener.NONE;
    }

    @Override
    public void update(Progress progress) {
        long now = System.nanoTime();
        boolean last = progress.total() >= 0 && progress.done() >= progress.total();
        if (ended || (shown && now - lastNanos < EVERY_NANOS && !last)) {
            return;
        }
        lastNanos = now;
        shown = true;
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        StringBuilder line = new StringBuilder("\r").append(n.format(progress.done())).append(' ').append(unit);
        if (progress.total() >= 0) {
            line.append(" of about ").append(n.format(progress.total()));
        }
        line.append(", ").append(n.format(Math.round(progress.perSecond()))).append("/s");
        if (progress.secondsLeft() >= 0) {
            line.append(", ").append(progress.secondsLeft()).append(" s left");
        }
        err.print(line.append("   "));
        err.flush();
    }

    /** Ends the progress line so the next output starts on a line of its own (once). */
    static void end(Progress.Listener listener) {
        if (listener instanceof ProgressLine line && line.shown && !line.ended) {
            line.ended = true;
            line.err.println();
            line.err.flush();
        }
    }
}
