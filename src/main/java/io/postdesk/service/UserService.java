package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Cursor;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostRow;
import io.postdesk.model.RowCount;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserPosts;
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

    /** Plain JDBC, as the counts: the window's first pages do not wait for Hibernate's boot. */
    public Page<UserRow> page(UserFilter filter, UserSort sort, PageRequest request, Cancellation cancellation) {
        return transactions.readJdbc(connection -> users.page(connection, filter, sort, request, cancellation));
    }

    public RowCount count(UserFilter filter, Cancellation cancellation) {
        return transactions.readJdbc(connection -> users.count(connection, filter, cancellation));
    }

    public RowCount exactCount(UserFilter filter, Cancellation cancellation) {
        return transactions.readJdbc(connection -> users.exactCount(connection, filter, cancellation));
    }

    /**
     * What the users view shows for a selected user: the newest {@code pageSize} of their posts,
     * drafts included, and how many they have. Only the first page is read, however many posts the
     * user has; {@link #morePostsOf} continues from its last row.
     */
    public UserPosts postsOf(UUID userId, int pageSize, Cancellation cancellation) {
        return transactions.read(session -> {
            Page<PostRow> newest = posts.pageOfUser(session, userId, new PageRequest.First(pageSize), cancellation);
            PostStore.AuthorCounts counts = posts.countsOfUser(session, userId, cancellation);
            return new UserPosts(newest, counts.total(), counts.published());
        });
    }

    /** The user's posts after {@code after} (the last row shown), newest first: the next page as the list scrolls. */
    public Page<PostRow> morePostsOf(UUID userId, int pageSize, Cursor after, Cancellation cancellation) {
        return transactions.read(session -> posts.pageOfUser(session, userId, new PageRequest.Next(pageSize, after),
                cancellation));
    }
}
