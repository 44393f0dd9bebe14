package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.AuditEntry;
import io.postdesk.model.AuditFilter;
import io.postdesk.store.AuditStore;
import java.util.List;

/** The history of changes made through PostDesk, newest first. */
public final class AuditService {
    private final Transactions transactions;
    private final AuditStore audit;

    public AuditService(Transactions transactions, AuditStore audit) {
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * Entries matching the filter, newest first, at most {@code limit} (1 to 1,000). {@code who}
     * matches the database role or the desktop login, ignoring case, taken literally.
     */
    public List<AuditEntry> history(AuditFilter filter, int limit) {
        // Plain JDBC: the History view reads at start, and need not wait for Hibernate's boot.
        return transactions.readJdbc(connection -> audit.history(connection, filter == null ? AuditFilter.ALL : filter,
                limit));
    }
}
