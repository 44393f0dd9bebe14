package io.postdesk.store;

import java.util.UUID;

/** One audit row to write: which table and record (null for many at once), what was done, what changed. */
public record AuditRecord(String table, UUID recordId, String action, ChangeSet changes) {
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";
}
