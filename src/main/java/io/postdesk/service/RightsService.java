package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.Rights;
import io.postdesk.store.RightsStore;

/** What the connected role may do, from has_table_privilege, transaction_read_only and pg_is_in_recovery(). */
public final class RightsService {
    private final Transactions transactions;
    private final RightsStore store;
    private final String openedReadOnlyBecause;

    /**
     * @param openedReadOnlyBecause why PostDesk itself opened the database read-only (--read-only,
     *                              a newer schema), or null when it did not
     */
    public RightsService(Transactions transactions, RightsStore store, String openedReadOnlyBecause) {
        this.transactions = transactions;
        this.store = store;
        this.openedReadOnlyBecause = openedReadOnlyBecause;
    }

    /** Asks the server; call on connect and again whenever a save was refused for want of rights. */
    public Rights check() {
        RightsStore.Privileges p = transactions.readJdbc(store::check); // at start: without waiting for Hibernate
        String readOnlyReason = readOnlyReason(p);
        // Deleting a user locks the row first (SELECT ... FOR UPDATE, which needs UPDATE) so that
        // the post count it reports and audits is exact.
        return new Rights(p.insertUsers(), p.updateUsers(), p.deleteUsers() && p.updateUsers(), p.insertPosts(),
                p.updatePosts(), p.deletePosts(), readOnlyReason != null, readOnlyReason);
    }

    private String readOnlyReason(RightsStore.Privileges p) {
        if (openedReadOnlyBecause != null) {
            return openedReadOnlyBecause;
        }
        if (p.standby()) {
            return "The server is a standby (a read-only copy); changes can only be made on the primary server.";
        }
        if (p.sessionReadOnly()) {
            return "The server makes this connection read-only (default_transaction_read_only is on).";
        }
        // Only worth saying to a role that could otherwise write; a SELECT-only role is told per table.
        if (!p.writeAudit() && mayWriteSomething(p)) {
            return "Your database role may not write PostDesk's audit table (postdesk_audit), which every change needs.";
        }
        return null;
    }

    private static boolean mayWriteSomething(RightsStore.Privileges p) {
        return p.insertUsers() || p.updateUsers() || p.deleteUsers() || p.insertPosts() || p.updatePosts()
                || p.deletePosts();
    }
}
