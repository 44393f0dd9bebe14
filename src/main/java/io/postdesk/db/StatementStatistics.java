package io.postdesk.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pg_stat_statements in the embedded database, which PostDesk owns: the server preloads the library
 * ({@link EmbeddedDatabase}) and this creates the extension, so the Diagnostics view shows the top
 * statements. Never called for a server database: PostDesk does not install extensions there.
 */
public final class StatementStatistics {
    private static final Logger log = LoggerFactory.getLogger(StatementStatistics.class);

    private StatementStatistics() {
    }

    /** Best effort: the top statements are a help, not a reason for the start to fail. */
    public static void install(DataSource embedded) {
        try (Connection connection = embedded.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (SQLException e) {
            log.warn("pg_stat_statements could not be installed in the embedded database: {}", e.getMessage());
        }
    }
}
