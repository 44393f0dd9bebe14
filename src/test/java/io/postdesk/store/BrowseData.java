package io.postdesk.store;

import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Rows for the browse tests, written with plain JDBC parameters, as another writer would. */
final class BrowseData {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final TestDatabase db;

    BrowseData(TestDatabase db) {
        this.db = db;
    }

    void clear() {
        db.sql("DELETE FROM users");
    }

    UUID user(String username) {
        return user(username, username.toLowerCase() + "@example.org", T0);
    }

    UUID user(String username, String email, Instant createdAt) {
        return insert("INSERT INTO users (username, email, password_hash, created_at, updated_at)"
                + " VALUES (?, ?, 'h', ?, ?) RETURNING id", username, email, createdAt, createdAt);
    }

    UUID post(UUID author, String title, String content, boolean published, Instant createdAt) {
        return insert("INSERT INTO posts (user_id, title, content, published, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id", author, title, content, published, createdAt, createdAt);
    }

    /** The ids a single plain query returns: what the pages, stepped through, must add up to. */
    List<UUID> ids(String query) {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(query)) {
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private UUID insert(String sql, Object... values) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
