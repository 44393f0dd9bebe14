package io.postdesk.model;

import java.util.UUID;

/** Which history entries to list; null parts mean "any". {@code who} matches role or login. */
public record AuditFilter(String tableName, UUID recordId, String who) {
    public static final AuditFilter ALL = new AuditFilter(null, null, null);
}
