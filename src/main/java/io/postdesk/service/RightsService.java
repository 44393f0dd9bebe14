package io.postdesk.service;

import io.postdesk.model.Rights;

/** What the connected role may do, from has_table_privilege, transaction_read_only and pg_is_in_recovery(). */
public final class RightsService {

    public Rights check() {
        throw new UnsupportedOperationException("TODO: editing service");
    }
}
