package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.model.EditablePost;
import io.postdesk.model.EditableUser;
import io.postdesk.model.PostDraft;
import io.postdesk.model.Rights;
import io.postdesk.model.UserDraft;
import io.postdesk.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a role may do, asked of the server, and what happens when it tries anyway: each role
 * connects through its own pool, as PostDesk would when started with that role's URL.
 */
class RightsTest {
    private static final String NOT_ALLOWED = "Your database role is not allowed to do this. Ask the database owner"
            + " for the right, or connect as another role.";
    private static final String READ_ONLY = "This connection is read-only, so nothing can be changed.";
    private static final String PASSWORD = "role-secret-1";

    private static TestDatabase db;
    private static EditingFixture owner;
    private static EditableUser ann;
    private static EditablePost post;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        owner = new EditingFixture(db);
        ann = owner.users.create(new UserDraft("ann", "ann@x.org", "a good password"), null);
        post = owner.posts.create(new PostDraft("Hello", "text", false, ann.id()));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theOwnerMayDoEverything() {
        assertThat(owner.rights.check()).isEqualTo(Rights.ALL);
    }

    @Test
    void aSelectOnlyRoleIsToldItMayNotWriteAndEverySaveIsRefusedClearly() {
        asRole("GRANT SELECT ON users, posts, postdesk_audit TO %s", reader -> {
            Rights rights = reader.rights.check();

            assertThat(rights).isEqualTo(new Rights(false, false, false, false, false, false, false, null));
            assertThat(rights.whyNot("change", rights.updatePosts(), "posts"))
                    .isEqualTo("Your database role may not change posts.");
            assertThat(reader.users.load(ann.id())).contains(ann); // reading is fine

            assertRefused(() -> reader.users.create(new UserDraft("bob", "bob@x.org", "a good password"), null), NOT_ALLOWED);
            assertRefused(() -> reader.users.update(ann.id(), ann.version(), new UserDraft("ann2", "ann@x.org", null)),
                    NOT_ALLOWED);
            assertRefused(() -> reader.users.delete(ann.id()), NOT_ALLOWED);
            assertRefused(() -> reader.posts.create(new PostDraft("Mine", "text", false, ann.id())), NOT_ALLOWED);
            assertRefused(() -> reader.posts.update(post.id(), post.version(), new PostDraft("Mine", "t", false,
                    ann.id())), NOT_ALLOWED);
            assertRefused(() -> reader.posts.delete(List.of(post.id())), NOT_ALLOWED);
        });
        assertThat(owner.users.load(ann.id())).contains(ann);
        assertThat(owner.posts.load(post.id())).contains(post);
    }

    @Test
    void aRoleThatMayWriteTheTablesButNotTheAuditCannotChangeAnything() {
        asRole("GRANT SELECT, INSERT, UPDATE, DELETE ON users, posts TO %s", writer -> {
            Rights rights = writer.rights.check();

            assertThat(rights.readOnly()).isTrue();
            assertThat(rights.readOnlyReason()).contains("postdesk_audit");
            assertRefused(() -> writer.posts.create(new PostDraft("Mine", "text", false, ann.id())), NOT_ALLOWED);
        });
        assertThat(owner.count("SELECT count(*) FROM posts")).isEqualTo(1);
    }

    @Test
    void deletingUsersNeedsUpdateToo() {
        asRole("GRANT SELECT, INSERT, DELETE ON users, posts, postdesk_audit TO %s", deleter -> {
            Rights rights = deleter.rights.check();

            assertThat(rights.deleteUsers()).isFalse(); // the delete locks the user first to count exactly
            assertThat(rights.deletePosts()).isTrue();
            assertThat(rights.insertUsers()).isTrue();
        });
    }

    @Test
    void aSessionTheServerMakesReadOnlyIsReportedAndRefusesSaves() {
        asRole("GRANT SELECT, INSERT, UPDATE, DELETE ON users, posts, postdesk_audit TO %s;"
                + " ALTER ROLE %<s SET default_transaction_read_only = on", readOnly -> {
            Rights rights = readOnly.rights.check();

            assertThat(rights.readOnly()).isTrue();
            assertThat(rights.readOnlyReason()).contains("default_transaction_read_only");
            assertThat(rights.whyNot("change", rights.updateUsers(), "users")).startsWith("Read-only: ");
            assertRefused(() -> readOnly.users.update(ann.id(), ann.version(), new UserDraft("ann2", "ann@x.org", null)),
                    READ_ONLY);
            assertRefused(() -> readOnly.posts.delete(List.of(post.id())), READ_ONLY);
        });
    }

    @Test
    void startingWithReadOnlyIsReportedAndEnforcedByTheDriver() {
        DatabaseTarget target = new DatabaseTarget.Server(db.url(), "test");
        try (DatabaseConnection connection = DatabaseConnection.connect(target, PoolSettings.DEFAULTS, true)) {
            Workspace workspace = connection.openWorkspace(connection.schema());
            Rights rights = workspace.rights().check();

            assertThat(rights.readOnly()).isTrue();
            assertThat(rights.readOnlyReason()).isEqualTo("PostDesk was started with --read-only.");
            assertRefused(() -> workspace.postEditing().update(post.id(), post.version(),
                    new PostDraft("Mine", "text", false, ann.id())), READ_ONLY);
            assertRefused(() -> workspace.userEditing().create(new UserDraft("bob", "bob@x.org", "a good password"),
                    null), READ_ONLY);
        }
        assertThat(owner.posts.load(post.id())).contains(post);
    }

    @Test
    void aNormalConnectionMayWrite() {
        DatabaseTarget target = new DatabaseTarget.Server(db.url(), "test");
        try (DatabaseConnection connection = DatabaseConnection.connect(target, PoolSettings.DEFAULTS, false)) {
            assertThat(connection.openWorkspace(connection.schema()).rights().check()).isEqualTo(Rights.ALL);
        }
    }

    private static void assertRefused(Runnable save, String message) {
        assertThatThrownBy(save::run).satisfies(e -> assertThat(ErrorMessages.describe(e)).isEqualTo(message));
    }

    /** Runs the checks as a new login role given the grants ({@code %s} is its name), then drops it. */
    private static void asRole(String grants, Consumer<EditingFixture> checks) {
        String role = "role_" + UUID.randomUUID().toString().replace("-", "");
        db.sql("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
        try {
            db.sql(String.format(grants, role));
            DatabaseUrl url = new DatabaseUrl(db.url().host(), db.url().port(), db.url().database(), role, PASSWORD,
                    Map.of());
            try (HikariDataSource pool = ConnectionPool.create(url, PoolSettings.DEFAULTS, false);
                 SessionFactory sessions = SessionFactories.create(pool)) {
                checks.accept(new EditingFixture(new Transactions(sessions), pool));
            }
        } finally {
            db.sql("DROP OWNED BY " + role);
            db.sql("ALTER ROLE " + role + " RESET ALL");
            db.sql("DROP ROLE " + role);
        }
    }
}
