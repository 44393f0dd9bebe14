package io.postdesk.db;

import io.postdesk.model.SchemaStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Flyway over PostDesk's migrations in {@code db/migration}.
 *
 * <p>The history lives in {@code postdesk_schema_history}, not Flyway's default table, so a blog
 * that runs Flyway itself keeps its own history untouched. A database the blog application already
 * created (users and posts present, no history) is adopted at V1, the blog's own schema, and only
 * PostDesk's later migrations are applied to it.
 */
public final class Migrations {
    public static final String HISTORY_TABLE = "postdesk_schema_history";

    private final DataSource dataSource;

    public Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public SchemaStatus status() {
        boolean adoptBlogSchema = hasBlogTablesWithoutHistory();
        Flyway flyway = flyway(adoptBlogSchema);
        MigrationInfo current = flyway.info().current();
        String newer = Arrays.stream(flyway.info().applied())
                .filter(info -> info.getState() == MigrationState.FUTURE_SUCCESS
                        || info.getState() == MigrationState.FUTURE_FAILED)
                .map(info -> info.getVersion().getVersion())
                .reduce((first, second) -> second)
                .orElse(null);
        // Before the first migrate Flyway lists V1 as pending; on an adopted blog schema it is not.
        List<String> pending = Arrays.stream(flyway.info().pending())
                .filter(info -> !adoptBlogSchema || info.getVersion().isNewerThan("1"))
                .map(info -> "V" + info.getVersion() + " " + info.getDescription())
                .toList();
        return new SchemaStatus(current == null ? "none" : current.getVersion().getVersion(), pending, newer);
    }

    /** Applies the pending migrations; each runs in its own transaction. */
    public void migrate() {
        flyway(hasBlogTablesWithoutHistory()).migrate();
    }

    private Flyway flyway(boolean adoptBlogSchema) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion(adoptBlogSchema ? "1" : "0")
                // Flyway writes the description into SQL unescaped: no quotes in it.
                .baselineDescription(adoptBlogSchema ? "existing blog schema" : "empty")
                .load();
    }

    private boolean hasBlogTablesWithoutHistory() {
        try (Connection connection = dataSource.getConnection();
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT to_regclass('users') IS NOT NULL AND to_regclass('posts') IS NOT NULL,"
                             + " to_regclass('" + HISTORY_TABLE + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1) && !rs.getBoolean(2);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
