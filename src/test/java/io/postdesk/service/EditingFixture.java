package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.store.AuditStore;
import io.postdesk.store.ImportStore;
import io.postdesk.store.PostEditStore;
import io.postdesk.store.RightsStore;
import io.postdesk.store.UserEditStore;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The editing services wired as DatabaseConnection wires them, plus plain-SQL reads for checking. */
final class EditingFixture {
    static final String DESKTOP_USER = "desk_operator";

    final UserEditing users;
    final PostEditing posts;
    final AuditService audit;
    final RightsService rights;
    private final Transactions transactions;
    private final DataSource dataSource;

    EditingFixture(TestDatabase db) {
        this(db.transactions(), db.dataSource());
    }

    EditingFixture(Transactions transactions, DataSource dataSource) {
        AuditStore auditStore = new AuditStore(DESKTOP_USER);
        this.posts = new PostEditing(transactions, new PostEditStore(), auditStore);
        this.users = new UserEditing(transactions, new UserEditStore(), posts, auditStore, new PasswordHasher());
        this.audit = new AuditService(transactions, auditStore);
        this.rights = new RightsService(transactions, new RightsStore(), null);
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    /** The CSV import wired like the window's, writing History as {@link #DESKTOP_USER}. */
    CsvImport csvImport() {
        return new CsvImport(transactions, new ImportStore(), new AuditStore(DESKTOP_USER), new PasswordHasher());
    }

    /** Deletes every user (their posts go with them) and the History, so a test counts only what it writes. */
    void clear() {
        execute("DELETE FROM users");
        execute("DELETE FROM postdesk_audit");
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A user inserted with plain SQL, as the blog would; returns the id. */
    UUID insertUser(String username, String email) {
        return uuid("INSERT INTO users (username, email, password_hash) VALUES (?, ?, 'x') RETURNING id", username, email);
    }

    UUID insertPost(UUID author, String title) {
        return uuid("INSERT INTO posts (user_id, title, content) VALUES (?, ?, 'text') RETURNING id", author, title);
    }

    long count(String query, Object... params) {
        return Long.parseLong(text(query, params));
    }

    UUID uuid(String query, Object... params) {
        return UUID.fromString(text(query, params));
    }

    String text(String query, Object... params) {
        List<String> found = column(query, params);
        if (found.size() != 1) {
            throw new IllegalStateException(query + " gave " + found.size() + " rows");
        }
        return found.get(0);
    }

    /** The first column of every row, as text; runs and commits on its own connection. */
    List<String> column(String query, Object... params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }
}
