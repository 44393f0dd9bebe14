package io.postdesk.service;

import io.postdesk.model.Cancellation;
import io.postdesk.model.Change;
import io.postdesk.model.ChangeCursor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the change feed for the window, on a daemon thread of its own (it waits on its own
 * connection, never on the executor's): hands over other writers' changes as they commit, leaves
 * out this PostDesk's own (its sessions' writer tag). It starts at the feed's end; after a lost
 * connection it tries again with growing pauses and catches up from its cursor. When its cursor
 * was pruned meanwhile, {@code lostTrack} runs (the window then reloads what it shows).
 */
public final class ChangeWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeWatch.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final ChangeFeed feed;
    private final String ownTag;
    private final Consumer<List<Change>> others;
    private final Runnable lostTrack;
    private final Cancellation cancellation = new Cancellation();
    private final Thread thread;
    private volatile ChangeCursor cursor;

    private ChangeWatch(ChangeFeed feed, String ownTag, Consumer<List<Change>> others, Runnable lostTrack) {
        this.feed = feed;
        this.cursor = feed.openedAt();
        this.ownTag = ownTag;
        this.others = others;
        this.lostTrack = lostTrack;
        this.thread = new Thread(this::run, "postdesk-change-watch");
        thread.setDaemon(true);
    }

    /** Starts following for this PostDesk process: its own changes (its sessions' tag) are left out. */
    public static ChangeWatch start(ChangeFeed feed, Consumer<List<Change>> others, Runnable lostTrack) {
        return start(feed, io.postdesk.db.ConnectionPool.WRITER_TAG, others, lostTrack);
    }

    /** Starts following; {@code others} and {@code lostTrack} are called on the watch's thread. */
    public static ChangeWatch start(ChangeFeed feed, String ownTag, Consumer<List<Change>> others, Runnable lostTrack) {
        ChangeWatch watch = new ChangeWatch(feed, ownTag, others, lostTrack);
        watch.thread.start();
        return watch;
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        while (!cancellation.isCancelled()) {
            try {
                if (cursor == null) {
                    cursor = feed.end();
                }
                feed.follow(cursor, 500, this::handOver, cancellation);
            } catch (CursorExpiredException e) {
                cursor = null;
                lostTrack.run();
            } catch (RuntimeException e) {
                if (cancellation.isCancelled()) {
                    return;
                }
                log.info("Following other writers' changes failed; trying again in {} s: {}", pause.toSeconds(), e.toString());
                if (!sleep(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
                continue;
            }
            pause = FIRST_PAUSE;
        }
    }

    private void handOver(List<Change> batch) {
        List<Change> theirs = batch.stream().filter(change -> !Objects.equals(ownTag, change.writer())).toList();
        if (!theirs.isEmpty()) {
            others.accept(theirs);
        }
        cursor = batch.get(batch.size() - 1).cursor();
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return !cancellation.isCancelled();
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops following (within half a second). */
    @Override
    public void close() {
        cancellation.cancel();
        thread.interrupt();
    }
}
