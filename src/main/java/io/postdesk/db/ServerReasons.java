package io.postdesk.db;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The last lines in which PostgreSQL said why it stops (FATAL, PANIC and their HINT), from the
 * output of {@code pg_ctl start}. A failed start ends with "pg_ctl exit 1" and nothing more; with
 * these its message (and so the log at WARN, which tests and CI keep) names the reason ("could not
 * bind…", "lock file … already exists"). Filled by the output thread, read by the starting one.
 */
final class ServerReasons {
    private static final int KEPT = 3;
    private final Deque<String> lines = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    synchronized void offer(String line) {
        int at = firstOf(line, "FATAL:", "PANIC:", "HINT:");
        if (at >= 0) {
            lines.addLast(line.substring(at).strip()); // without the time stamp and pid before it
            if (lines.size() > KEPT) {
                lines.removeFirst();
            }
        }
    }

    private static int firstOf(String line, String... words) {
        for (String word : words) {
            int at = line.indexOf(word);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    /** The output has ended (its pipe closed). */
    void ended() {
        ended.countDown();
    }

    /**
     * ": " and the lines, or "" when the server said nothing of the kind; waits up to {@code wait}
     * for the output to end first, as the last lines may not be read yet when pg_ctl has exited.
     */
    String lastWords(Duration wait) {
        try {
            ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return lines.isEmpty() ? "" : ": " + String.join(" / ", lines);
        }
    }
}
