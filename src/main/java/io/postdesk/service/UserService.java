package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.UserRow;
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
}
