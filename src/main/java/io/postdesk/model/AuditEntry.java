package io.postdesk.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One change made through PostDesk.
 *
 * @param action  create, update, delete, or a bulk action name
 * @param changes       the changed fields as "field: old → new" lines, long values cut short (never
 *                      password hashes): one line per field, for a table row
 * @param changesInFull the same with every value whole, line breaks kept, for reading the entry
 */
public record AuditEntry(long id, Instant at, String databaseRole, String desktopUser, String tableName,
                         UUID recordId, String action, String changes, String changesInFull) {
}
