package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.AuthorLookup;
import io.postdesk.model.AuthorSuggestion;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostDetail;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.RowCount;
import io.postdesk.store.PostStore;
import io.postdesk.store.UserStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Use cases on posts. The browse calls take a {@link Cancellation} (may be null): cancelling it
 * stops the running statement in the database, and the call fails with SQLSTATE 57014.
 */
public final class PostService {
    private final Transactions transactions;
    private final PostStore posts;
    private final UserStore users;

    public PostService(Transactions transactions, PostStore posts) {
        this(transactions, posts, new UserStore());
    }

    public PostService(Transactions transactions, PostStore posts, UserStore users) {
        this.transactions = transactions;
        this.posts = posts;
        this.users = users;
    }

    /** A page read before the view asked for it; the first {@link #page} call takes it (or drops it). */
    private final java.util.concurrent.atomic.AtomicReference<ReadAhead> readAhead =
            new java.util.concurrent.atomic.AtomicReference<>();

    private record ReadAhead(PostFilter filter, PostSort sort, PageRequest request, Page<PostRow> page) {
        boolean answers(PostFilter otherFilter, PostSort otherSort, PageRequest otherRequest) {
            return filter.equals(otherFilter) && sort.equals(otherSort) && request.equals(otherRequest);
        }
    }

    /**
     * Reads this page now (a background thread, at start: the window's first page, while the window is
     * still being built), for the first {@link #page} call, which takes it when it asks for the same page.
     */
    public void readAhead(PostFilter filter, PostSort sort, PageRequest request) {
        readAhead.set(new ReadAhead(filter, sort, request, transactions.readJdbc(connection -> {
            posts.waitForLocksAtMost(connection, READ_AHEAD_LOCK_WAIT_MS); // a locked posts table: the view's load says so
            return posts.page(connection, filter, sort, request, null);
        })));
    }

    /** How long the read-ahead waits for a lock before it gives up (and the view reads the page itself). */
    static final long READ_AHEAD_LOCK_WAIT_MS = 200;

    public List<PostRow> firstPage(int pageSize) {
        return transactions.read(session -> posts.firstPage(session, pageSize));
    }

    /**
     * One page of the posts matching the filter, in the given order. Plain JDBC, like the counts: the
     * window's first page does not wait for Hibernate's boot (docs/PERFORMANCE.md, "startup").
     */
    public Page<PostRow> page(PostFilter filter, PostSort sort, PageRequest request, Cancellation cancellation) {
        ReadAhead ahead = readAhead.getAndSet(null); // once: a later call reads afresh
        if (ahead != null && ahead.answers(filter, sort, request)) {
            return ahead.page();
        }
        return transactions.readJdbc(connection -> posts.page(connection, filter, sort, request, cancellation));
    }

    /** The count: exact when cheap, else the planner's estimate; never slow. */
    public RowCount count(PostFilter filter, Cancellation cancellation) {
        return transactions.readJdbc(connection -> posts.count(connection, filter, cancellation));
    }

    /** The exact count, however long it takes (cancellable). */
    public RowCount exactCount(PostFilter filter, Cancellation cancellation) {
        return transactions.readJdbc(connection -> posts.exactCount(connection, filter, cancellation));
    }

    public Optional<PostDetail> detail(UUID postId) {
        return transactions.read(session -> posts.detail(session, postId));
    }

    /** Usernames starting with the prefix (case-insensitive, literal), for the author type-ahead. */
    public List<AuthorSuggestion> authorsStartingWith(String prefix, int limit) {
        return transactions.read(session -> users.authorsStartingWith(session, prefix, limit));
    }

    /**
     * The one user a typed author name means: an exact username (with its case) wins, then an
     * exact username or email ignoring case, then the only username starting with the text.
     * Anything else is nobody or several, and the caller must not pick one itself.
     */
    public AuthorLookup resolveAuthor(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return new AuthorLookup(text, List.of());
        }
        return transactions.read(session -> {
            List<AuthorSuggestion> named = users.authorsNamed(session, text);
            if (!named.isEmpty()) {
                boolean exact = named.get(0).username().equals(text);
                return new AuthorLookup(text, exact ? named.subList(0, 1) : named);
            }
            return new AuthorLookup(text, users.authorsStartingWith(session, text, 2));
        });
    }
}
