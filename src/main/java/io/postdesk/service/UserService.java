package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostRow;
import io.postdesk.model.RowCount;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserSort;
import io.postdesk.store.PostStore;
import io.postdesk.store.UserStore;
import java.util.List;
import java.util.UUID;

/** Use cases on users. Browse calls are cancellable as in {@link PostService}. */
public final class UserService {
    private final Transactions transactions;
    private final UserStore users;
    private final PostStore posts;

    public UserService(Transactions transactions, UserStore users) {
        this(transactions, users, new PostStore());
    }

    public UserService(Transactions transactions, UserStore users, PostStore posts) {
        this.transactions = transactions;
        this.users = users;
        this.posts = posts;
    }

    public List<UserRow> firstPage(int pageSize) {
        return transactions.read(session -> users.firstPage(session, pageSize));
    }

    public Page<UserRow> page(UserFilter filter, UserSort sort, PageRequest request, Cancellation cancellation) {
        return transactions.read(session -> users.page(session, filter, sort, request, cancellation));
    }

    public RowCount count(UserFilter filter, Cancellation cancellation) {
        return transactions.read(session -> users.count(session, filter, cancellation));
    }

    public RowCount exactCount(UserFilter filter, Cancellation cancellation) {
        return transactions.read(session -> users.exactCount(session, filter, cancellation));
    }

    /** All posts of the user, drafts included, newest first, as table rows. */
    public List<PostRow> postsOf(UUID userId) {
        return transactions.read(session -> posts.rowsOfUser(session, userId));
    }
}
