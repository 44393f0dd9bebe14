package io.postdesk.store;

import io.postdesk.model.EditablePost;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** The SQL behind the post form; versions are {@code xmin}, as in {@link UserEditStore}. */
public final class PostEditStore {
    /** Deletes go to the server in pieces of this many ids, so no statement grows without bound. */
    static final int DELETE_CHUNK = 1_000;

    /** What the audit keeps of a deleted post. */
    public record Deleted(UUID id, String title, String author) {
    }

    public Optional<EditablePost> load(Session session, UUID id) {
        Sql sql = Sql.of("SELECT p.id, p.title, p.content, p.published, p.user_id, u.username, p.created_at,"
                + " p.updated_at, p.xmin::text::bigint AS version"
                + " FROM posts p JOIN users u ON u.id = p.user_id WHERE p.id = ?", id);
        return Statements.query(session, sql, rows -> rows.next() ? Optional.of(read(rows)) : Optional.empty());
    }

    /** The author's username, or empty when there is no such user. */
    public Optional<String> username(Session session, UUID userId) {
        return Statements.query(session, Sql.of("SELECT username FROM users WHERE id = ?", userId),
                rows -> rows.next() ? Optional.of(rows.getString(1)) : Optional.empty());
    }

    public UUID insert(Session session, UUID authorId, String title, String content, boolean published) {
        return Statements.query(session, Sql.of("INSERT INTO posts (user_id, title, content, published)"
                + " VALUES (?, ?, ?, ?) RETURNING id", authorId, title, content, published), rows -> {
            rows.next();
            return rows.getObject(1, UUID.class);
        });
    }

    /** Changes the row only if it is still the version read; false when it changed or went away. */
    public boolean update(Session session, UUID id, long version, UUID authorId, String title, String content,
                          boolean published) {
        return Statements.update(session, Sql.of("UPDATE posts SET user_id = ?, title = ?, content = ?, published = ?"
                + " WHERE id = ? AND xmin = ?::text::xid", authorId, title, content, published, id, version)) == 1;
    }

    /** Deletes the posts that still exist among the ids; what was deleted, for the audit. */
    public List<Deleted> delete(Session session, List<UUID> ids) {
        List<Deleted> deleted = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            String[] chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK)).stream()
                    .map(UUID::toString).toArray(String[]::new);
            Sql sql = Sql.of("DELETE FROM posts p USING users u WHERE p.id = ANY (?::uuid[]) AND u.id = p.user_id"
                    + " RETURNING p.id, p.title, u.username", (Object) chunk);
            deleted.addAll(Statements.query(session, sql, rows -> {
                List<Deleted> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(new Deleted(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3)));
                }
                return found;
            }));
        }
        return deleted;
    }

    private static EditablePost read(ResultSet rows) throws SQLException {
        return new EditablePost(rows.getObject("id", UUID.class), rows.getString("title"), rows.getString("content"),
                rows.getBoolean("published"), rows.getObject("user_id", UUID.class), rows.getString("username"),
                ResultColumns.instant(rows, "created_at"), ResultColumns.instant(rows, "updated_at"),
                rows.getLong("version"));
    }
}
