package io.postdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Guards an undo against dropping what is not PostDesk's. The undo scripts drop without CASCADE, so
 * PostgreSQL itself refuses to drop an object that a view, trigger, policy or index of the blog
 * depends on. What it drops without asking are the objects that belong to a dropped table (its
 * indexes, constraints, triggers, policies, rules): so the objects of the schema are listed before
 * and after the undo, in its transaction, and anything gone that no undo script names (or that is
 * not an index, constraint or sequence of a table it drops) rolls the undo back, named.
 */
final class ForeignObjects {
    /** Identities without OIDs, as pg_identify_object writes them; extension members go with their extension. */
    private static final String OBJECTS = """
            SELECT i.type || ' ' || i.identity
            FROM (SELECT 'pg_class'::regclass AS cls, c.oid FROM pg_class c
                  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'i', 'I', 'S', 'f')
                  UNION ALL
                  SELECT 'pg_trigger'::regclass, t.oid FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                  WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
                  UNION ALL
                  SELECT 'pg_policy'::regclass, p.oid FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
                  WHERE c.relnamespace = current_schema()::regnamespace
                  UNION ALL
                  SELECT 'pg_rewrite'::regclass, r.oid FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
                  WHERE r.rulename <> '_RETURN' AND c.relnamespace = current_schema()::regnamespace
                  UNION ALL
                  SELECT 'pg_proc'::regclass, p.oid FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace
                  UNION ALL
                  SELECT 'pg_constraint'::regclass, k.oid FROM pg_constraint k WHERE k.connamespace = current_schema()::regnamespace
                  UNION ALL
                  SELECT 'pg_extension'::regclass, e.oid FROM pg_extension e) AS o,
                 LATERAL pg_identify_object(o.cls, o.oid, 0) AS i
            WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.cls AND d.objid = o.oid AND d.deptype = 'e')""";

    /** A table's own parts, which go with it: its indexes, constraints and owned sequences. */
    private static final String PARTS_OF_TABLE = """
            SELECT 'index ' || (pg_identify_object('pg_class'::regclass, x.indexrelid, 0)).identity
            FROM pg_index x WHERE x.indrelid = to_regclass(?)
            UNION ALL
            SELECT 'table constraint ' || (pg_identify_object('pg_constraint'::regclass, k.oid, 0)).identity
            FROM pg_constraint k WHERE k.conrelid = to_regclass(?)
            UNION ALL
            SELECT 'sequence ' || (pg_identify_object('pg_class'::regclass, d.objid, 0)).identity
            FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
            WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
              AND d.refobjid = to_regclass(?) AND d.deptype IN ('a', 'i')""";

    private ForeignObjects() {
    }

    static Set<String> list(Connection connection) throws SQLException {
        Set<String> objects = new TreeSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(OBJECTS)) {
            while (rs.next()) {
                objects.add(rs.getString(1));
            }
        }
        return objects;
    }

    /** The parts of the given tables, listed before they are dropped. */
    static Set<String> partsOf(Connection connection, Set<String> tables) throws SQLException {
        Set<String> parts = new LinkedHashSet<>();
        try (PreparedStatement query = connection.prepareStatement(PARTS_OF_TABLE)) {
            for (String table : tables) {
                query.setString(1, table);
                query.setString(2, table);
                query.setString(3, table);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        parts.add(rs.getString(1));
                    }
                }
            }
        }
        return parts;
    }

    /** The objects gone between {@code before} and {@code after} that are not PostDesk's. */
    static Set<String> goneButNotOurs(Set<String> before, Set<String> after, Set<String> droppedNames, Set<String> parts) {
        Set<String> foreign = new TreeSet<>();
        for (String object : before) {
            if (!after.contains(object) && !parts.contains(object) && !droppedNames.contains(name(object))) {
                foreign.add(object);
            }
        }
        return foreign;
    }

    /** "trigger users_touch_updated_at on public.users" gives users_touch_updated_at; "function public.f(integer)" gives f. */
    static String name(String object) {
        String[] words = object.split(" ");
        int first = 1;
        while (first < words.length - 1 && isTypeWord(words[first])) {
            first++; // "table constraint x on t", "materialized view v"
        }
        String identity = words[first];
        int paren = identity.indexOf('(');
        if (paren >= 0) {
            identity = identity.substring(0, paren);
        }
        return identity.substring(identity.lastIndexOf('.') + 1).replace("\"", "");
    }

    private static boolean isTypeWord(String word) {
        return word.equals("constraint") || word.equals("view") || word.equals("table") || word.equals("table constraint");
    }
}
