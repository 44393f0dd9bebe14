package io.postdesk.store;

import io.postdesk.model.EditableUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The SQL behind the user form. A row's version is its {@code xmin}, which PostgreSQL changes on
 * every UPDATE by any writer; it is read as a number ({@code xmin::text::bigint}, as there is no
 * direct cast) and compared the same way back ({@code ?::text::xid}), which PostgreSQL 9.4 to 17 accept.
 */
public final class UserEditStore {
    private static final String COLUMNS = "id, username, email, created_at, updated_at, xmin::text::bigint AS version";

    public Optional<EditableUser> load(Session session, UUID id) {
        return Statements.query(session, Sql.of("SELECT " + COLUMNS + " FROM users WHERE id = ?", id),
                rows -> rows.next() ? Optional.of(read(rows)) : Optional.empty());
    }

    /**
     * The user, locked until the transaction ends: nobody can add a post for them (the foreign
     * key check waits) or change them meanwhile. Needs the UPDATE privilege on users.
     */
    public Optional<EditableUser> lock(Session session, UUID id) {
        return Statements.query(session, Sql.of("SELECT " + COLUMNS + " FROM users WHERE id = ? FOR UPDATE", id),
                rows -> rows.next() ? Optional.of(read(rows)) : Optional.empty());
    }

    /** True when another user (not {@code except}, which may be null) has exactly this username. */
    public boolean usernameTaken(Session session, String username, UUID except) {
        return exists(session, Sql.of("SELECT EXISTS (SELECT 1 FROM users WHERE username = ?"
                + " AND id IS DISTINCT FROM ?)", username, except));
    }

    /** True when another user has this email, ignoring case (the users_email_lower_key index). */
    public boolean emailTaken(Session session, String email, UUID except) {
        return exists(session, Sql.of("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(?)"
                + " AND id IS DISTINCT FROM ?)", email, except));
    }

    public UUID insert(Session session, String username, String email, String passwordHash) {
        return Statements.query(session, Sql.of("INSERT INTO users (username, email, password_hash)"
                + " VALUES (?, ?, ?) RETURNING id", username, email, passwordHash), rows -> {
            rows.next();
            return rows.getObject(1, UUID.class);
        });
    }

    /**
     * Changes the row only if it is still the version read; a null {@code passwordHash} keeps the
     * password. False when the row changed or went away meanwhile.
     */
    public boolean update(Session session, UUID id, long version, String username, String email,
                          String passwordHash) {
        Sql sql = passwordHash == null
                ? Sql.of("UPDATE users SET username = ?, email = ?", username, email)
                : Sql.of("UPDATE users SET username = ?, email = ?, password_hash = ?", username, email, passwordHash);
        return Statements.update(session, sql.append(" WHERE id = ? AND xmin = ?::text::xid", id, version)) == 1;
    }

    public long postCount(Session session, UUID id) {
        return Statements.query(session, Sql.of("SELECT count(*) FROM posts WHERE user_id = ?", id), rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    /** Deletes the user; ON DELETE CASCADE takes their posts. */
    public boolean delete(Session session, UUID id) {
        return Statements.update(session, Sql.of("DELETE FROM users WHERE id = ?", id)) == 1;
    }

    private static boolean exists(Session session, Sql sql) {
        return Statements.query(session, sql, rows -> rows.next() && rows.getBoolean(1));
    }

    private static EditableUser read(ResultSet rows) throws SQLException {
        return new EditableUser(rows.getObject("id", UUID.class), rows.getString("username"), rows.getString("email"),
                ResultColumns.instant(rows, "created_at"), ResultColumns.instant(rows, "updated_at"),
                rows.getLong("version"));
    }
}
