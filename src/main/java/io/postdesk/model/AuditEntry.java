package io.postdesk.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One change made through PostDesk.
 *
 * @param action  create, update, delete, or a bulk action name
 * @param changes the changed fields as "field: old → new" lines (never password hashes)
 */
public record AuditEntry(long id, Instant at, String databaseRole, String desktopUser, String tableName,
                         UUID recordId, String action, String changes) {
}
