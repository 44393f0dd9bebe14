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
import java.util.UUID;
import io.postdesk.store.UserStore;
import java.util.List;

/** Use cases on users. */
public final class UserService {
    private final Transactions transactions;
    private final UserStore users;

    public UserService(Transactions transactions, UserStore users) {
        this.transactions = transactions;
        this.users = users;
    }

    public List<UserRow> firstPage(int pageSize) {
        return transactions.read(session -> users.firstPage(session, pageSize));
    }

    public Page<UserRow> page(UserFilter filter, UserSort sort, PageRequest request, Cancellation cancellation) {
        throw new UnsupportedOperationException("TODO: browse store");
    }

    public RowCount count(UserFilter filter, Cancellation cancellation) {
        throw new UnsupportedOperationException("TODO: browse store");
    }

    public RowCount exactCount(UserFilter filter, Cancellation cancellation) {
        throw new UnsupportedOperationException("TODO: browse store");
    }

    /** All posts of the user, drafts included, newest first, as table rows. */
    public List<PostRow> postsOf(UUID userId) {
        throw new UnsupportedOperationException("TODO: browse store");
    }
}
