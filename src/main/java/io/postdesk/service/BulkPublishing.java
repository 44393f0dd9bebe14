package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.Cancellation;
import io.postdesk.model.PostFilter;
import io.postdesk.model.Progress;
import io.postdesk.model.PublishedFilter;
import io.postdesk.store.AuditRecord;
import io.postdesk.store.AuditStore;
import io.postdesk.store.BulkPublishStore;
import io.postdesk.store.ChangeSet;
import io.postdesk.store.SearchIndexBatch;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Publishes or unpublishes many posts in one transaction: the selected ids, or every post
 * matching a filter (the same conditions as the table and its count). Set-based, in chunks of
 * {@link #CHUNK} rows, so progress can be reported and cancelled between and during chunks;
 * a cancel rolls everything back. Only posts whose state changes are written, so their xmin
 * moves (an editor with one of them open gets a conflict on save) and updated_at is set by the
 * V2 trigger. One audit row says how many and which.
 *
 * <p>Fast because of the schema (V5): no index holds {@code published} or {@code updated_at}
 * and every page of posts has room, so nearly every row's new version is a HOT update that
 * touches no index; the few that are not enter the search indexes through one
 * {@link SearchIndexBatch} merge.
 */
public final class BulkPublishing {
    /** Ids per statement: far below the driver's 32,767 bind limit (an array is one bind anyway). */
    public static final int CHUNK = 10_000;
    static final String ACTION_PUBLISH = "publish";
    static final String ACTION_UNPUBLISH = "unpublish";

    private final Transactions transactions;
    private final BulkPublishStore store;
    private final AuditStore audit;
    private final int chunkSize;

    public BulkPublishing(Transactions transactions, BulkPublishStore store, AuditStore audit) {
        this(transactions, store, audit, CHUNK);
    }

    BulkPublishing(Transactions transactions, BulkPublishStore store, AuditStore audit, int chunkSize) {
        this.transactions = transactions;
        this.store = store;
        this.audit = audit;
        this.chunkSize = chunkSize;
    }

    /** For the confirmation: how many of the selected posts would change ("Publish 12,408 posts?"). */
    public long count(List<UUID> ids, boolean publish) {
        List<UUID> distinct = distinct(ids);
        return transactions.read(session -> {
            long n = 0;
            for (List<UUID> chunk : chunks(distinct)) {
                n += store.countChanging(session, chunk, publish);
            }
            return n;
        });
    }

    /** For the confirmation: how many posts matching the filter would change (exact). */
    public long count(PostFilter filter, boolean publish, Cancellation cancellation) {
        return transactions.read(session -> store.countChanging(session, filter, publish, cancellation));
    }

    /** Sets the selected posts' state; returns how many changed. */
    public long apply(List<UUID> ids, boolean publish, Progress.Listener progress, Cancellation cancellation) {
        List<UUID> distinct = distinct(ids);
        Cancellation stop = cancellation == null ? new Cancellation() : cancellation;
        Progress.Listener listener = progress == null ? Progress.Listener.NONE : progress;
        return run(stop, () -> transactions.write(session -> {
            long started = System.nanoTime();
            SearchIndexBatch searchIndexes = SearchIndexBatch.begin(session, distinct.size());
            long changed = 0;
            long done = 0;
            for (List<UUID> chunk : chunks(distinct)) {
                failIfCancelled(stop);
                changed += store.updateIds(session, chunk, publish, stop);
                done += chunk.size();
                listener.update(progress(done, distinct.size(), started));
            }
            failIfCancelled(stop);
            searchIndexes.finish(session);
            audit(session, publish, changed, format(distinct.size()) + " selected posts");
            return changed;
        }));
    }

    /** Sets the state of every post matching the filter; returns how many changed. */
    public long apply(PostFilter filter, boolean publish, Progress.Listener progress, Cancellation cancellation) {
        Cancellation stop = cancellation == null ? new Cancellation() : cancellation;
        Progress.Listener listener = progress == null ? Progress.Listener.NONE : progress;
        return run(stop, () -> transactions.write(session -> {
            long started = System.nanoTime();
            long total = store.countChanging(session, filter, publish, stop);
            SearchIndexBatch searchIndexes = SearchIndexBatch.begin(session, total);
            long changed = 0;
            UUID after = null;
            while (true) {
                failIfCancelled(stop);
                BulkPublishStore.Chunk chunk = store.updateNext(session, filter, publish, after, chunkSize, stop);
                if (chunk.lastId() == null) {
                    break;
                }
                changed += chunk.changed();
                after = chunk.lastId();
                listener.update(progress(changed, total, started));
            }
            failIfCancelled(stop);
            searchIndexes.finish(session);
            audit(session, publish, changed, describe(filter));
            return changed;
        }));
    }

    /** "posts matching search "x", drafts, author ann" as the audit's record of what was selected. */
    static String describe(PostFilter filter) {
        if (filter.isEmpty()) {
            return "all posts";
        }
        List<String> parts = new ArrayList<>();
        if (filter.search() != null) {
            parts.add("search \"" + filter.search() + "\"");
        }
        if (filter.published() != PublishedFilter.ALL) {
            parts.add(filter.published() == PublishedFilter.PUBLISHED ? "published" : "drafts");
        }
        if (filter.authorId() != null) {
            parts.add("author " + (filter.authorName() != null ? filter.authorName() : filter.authorId()));
        }
        if (filter.createdFrom() != null) {
            parts.add("created from " + filter.createdFrom());
        }
        if (filter.createdBefore() != null) {
            parts.add("created before " + filter.createdBefore());
        }
        return "posts matching " + String.join(", ", parts);
    }

    private void audit(Session session, boolean publish, long changed, String selection) {
        audit.record(session, new AuditRecord(PostEditing.TABLE, null, publish ? ACTION_PUBLISH : ACTION_UNPUBLISH,
                new ChangeSet().changed("published", !publish, publish)
                        .note("count", Long.toString(changed)).note("selection", selection)));
    }

    private static long run(Cancellation stop, java.util.function.LongSupplier work) {
        try {
            return work.getAsLong();
        } catch (RuntimeException e) {
            // A cancelled lock wait says who held the lock: worth more than a plain "Cancelled".
            if (stop.isCancelled() && !(e instanceof io.postdesk.db.LockWaitCancelledException)) {
                throw new CancelledException("Cancelled: no post was changed.");
            }
            throw e;
        }
    }

    private static void failIfCancelled(Cancellation stop) {
        if (stop.isCancelled()) {
            throw new CancelledException("Cancelled: no post was changed.");
        }
    }

    private static Progress progress(long done, long total, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return new Progress(done, total, seconds > 0 ? done / seconds : 0);
    }

    private List<List<UUID>> chunks(List<UUID> ids) {
        List<List<UUID>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += chunkSize) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + chunkSize)));
        }
        return chunks;
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return new ArrayList<>(new LinkedHashSet<>(ids));
    }

    private static String format(long n) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n);
    }
}
