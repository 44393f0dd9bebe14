package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.CommitUnknownException;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.NotCommittedException;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.model.EditablePost;
import io.postdesk.model.PostDraft;
import io.postdesk.testing.TestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: "a save that fails because the connection dropped during commit must never be reported
 * as saved". The connection of the saving transaction is ended at its COMMIT by the server itself
 * (pg_terminate_backend from another session), once before the COMMIT reaches it and once after
 * the server has committed; PostDesk must then say "not saved", "saved", or, when the server
 * cannot be asked, "unknown".
 */
class LostCommitTest {
    private static TestDatabase db;
    private static EditingFixture data;
    private static DroppingDataSource dropping;
    private static SessionFactory sessionFactory;
    private UUID author;

    /** What happens to the saving connection at its commit. */
    enum Drop { NONE, BEFORE_COMMIT, AFTER_COMMIT }

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        data = new EditingFixture(db);
        dropping = new DroppingDataSource(db.dataSource());
        sessionFactory = SessionFactories.create(dropping);
    }

    @AfterAll
    static void close() {
        sessionFactory.close();
        db.close();
    }

    @BeforeEach
    void clean() {
        dropping.drop = Drop.NONE;
        data.clear();
        author = data.insertUser("ann", "ann@example.com");
    }

    private static PostEditing editing(DataSource asked) {
        return new PostEditing(new Transactions(() -> sessionFactory, asked, null),
                new io.postdesk.store.PostEditStore(), new io.postdesk.store.AuditStore("desk"));
    }

    private String titleOf(UUID post) {
        return data.text("SELECT title FROM posts WHERE id = ?", post);
    }

    @Test
    void aCommitThatNeverReachedTheServerIsReportedNotSaved() {
        UUID post = data.insertPost(author, "Before");
        PostEditing editing = editing(dropping);
        EditablePost loaded = editing.load(post).orElseThrow();
        dropping.drop = Drop.BEFORE_COMMIT;

        assertThatThrownBy(() -> editing.update(post, loaded.version(), new PostDraft("After", "text", false, author)))
                .isInstanceOf(NotCommittedException.class)
                .satisfies(e -> assertThat(ErrorMessages.describe(e)).contains("did not keep the change"))
                .satisfies(e -> assertThat(ErrorMessages.nothingDone("Nothing was saved.", e))
                        .startsWith("Nothing was saved. The connection to the database was lost while saving"));
        assertThat(titleOf(post)).isEqualTo("Before");
        assertThat(data.count("SELECT count(*) FROM postdesk_audit")).isZero();
    }

    @Test
    void aCommitTheServerAppliedBeforeTheConnectionDroppedIsReportedSaved() {
        UUID post = data.insertPost(author, "Before");
        PostEditing editing = editing(dropping);
        EditablePost loaded = editing.load(post).orElseThrow();
        dropping.drop = Drop.AFTER_COMMIT;

        EditablePost saved = editing.update(post, loaded.version(), new PostDraft("After", "text", false, author));

        assertThat(saved.title()).isEqualTo("After");
        assertThat(titleOf(post)).isEqualTo("After");
        assertThat(dropping.drops).as("the connection really dropped at the commit").isPositive();
        // The conflict check still holds after it: the old version is refused, nothing overwritten.
        dropping.drop = Drop.NONE;
        assertThatThrownBy(() -> editing.update(post, loaded.version(), new PostDraft("Stale", "text", false, author)))
                .isInstanceOf(ConflictException.class);
        assertThat(titleOf(post)).isEqualTo("After");
    }

    @Test
    void aCommitWhoseFateCannotBeAskedIsReportedUnknownNotFailed() {
        UUID post = data.insertPost(author, "Before");
        // The question goes to a server that does not answer (a port nobody listens on).
        PoolSettings d = PoolSettings.DEFAULTS;
        try (HikariDataSource unreachable = ConnectionPool.create(new DatabaseUrl("127.0.0.1", freePort(), "x", "x", "x",
                Map.of()), new PoolSettings(1, 0, Duration.ofMillis(500), d.idleTimeout(), d.maxLifetime(),
                d.socketTimeout(), d.lockTimeout()), false)) {
            PostEditing editing = editing(unreachable);
            EditablePost loaded = editing.load(post).orElseThrow();
            dropping.drop = Drop.AFTER_COMMIT;

            assertThatThrownBy(() -> editing.update(post, loaded.version(), new PostDraft("After", "text", false, author)))
                    .isInstanceOf(CommitUnknownException.class)
                    .satisfies(e -> assertThat(ErrorMessages.isCommitUnknown(e)).isTrue())
                    .satisfies(e -> assertThat(ErrorMessages.describe(e))
                            .contains("could not find out whether the change was saved").doesNotContain("Nothing was saved"))
                    // What the form and the delete, publish and import dialogs show: no blind "nothing was saved".
                    .satisfies(e -> assertThat(ErrorMessages.nothingDone("Nothing was saved.", e))
                            .startsWith("The connection to the database was lost while saving, and PostDesk could not"));
        }
    }

    @Test
    void aRefusedSaveIsStillAnOrdinaryFailureAndAnUndisturbedOneSaves() {
        UUID post = data.insertPost(author, "Before");
        PostEditing editing = editing(dropping);
        EditablePost loaded = editing.load(post).orElseThrow();

        assertThatThrownBy(() -> editing.update(post, loaded.version(),
                new PostDraft("After", "text", false, UUID.randomUUID())))
                .isNotInstanceOf(NotCommittedException.class).isNotInstanceOf(CommitUnknownException.class);
        assertThat(editing.update(post, loaded.version(), new PostDraft("After", "text", false, author)).title())
                .isEqualTo("After");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Hands out the pool's connections with a commit() that, when told to, has the server end the
     * connection (pg_terminate_backend from another session) just before or just after the COMMIT.
     */
    static final class DroppingDataSource implements DataSource {
        private final DataSource pool;
        volatile Drop drop = Drop.NONE;
        volatile int drops;

        DroppingDataSource(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = pool.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        try {
                            if (method.getName().equals("commit") && drop != Drop.NONE) {
                                return commitAndDrop(real);
                            }
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private Object commitAndDrop(Connection real) throws SQLException {
            int pid = backendPid(real);
            drops++;
            if (drop == Drop.BEFORE_COMMIT) {
                terminate(pid);
                real.commit(); // fails: the server has ended the session, and its transaction with it
                throw new IllegalStateException("the commit should have failed");
            }
            real.commit();
            terminate(pid);
            // The answer to COMMIT lost on the way: the client sees only the ended session, as the driver
            // reports it (through the pool, which then drops the connection as it would in real life).
            try (Statement statement = real.createStatement()) {
                statement.execute("SELECT 1");
            }
            throw new IllegalStateException("the ended session should have failed");
        }

        private static int backendPid(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        /** Ends the session and waits until it is gone, as a server going away would. */
        private void terminate(int pid) throws SQLException {
            try (Connection other = pool.getConnection(); Statement statement = other.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(" + pid + ", 5000)");
            }
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
