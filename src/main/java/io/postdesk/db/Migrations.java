package io.postdesk.db;

import io.postdesk.model.SchemaStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Flyway over PostDesk's migrations in {@code db/migration}.
 *
 * <p>The history lives in {@code postdesk_schema_history}, not Flyway's default table, so a blog
 * that runs Flyway itself keeps its own history untouched. A database the blog application already
 * created (users and posts present, no history) is adopted at V1, the blog's own schema, and only
 * PostDesk's later migrations are applied to it.
 *
 * <p>At every start the schema is normally up to date; {@link #status()} sees that in one query on
 * the history table and leaves Flyway (most of a second of class loading and classpath scanning)
 * for the starts that need it: something pending, failed, newer, or no history yet.
 *
 * <p>A blog may be adopted while it serves readers, so no migration step may block its reads or
 * writes for more than a moment (docs/DATABASE.md, "Migrating a live blog"): V3, V5, V6, V7 and V8
 * are online Java migrations ({@link OnlineMigration}: indexes built CONCURRENTLY, no table rewrite,
 * counts made in batches that take no lock a writer waits for);
 * the SQL scripts run under a short lock_timeout, and a migrate that timed out waiting for a lock
 * (the blog held the table in a long transaction) is rolled back and tried again after a pause.
 */
public final class Migrations {
    public static final String HISTORY_TABLE = "postdesk_schema_history";
    /** The versions of the scripts in {@code db/migration}, oldest first. MigrationsTest keeps it equal to what Flyway finds. */
    public static final List<String> SCRIPT_VERSIONS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9");

    private final DataSource dataSource;

    public Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int MIGRATE_ATTEMPTS = 6;

    public SchemaStatus status() {
        return upToDate().orElseGet(this::flywayStatus);
    }

    /** Flyway's view, whatever the history holds. */
    SchemaStatus flywayStatus() {
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
        // An online step that failed half way (Flyway records that) runs again at the next migrate.
        List<String> pending = Arrays.stream(flyway.info().all())
                .filter(info -> info.getState() == MigrationState.PENDING || info.getState() == MigrationState.FAILED)
                .filter(info -> !adoptBlogSchema || info.getVersion().isNewerThan("1"))
                .map(info -> "V" + info.getVersion() + " " + info.getDescription())
                .toList();
        return new SchemaStatus(current == null ? "none" : current.getVersion().getVersion(), pending, newer);
    }

    /** Applies the pending migrations. */
    public void migrate() {
        migrate(MigrationProgress.NONE);
    }

    /**
     * Applies the pending migrations, telling {@code progress} about long steps. The SQL scripts run
     * each in its own transaction; the online ones outside any, and can be run again after an
     * interruption at any point.
     */
    public void migrate(MigrationProgress progress) {
        migrate(progress, null);
    }

    /**
     * As {@link #migrate(MigrationProgress)}, up to version {@code target} only (null: all). First of
     * all, when anything is pending, checks that the role could take the changes back ({@link UndoRights}).
     */
    public void migrate(MigrationProgress progress, String target) {
        if (upToDate().isEmpty()) {
            requireUndoRights();
        }
        RetiredScripts.adopt(dataSource);
        long pause = 500;
        try (LockWatch.Retries retries = LockWatch.retriesOn(dataSource)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    flyway(hasBlogTablesWithoutHistory(), progress, target).migrate();
                    return;
                } catch (FlywayException e) {
                    if (retries.cancelled()) {
                        throw new LockWaitCancelledException(retries.lastWait(), e);
                    }
                    if (attempt == MIGRATE_ATTEMPTS || !timedOutWaitingForLock(e)) {
                        throw e;
                    }
                    progress.report("A table is busy; migrating again in " + pause + " ms");
                    if (retries.pause(pause)) {
                        throw new LockWaitCancelledException(retries.lastWait(), e);
                    }
                    pause *= 2;
                }
            }
        }
    }

    private static boolean timedOutWaitingForLock(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void requireUndoRights() {
        try (Connection connection = dataSource.getConnection()) {
            UndoRights.require(connection, true);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private Flyway flyway(boolean adoptBlogSchema) {
        return flyway(adoptBlogSchema, MigrationProgress.NONE, null);
    }

    private Flyway flyway(boolean adoptBlogSchema, MigrationProgress progress, String target) {
        return Flyway.configure()
                .target(target == null ? "latest" : target)
                // A session-level advisory lock: the transaction-level one would be an open transaction
                // that CREATE INDEX CONCURRENTLY waits for forever.
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                // A DDL statement waiting for a lock blocks everything queued behind it: it gives up
                // after a moment instead (and migrate() tries again).
                .dataSource(LockTimeoutDataSource.wrap(dataSource, OnlineDdl.LOCK_TIMEOUT))
                .javaMigrations(javaMigrations(dataSource, progress))
                .locations("classpath:db/migration")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion(adoptBlogSchema ? "1" : "0")
                // Flyway writes the description into SQL unescaped: no quotes in it.
                .baselineDescription(adoptBlogSchema ? "existing blog schema" : "empty")
                .load();
    }

    /** The online migrations (V3, V5, V6, V7, V8); the others are the SQL scripts in db/migration. */
    static JavaMigration[] javaMigrations(DataSource dataSource, MigrationProgress progress) {
        return new JavaMigration[] {new SearchAndSortIndexes(dataSource, progress),
            new HotUpdatesForPublishing(dataSource, progress), new PostDayCounts(dataSource, progress),
            new BlogIndexBack(dataSource, progress), new PostDaysInUtc(dataSource, progress)};
    }

    /**
     * The status when the history shows exactly this PostDesk's scripts applied, all successful
     * (after the baseline, if the blog's schema was adopted); empty when anything else is there.
     */
    Optional<SchemaStatus> upToDate() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT to_regclass('" + HISTORY_TABLE + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            String baseline = null;
            List<String> applied = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT version, type, success FROM " + HISTORY_TABLE + " ORDER BY installed_rank")) {
                while (rs.next()) {
                    String version = rs.getString("version");
                    String type = rs.getString("type");
                    if (!rs.getBoolean("success") || version == null) {
                        return Optional.empty();
                    }
                    if ("BASELINE".equals(type) && baseline == null && applied.isEmpty()) {
                        baseline = version;
                    } else if ("SQL".equals(type) || "JDBC".equals(type)) {
                        applied.add(version);
                    } else {
                        return Optional.empty();
                    }
                }
            }
            return upToDate(baseline, applied);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    static Optional<SchemaStatus> upToDate(String baseline, List<String> applied) {
        if (baseline != null && !baseline.equals("0") && !SCRIPT_VERSIONS.contains(baseline)) {
            return Optional.empty();
        }
        // Scripts at or below the baseline never run (Flyway: "below baseline"); baseline 0 is "empty".
        int first = baseline == null || baseline.equals("0") ? 0 : SCRIPT_VERSIONS.indexOf(baseline) + 1;
        List<String> expected = SCRIPT_VERSIONS.subList(first, SCRIPT_VERSIONS.size());
        if (!applied.equals(expected)) {
            return Optional.empty();
        }
        String current = !applied.isEmpty() ? applied.get(applied.size() - 1) : baseline;
        return Optional.of(new SchemaStatus(current, List.of(), null));
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
