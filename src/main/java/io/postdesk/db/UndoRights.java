package io.postdesk.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the connected role could take PostDesk's schema changes back: dropping a trigger or an
 * index of a table, or changing its settings, needs the table's owner (or a member of the owner's
 * role); dropping PostDesk's tables and functions needs theirs. Checked before any migration and any
 * undo, so a database never holds changes that the role that made them cannot take back.
 */
final class UndoRights {
    private static final String NOT_OWNED = """
            SELECT o.kind || ' ' || o.name || ' is owned by ' || pg_get_userbyid(o.owner)
            FROM (SELECT 'table' AS kind, c.relname::text AS name, c.relowner AS owner
                  FROM pg_class c
                  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                    AND (c.relname IN ('users', 'posts') OR c.relname LIKE 'postdesk\\_%')
                  UNION ALL
                  SELECT 'function', p.oid::regprocedure::text, p.proowner
                  FROM pg_proc p
                  WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'postdesk\\_%') AS o
            WHERE NOT pg_has_role(current_user, o.owner, 'USAGE')
            ORDER BY o.kind DESC, o.name""";

    private UndoRights() {
    }

    /** Refuses, before anything changes, when {@code connection}'s role could not undo PostDesk's changes. */
    static void require(Connection connection, boolean creates) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(NOT_OWNED)) {
                while (rs.next()) {
                    problems.add(rs.getString(1));
                }
            }
            if (creates) {
                try (ResultSet rs = statement.executeQuery("SELECT has_schema_privilege(current_schema(), 'CREATE')")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        problems.add("the role may not create objects in the schema");
                    }
                }
            }
            if (problems.isEmpty()) {
                return;
            }
            String role;
            try (ResultSet rs = statement.executeQuery("SELECT current_user, current_schema()")) {
                rs.next();
                role = rs.getString(1) + "\" (schema " + rs.getString(2) + ")";
            }
            throw new UndoRefusedException("PostDesk will not change the schema as role \"" + role
                    + ": that role could not take the change back, because " + String.join("; ", problems)
                    + ". Connect as the owner of users and posts (or a member of that role). Nothing was changed.");
        }
    }
}
