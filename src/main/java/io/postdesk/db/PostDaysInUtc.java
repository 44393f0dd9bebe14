package io.postdesk.db;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * V8: a TIMESTAMP created_at (the tutorial's schema) is counted into its UTC day whatever the
 * writer's session zone.
 *
 * <p>PostDesk reads a TIMESTAMP as UTC wall-clock time (README, "Times and time zones"). V6's
 * postdesk_post_day takes a timestamptz, so a TIMESTAMP reached it through a cast in the
 * <em>writer's</em> session zone: a blog writing through a session in Tokyo had its posts counted
 * nine hours early, into other days than PostDesk reads them in. The overload added here is chosen
 * for a TIMESTAMP argument (an exact match beats the cast) and reads it as UTC, whoever writes; the
 * days are then counted again, online ({@link PostDayRecount}). On a timestamptz column nothing
 * changes and nothing is counted.
 *
 * <p>Until this change the SQL script V8__post_days_of_timestamps_in_utc.sql, whose recount held
 * a SHARE lock on posts (no writes) while it counted every post.
 */
final class PostDaysInUtc extends OnlineMigration {
    private static final String DAY_OF_TIMESTAMP = """
            CREATE OR REPLACE FUNCTION postdesk_post_day(created timestamp) RETURNS timestamptz
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
            $$
            SELECT CASE WHEN isfinite(created) THEN date_trunc('day', created) AT TIME ZONE 'UTC'
                        ELSE created AT TIME ZONE 'UTC' END;
            $$""";

    PostDaysInUtc(DataSource dataSource, MigrationProgress progress) {
        super("8", "post days of timestamps in utc", dataSource, progress);
    }

    @Override
    void apply(OnlineDdl ddl) throws SQLException {
        ddl.run(DAY_OF_TIMESTAMP);
        boolean timestampWithoutZone = ddl.queryBoolean("SELECT atttypid = 'timestamp'::regtype FROM pg_attribute"
                + " WHERE attrelid = 'posts'::regclass AND attname = 'created_at'");
        if (timestampWithoutZone) {
            new PostDayRecount(ddl).run(ddl.progress(), "V8");
        }
    }
}
