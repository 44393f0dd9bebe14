package io.postdesk.store;

import io.postdesk.model.Diagnostics;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the server says about itself, this database and its sessions, in plain JDBC over the
 * Diagnostics view's own connection. Everything here works for any role: what a role may not read
 * (another role's query text) comes back as null, what it may not do is said per session.
 */
public final class DiagnosticsStore {
    /** How to get top statements on a server PostDesk did not create: PostDesk never installs it there. */
    public static final String ENABLE_PG_STAT_STATEMENTS = "pg_stat_statements is not enabled on this server."
            + " To see the top statements, a superuser adds shared_preload_libraries = 'pg_stat_statements'"
            + " to postgresql.conf, restarts the server, and runs CREATE EXTENSION pg_stat_statements;"
            + " in this database.";
    static final int TOP_STATEMENTS = 10;
    private static final String HIDDEN_QUERY = "<insufficient privilege>";

    public record ServerFacts(String version, Duration uptime, long databaseBytes, String role, boolean superuser) {
    }

    public ServerFacts server(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_setting('server_version'),"
                     + " extract(epoch FROM now() - pg_postmaster_start_time())::bigint,"
                     + " pg_database_size(current_database()), current_user,"
                     + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
            rows.next();
            return new ServerFacts(rows.getString(1), Duration.ofSeconds(rows.getLong(2)), rows.getLong(3),
                    rows.getString(4), rows.getBoolean(5));
        }
    }

    /**
     * Tables and their indexes, biggest first. pg_total_relation_size takes a lock that waits behind a
     * session holding (or queued for) the table's ACCESS EXCLUSIVE lock, and the view is most needed
     * exactly then: such a relation gets its size from pg_class (pages as of the last VACUUM, ANALYZE
     * or CREATE INDEX) instead. Rows: the planner's estimate, or the live rows counted by the
     * statistics for a table never analyzed.
     */
    public List<Diagnostics.Relation> relations(Connection connection) throws SQLException {
        String locked = "EXISTS (SELECT 1 FROM pg_locks l WHERE l.relation = %s AND l.mode = 'AccessExclusiveLock')";
        String sql = "SELECT 'table', s.relname, s.relname,"
                + " CASE WHEN c.reltuples < 0 THEN s.n_live_tup ELSE c.reltuples::bigint END,"
                + " CASE WHEN " + locked.formatted("s.relid")
                + " THEN (c.relpages + coalesce(t.relpages, 0))::bigint * current_setting('block_size')::bigint"
                + " ELSE pg_total_relation_size(s.relid) END,"
                + " coalesce(s.seq_scan, 0) + coalesce(s.idx_scan, 0), s.n_dead_tup"
                + " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
                + " LEFT JOIN pg_class t ON t.oid = c.reltoastrelid"
                + " UNION ALL"
                + " SELECT 'index', i.indexrelname, i.relname, greatest(c.reltuples, 0)::bigint,"
                + " CASE WHEN " + locked.formatted("i.indexrelid") + " OR " + locked.formatted("i.relid")
                + " THEN c.relpages::bigint * current_setting('block_size')::bigint"
                + " ELSE pg_relation_size(i.indexrelid) END, i.idx_scan, NULL"
                + " FROM pg_stat_user_indexes i JOIN pg_class c ON c.oid = i.indexrelid"
                + " ORDER BY 3, 1 DESC, 5 DESC";
        List<Diagnostics.Relation> relations = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long dead = rows.getLong(7);
                relations.add(new Diagnostics.Relation(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.wasNull() ? null : dead));
            }
        }
        return relations;
    }

    /**
     * Client sessions on this database (for another role's session the server hides most columns,
     * its backend type included). A role may signal a session of a role whose privileges it
     * has, or any non-superuser session with pg_signal_backend; only a superuser signals a superuser.
     */
    public List<Diagnostics.Session> sessions(Connection connection) throws SQLException {
        String sql = "SELECT a.pid, a.usename, a.application_name, a.state,"
                + " CASE WHEN a.wait_event IS NULL THEN NULL ELSE a.wait_event_type || ': ' || a.wait_event END,"
                + " pg_blocking_pids(a.pid), a.query_start, a.query, a.pid = pg_backend_pid(),"
                + " me.rolsuper, coalesce(them.rolsuper, false),"
                + " a.usesysid IS NOT NULL AND pg_has_role(current_user, a.usesysid, 'USAGE'),"
                + " pg_has_role(current_user, 'pg_signal_backend', 'USAGE')"
                + " FROM pg_stat_activity a"
                + " JOIN pg_roles me ON me.rolname = current_user"
                + " LEFT JOIN pg_roles them ON them.oid = a.usesysid"
                + " WHERE a.datname = current_database() AND coalesce(a.backend_type, 'client backend') = 'client backend'"
                + " ORDER BY a.query_start NULLS LAST, a.pid";
        List<Diagnostics.Session> sessions = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                String query = rows.getString(8);
                boolean own = rows.getBoolean(9);
                Timestamp start = rows.getTimestamp(7);
                sessions.add(new Diagnostics.Session(rows.getInt(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), pids(rows.getArray(6)),
                        start == null ? null : start.toInstant(), HIDDEN_QUERY.equals(query) ? null : query, own,
                        whyNotSignal(own, rows.getBoolean(10), rows.getBoolean(11), rows.getBoolean(12),
                                rows.getBoolean(13), rows.getString(2))));
            }
        }
        return sessions;
    }

    private static String whyNotSignal(boolean own, boolean superuser, boolean targetSuperuser, boolean sameRole,
                                       boolean signalBackend, String user) {
        if (own) {
            return "This is the Diagnostics view's own session.";
        }
        if (superuser) {
            return null;
        }
        if (targetSuperuser) {
            return "Only a superuser may cancel or end a superuser's session.";
        }
        if (sameRole || signalBackend) {
            return null;
        }
        return "Your role may not signal sessions of " + user + ": it needs that role's privileges or pg_signal_backend.";
    }

    private static List<Integer> pids(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Integer[] pids = (Integer[]) array.getArray();
        return Arrays.asList(pids);
    }

    /** Cancels the session's running statement; false when the server refused (it is gone, or no right). */
    public boolean cancel(Connection connection, int pid) throws SQLException {
        return signal(connection, "SELECT pg_cancel_backend(?)", pid);
    }

    /** Ends the session. */
    public boolean terminate(Connection connection, int pid) throws SQLException {
        return signal(connection, "SELECT pg_terminate_backend(?)", pid);
    }

    private static boolean signal(Connection connection, String sql, int pid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, pid);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** True when pg_stat_statements is installed in this database. */
    public boolean hasStatementStatistics(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
            return rows.next();
        }
    }

    /** The statements of this database that took the most time in all, from pg_stat_statements. */
    public List<Diagnostics.TopStatement> topStatements(Connection connection) throws SQLException {
        String sql = "SELECT s.query, s.calls, s.total_exec_time, s.mean_exec_time, s.rows"
                + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                + " WHERE d.datname = current_database() ORDER BY s.total_exec_time DESC LIMIT " + TOP_STATEMENTS;
        List<Diagnostics.TopStatement> top = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                String query = rows.getString(1);
                top.add(new Diagnostics.TopStatement(HIDDEN_QUERY.equals(query) ? null : query, rows.getLong(2),
                        rows.getDouble(3), rows.getDouble(4), rows.getLong(5)));
            }
        }
        return top;
    }

    /** PostDesk's migration history, oldest first; empty when PostDesk's schema is not there yet. */
    public List<Diagnostics.Migration> migrations(Connection connection, String historyTable) throws SQLException {
        try (Statement check = connection.createStatement();
             ResultSet exists = check.executeQuery("SELECT to_regclass('" + historyTable + "') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return List.of();
            }
        }
        List<Diagnostics.Migration> history = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT installed_rank, version, description, installed_on,"
                     + " execution_time, success FROM " + historyTable + " ORDER BY installed_rank")) {
            while (rows.next()) {
                // TIMESTAMP written by now() in a UTC session (ConnectionPool.SESSION_ZONE)
                java.time.LocalDateTime on = rows.getObject(4, java.time.LocalDateTime.class);
                history.add(new Diagnostics.Migration(rows.getInt(1), rows.getString(2), rows.getString(3),
                        on == null ? null : on.toInstant(java.time.ZoneOffset.UTC), rows.getInt(5), rows.getBoolean(6)));
            }
        }
        return history;
    }
}
