package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.PostRow;
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
}
