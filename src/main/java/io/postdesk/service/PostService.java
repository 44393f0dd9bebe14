package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.AuthorSuggestion;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostDetail;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.RowCount;
import java.util.Optional;
import java.util.UUID;
import io.postdesk.store.PostStore;
import java.util.List;

/** Use cases on posts. */
public final class PostService {
    private final Transactions transactions;
    private final PostStore posts;

    public PostService(Transactions transactions, PostStore posts) {
        this.transactions = transactions;
        this.posts = posts;
    }

    public List<PostRow> firstPage(int pageSize) {
        return transactions.read(session -> posts.firstPage(session, pageSize));
    }

    /** One page of the posts matching the filter, in the given order. */
    public Page<PostRow> page(PostFilter filter, PostSort sort, PageRequest request, Cancellation cancellation) {
        throw new UnsupportedOperationException("TODO: browse store");
    }

    /** The count: exact when cheap, else the planner's estimate; never slow. */
    public RowCount count(PostFilter filter, Cancellation cancellation) {
        throw new UnsupportedOperationException("TODO: browse store");
    }

    /** The exact count, however long it takes (cancellable). */
    public RowCount exactCount(PostFilter filter, Cancellation cancellation) {
        throw new UnsupportedOperationException("TODO: browse store");
    }

    public Optional<PostDetail> detail(UUID postId) {
        throw new UnsupportedOperationException("TODO: browse store");
    }

    /** Usernames starting with the prefix (case-insensitive, literal), for the author type-ahead. */
    public java.util.List<AuthorSuggestion> authorsStartingWith(String prefix, int limit) {
        throw new UnsupportedOperationException("TODO: browse store");
    }
}
