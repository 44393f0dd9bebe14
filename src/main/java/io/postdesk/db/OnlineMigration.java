package io.postdesk.db;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration that changes a live blog's tables without taking them away from the blog: it runs
 * outside a transaction (indexes are built CONCURRENTLY) through {@link OnlineDdl}, so it must be
 * safe to run again from the start after an interruption at any point.
 */
abstract class OnlineMigration implements JavaMigration {
    private final String version;
    private final String description;
    private final DataSource dataSource;
    private final MigrationProgress progress;

    OnlineMigration(String version, String description, DataSource dataSource, MigrationProgress progress) {
        this.version = version;
        this.description = description;
        this.dataSource = dataSource;
        this.progress = progress;
    }

    abstract void apply(OnlineDdl ddl) throws SQLException;

    @Override
    public final void migrate(Context context) throws Exception {
        apply(new OnlineDdl(context.getConnection(), dataSource, progress, "V" + version));
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public final String getDescription() {
        return description;
    }

    /** No checksum: the code is the migration; retired SQL scripts are recognised by RetiredScripts. */
    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return false;
    }

    /** Whether PostDesk adopted a schema the blog created (the baseline Migrations writes for it). */
    static boolean adoptedBlogSchema(OnlineDdl ddl) throws SQLException {
        return ddl.queryBoolean("SELECT EXISTS (SELECT 1 FROM " + Migrations.HISTORY_TABLE
                + " WHERE type = 'BASELINE' AND version = '1')");
    }
}
