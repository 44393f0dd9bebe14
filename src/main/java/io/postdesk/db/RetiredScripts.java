package io.postdesk.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Keeps databases migrated by an older PostDesk working after V3, V5, V6 and V8 became online
 * (Java) migrations.
 *
 * <p>Flyway's validation rejects a history row whose type or checksum differs from the migration
 * it has now. A row of the retired SQL script, recognised by that script's exact checksum, is the
 * same step done the old way: it is rewritten to name the Java migration, so validation still
 * catches any other difference. And an online migration that failed half way (Flyway records the
 * failure of a non-transactional step) is cleared so that it runs again: each is written to
 * finish what an interrupted run left.
 */
final class RetiredScripts {
    /** Flyway's checksums of V3__search_and_sort_indexes.sql and V5__hot_updates_for_publishing.sql as shipped. */
    static final int OLD_V3_CHECKSUM = 388235126;
    static final int OLD_V5_CHECKSUM = -1032923769;
    /** Flyway's checksums of V6__post_counts_by_day.sql and V8__post_days_of_timestamps_in_utc.sql as shipped. */
    static final int OLD_V6_CHECKSUM = 1131341257;
    static final int OLD_V8_CHECKSUM = 982247218;

    private RetiredScripts() {
    }

    static void adopt(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!historyExists(statement)) {
                return;
            }
            retype(statement, "3", OLD_V3_CHECKSUM, SearchAndSortIndexes.class);
            retype(statement, "5", OLD_V5_CHECKSUM, HotUpdatesForPublishing.class);
            retype(statement, "6", OLD_V6_CHECKSUM, PostDayCounts.class);
            retype(statement, "8", OLD_V8_CHECKSUM, PostDaysInUtc.class);
            statement.executeUpdate("DELETE FROM " + Migrations.HISTORY_TABLE
                    + " WHERE NOT success AND type = 'JDBC' AND version IN ('3', '5', '6', '7', '8')");
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static boolean historyExists(Statement statement) throws SQLException {
        try (var rs = statement.executeQuery("SELECT to_regclass('" + Migrations.HISTORY_TABLE + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void retype(Statement statement, String version, int oldChecksum, Class<?> migration) throws SQLException {
        statement.executeUpdate("UPDATE " + Migrations.HISTORY_TABLE + " SET type = 'JDBC', checksum = NULL,"
                + " script = '" + migration.getName() + "'"
                + " WHERE version = '" + version + "' AND type = 'SQL' AND checksum = " + oldChecksum);
    }
}
