package io.postdesk.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.EmbeddedDatabase;
import io.postdesk.db.Migrations;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;

/**
 * A fresh database for one test class, cloned from a migrated template on the one embedded
 * PostgreSQL this test JVM runs (the same class PostDesk runs for its users, in target/).
 *
 * <pre>
 *   static TestDatabase db;
 *   &#64;BeforeAll static void open() { db = TestDatabase.create(); }
 *   &#64;AfterAll static void close() { db.close(); }
 * </pre>
 */
public final class TestDatabase implements AutoCloseable {
    private static final String TEMPLATE = "postdesk_template";
    private static EmbeddedDatabase server;

    private final DatabaseUrl url;
    private final HikariDataSource dataSource;
    private SessionFactory sessionFactory;

    private TestDatabase(DatabaseUrl url) {
        this.url = url;
        this.dataSource = ConnectionPool.create(url, PoolSettings.DEFAULTS, false);
    }

    /** A new, migrated, empty database. */
    public static TestDatabase create() {
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        execute(admin(), "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new TestDatabase(on(name));
    }

    /** A new database with nothing in it, not even PostDesk's schema (for migration tests). */
    public static TestDatabase createEmpty() {
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        execute(admin(), "CREATE DATABASE " + name + " TEMPLATE template0");
        return new TestDatabase(on(name));
    }

    /**
     * A new database as the blog made it with the tutorial's V1 SQL (TIMESTAMP columns, its own
     * idx_posts_published), empty and not yet adopted by PostDesk.
     */
    public static TestDatabase createTutorialBlog() {
        TestDatabase blog = createEmpty();
        try (java.io.InputStream in = java.util.Objects.requireNonNull(
                TestDatabase.class.getResourceAsStream("/io/postdesk/bench/tutorial-blog.sql"))) {
            blog.sql(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            blog.close();
            throw new java.io.UncheckedIOException(e);
        }
        return blog;
    }

    public DatabaseUrl url() {
        return url;
    }

    /** postgres://user:password@localhost:port/name, for tests that start PostDesk with --database-url. */
    public String urlText() {
        return "postgres://" + url.user() + ":" + url.password() + "@localhost:" + url.port() + "/" + url.database();
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public synchronized Transactions transactions() {
        if (sessionFactory == null) {
            sessionFactory = SessionFactories.create(dataSource);
        }
        return new Transactions(sessionFactory);
    }

    /** Runs plain SQL, as another writer (psql, the blog application) would. */
    public void sql(String statement) {
        execute(dataSource, statement);
    }

    /** The first column of the first row as text, or null without a row: what another reader sees now. */
    public String queryText(String query) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    /**
     * Another session, as a psql user's would be ({@code application_name} set), that holds
     * {@code table} locked in ACCESS EXCLUSIVE mode until it rolls back or is closed.
     */
    public Connection sessionLocking(String table, String applicationName) throws SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", url.user());
        login.setProperty("password", url.password());
        login.setProperty("ApplicationName", applicationName);
        Connection session = DriverManager.getConnection(url.jdbcUrl(), login);
        session.setAutoCommit(false);
        try (Statement statement = session.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        }
        return session;
    }

    @Override
    public void close() {
        if (sessionFactory != null) {
            sessionFactory.close();
        }
        dataSource.close();
        execute(admin(), "DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
    }

    /**
     * -Dpostdesk.test.server=postgres://user:password@localhost:port/postgres runs the tests on that
     * server (another PostgreSQL major version, say) instead of the embedded one.
     */
    private static final String OTHER_SERVER = System.getProperty("postdesk.test.server");
    private static DatabaseUrl otherServer;

    private static synchronized DatabaseUrl admin() {
        if (OTHER_SERVER != null) {
            if (otherServer == null) {
                otherServer = io.postdesk.config.DatabaseUrlParser.parse(OTHER_SERVER, "-Dpostdesk.test.server");
                prepareTemplate(otherServer);
            }
            return otherServer;
        }
        if (server == null) {
            server = EmbeddedDatabase.start(Path.of("target", "test-postgres").toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
            prepareTemplate(server.url());
        }
        return server.url();
    }

    /** Migrated once per JVM, so every test class starts from the schema PostDesk would create. */
    private static void prepareTemplate(DatabaseUrl admin) {
        execute(admin, "DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)");
        execute(admin, "CREATE DATABASE " + TEMPLATE + " TEMPLATE template0");
        try (HikariDataSource template = ConnectionPool.create(on(TEMPLATE), PoolSettings.DEFAULTS, false)) {
            new Migrations(template).migrate();
        }
    }

    private static DatabaseUrl on(String database) {
        DatabaseUrl admin = admin();
        return new DatabaseUrl(admin.host(), admin.port(), database, admin.user(), admin.password(), Map.of());
    }

    private static void execute(DatabaseUrl target, String statement) {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
             Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    private static void execute(javax.sql.DataSource dataSource, String statement) {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }
}
