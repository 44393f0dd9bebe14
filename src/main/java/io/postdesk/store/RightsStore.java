package io.postdesk.store;

import org.hibernate.Session;

/** What the server says the connected role may do, asked in one query. */
public final class RightsStore {

    /**
     * The privileges of {@code current_user} and the state of the session.
     *
     * @param writeAudit    INSERT on postdesk_audit: every change writes its audit row, so without
     *                      it nothing can be changed
     * @param sessionReadOnly {@code transaction_read_only} (default_transaction_read_only, or the
     *                      driver's readOnly mode)
     * @param standby       {@code pg_is_in_recovery()}: a hot standby, which accepts no writes
     */
    public record Privileges(boolean insertUsers, boolean updateUsers, boolean deleteUsers, boolean insertPosts,
                             boolean updatePosts, boolean deletePosts, boolean writeAudit,
                             boolean sessionReadOnly, boolean standby) {
    }

    public Privileges check(Session session) {
        return session.doReturningWork(this::check);
    }

    /** As {@link #check(Session)}, on a plain JDBC connection. */
    public Privileges check(java.sql.Connection connection) throws java.sql.SQLException {
        Sql sql = Sql.of("SELECT"
                + " has_table_privilege(current_user, 'users', 'INSERT'),"
                + " has_table_privilege(current_user, 'users', 'UPDATE'),"
                + " has_table_privilege(current_user, 'users', 'DELETE'),"
                + " has_table_privilege(current_user, 'posts', 'INSERT'),"
                + " has_table_privilege(current_user, 'posts', 'UPDATE'),"
                + " has_table_privilege(current_user, 'posts', 'DELETE'),"
                + " has_table_privilege(current_user, 'postdesk_audit', 'INSERT'),"
                + " current_setting('transaction_read_only') = 'on',"
                + " pg_is_in_recovery()");
        return Statements.query(connection, sql, rows -> {
            rows.next();
            return new Privileges(rows.getBoolean(1), rows.getBoolean(2), rows.getBoolean(3), rows.getBoolean(4),
                    rows.getBoolean(5), rows.getBoolean(6), rows.getBoolean(7), rows.getBoolean(8),
                    rows.getBoolean(9));
        });
    }
}
