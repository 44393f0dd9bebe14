package io.postdesk.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The schema of the current database as the catalog describes it, one sorted line per fact and no
 * OIDs: relations (kind, options, row security, owner, grants, comment), columns (type, default, NOT
 * NULL, identity, statistics target, grants, comment), indexes, constraints, triggers, functions
 * (their whole definition, grants), extensions, policies, views, rules and the schema's grants.
 * Two snapshots are equal when nothing of the schema differs.
 */
public final class SchemaSnapshot {
    private static final String[] QUERIES = {
        """
        SELECT 'relation ' || c.relname || ' kind=' || c.relkind::text || ' rls=' || c.relrowsecurity
               || ' options=' || coalesce(array_to_string(c.reloptions, ','), '') || ' owner=' || pg_get_userbyid(c.relowner)
               || ' acl=' || coalesce(c.relacl::text, '') || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '')
        FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')""",
        """
        SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || ' notnull=' || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
               || ' identity=' || a.attidentity::text || ' statistics=' || coalesce(nullif(a.attstattarget::int, -1)::text, 'default')
               || ' acl=' || coalesce(a.attacl::text, '') || ' comment=' || coalesce(col_description(c.oid, a.attnum), '')
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND a.attnum > 0 AND NOT a.attisdropped""",
        """
        SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid || ' clustered=' || i.indisclustered
               || ' comment=' || coalesce(obj_description(i.indexrelid, 'pg_class'), '')
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = current_schema()::regnamespace""",
        """
        SELECT 'constraint ' || k.conrelid::regclass::text || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
               || ' comment=' || coalesce(obj_description(k.oid, 'pg_constraint'), '')
        FROM pg_constraint k WHERE k.connamespace = current_schema()::regnamespace""",
        """
        SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
               || ' comment=' || coalesce(obj_description(t.oid, 'pg_trigger'), '')
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace""",
        """
        SELECT 'function ' || p.oid::regprocedure::text || ' owner=' || pg_get_userbyid(p.proowner)
               || ' acl=' || coalesce(p.proacl::text, '') || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '')
               || ' ' || CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) ELSE p.prokind::text END
        FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace""",
        """
        SELECT 'extension ' || e.extname || ' ' || e.extversion || ' comment=' || coalesce(obj_description(e.oid, 'pg_extension'), '')
        FROM pg_extension e""",
        """
        SELECT 'policy ' || p.tablename || ' ' || p.policyname || ' ' || p.permissive || ' ' || p.cmd || ' '
               || p.roles::text || ' using=' || coalesce(p.qual, '') || ' check=' || coalesce(p.with_check, '')
        FROM pg_policies p WHERE p.schemaname = current_schema()""",
        "SELECT 'view ' || v.viewname || ' ' || v.definition FROM pg_views v WHERE v.schemaname = current_schema()",
        "SELECT 'rule ' || r.definition FROM pg_rules r WHERE r.schemaname = current_schema()",
        """
        SELECT 'schema ' || n.nspname || ' owner=' || pg_get_userbyid(n.nspowner) || ' acl=' || coalesce(n.nspacl::text, '')
        FROM pg_namespace n WHERE n.nspname = current_schema()""",
    };

    private SchemaSnapshot() {
    }

    public static List<String> of(DataSource dataSource) {
        List<String> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String query : QUERIES) {
                try (ResultSet rs = statement.executeQuery(query)) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        lines.sort(null);
        return lines;
    }

    /** An md5 of every row of users and of posts, in id order: equal when no row changed. */
    public static List<String> rowChecksums(DataSource dataSource) {
        List<String> sums = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("users", "posts")) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), ''))"
                        + " FROM " + table + " t")) {
                    rs.next();
                    sums.add(table + " " + rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }
}
