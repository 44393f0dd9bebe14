package io.postdesk.store;

import io.postdesk.model.AuditEntry;
import io.postdesk.model.AuditFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Writes and reads {@code postdesk_audit}. Rows are written on the caller's session, so they
 * commit or roll back with the change they describe. The database fills in the time and the
 * role ({@code current_user}); the desktop login is given.
 */
public final class AuditStore {
    public static final int MAX_HISTORY = 1_000;
    private static final String INSERT = "INSERT INTO postdesk_audit (desktop_user, table_name, record_id, action,"
            + " changes) VALUES (?, ?, ?, ?, ?::jsonb)";

    private final String desktopUser;

    public AuditStore(String desktopUser) {
        this.desktopUser = desktopUser;
    }

    public void record(Session session, AuditRecord record) {
        record(session, List.of(record));
    }

    public void record(Session session, List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Sql> rows = records.stream().map(r -> Sql.of(INSERT, desktopUser, r.table(), r.recordId(), r.action(),
                r.changes().toJson())).toList();
        Statements.batch(session, INSERT, rows);
    }

    /**
     * The newest entries first, at most {@code limit}. The changes are read field by field from
     * the jsonb (one row per field) and put into words by {@link ChangeLines}.
     */
    public List<AuditEntry> history(Session session, AuditFilter filter, int limit) {
        return session.doReturningWork(connection -> history(connection, filter, limit));
    }

    /** As {@link #history(Session, AuditFilter, int)}, on a plain JDBC connection. */
    public List<AuditEntry> history(java.sql.Connection connection, AuditFilter filter, int limit)
            throws java.sql.SQLException {
        if (limit < 1 || limit > MAX_HISTORY) {
            throw new IllegalArgumentException("Between 1 and " + MAX_HISTORY + " entries, not " + limit);
        }
        Sql sql = Sql.of("SELECT a.id, a.at, a.database_role, a.desktop_user, a.table_name, a.record_id, a.action,"
                        + " c.key, jsonb_typeof(c.value) = 'object' AS is_change,"
                        + " (c.value -> 'old') IS NOT NULL AS has_old, c.value ->> 'old' AS old_value,"
                        + " (c.value -> 'new') IS NOT NULL AS has_new, c.value ->> 'new' AS new_value, c.value #>> '{}' AS note"
                        + " FROM (SELECT * FROM postdesk_audit")
                .append(Sql.where(conditions(filter)))
                .append(" ORDER BY at DESC, id DESC LIMIT ?) a", limit)
                .append(" LEFT JOIN LATERAL jsonb_each(a.changes) c ON true ORDER BY a.at DESC, a.id DESC");
        return Statements.query(connection, sql, AuditStore::entries);
    }

    /** One entry per audit row; its rows (one per changed field) come together, in order. */
    private static List<AuditEntry> entries(ResultSet rows) throws SQLException {
        Map<Long, AuditEntry> heads = new LinkedHashMap<>();
        Map<Long, ChangeLines> lines = new LinkedHashMap<>();
        while (rows.next()) {
            long id = rows.getLong("id");
            if (!heads.containsKey(id)) {
                heads.put(id, new AuditEntry(id, ResultColumns.instant(rows, "at"), rows.getString("database_role"),
                        rows.getString("desktop_user"), rows.getString("table_name"),
                        rows.getObject("record_id", UUID.class), rows.getString("action"), null, null));
                lines.put(id, new ChangeLines());
            }
            String field = rows.getString("key");
            if (field == null) {
                continue; // nothing recorded besides the action
            }
            if (rows.getBoolean("is_change")) {
                lines.get(id).change(field, rows.getBoolean("has_old"), rows.getString("old_value"),
                        rows.getBoolean("has_new"), rows.getString("new_value"));
            } else {
                lines.get(id).note(field, rows.getString("note"));
            }
        }
        return heads.values().stream().map(e -> new AuditEntry(e.id(), e.at(), e.databaseRole(), e.desktopUser(),
                e.tableName(), e.recordId(), e.action(), lines.get(e.id()).text(), lines.get(e.id()).fullText())).toList();
    }

    private static List<Sql> conditions(AuditFilter filter) {
        List<Sql> conditions = new ArrayList<>();
        if (filter.tableName() != null && !filter.tableName().isBlank()) {
            conditions.add(Sql.of("table_name = ?", filter.tableName().strip()));
        }
        if (filter.recordId() != null) {
            conditions.add(Sql.of("record_id = ?", filter.recordId()));
        }
        if (filter.who() != null && !filter.who().isBlank()) {
            String pattern = LikePatterns.contains(filter.who().strip());
            conditions.add(Sql.of("(database_role ILIKE ? ESCAPE '\\' OR desktop_user ILIKE ? ESCAPE '\\')",
                    pattern, pattern));
        }
        return conditions;
    }
}
