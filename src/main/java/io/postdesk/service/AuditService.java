package io.postdesk.service;

import io.postdesk.model.AuditEntry;
import io.postdesk.model.AuditFilter;
import java.util.List;

/** The history of changes made through PostDesk, newest first. */
public final class AuditService {

    public List<AuditEntry> history(AuditFilter filter, int limit) {
        throw new UnsupportedOperationException("TODO: editing service");
    }
}
