-- A blog whose created_at is TIMESTAMP without time zone (the tutorial's schema): PostDesk reads
-- such a value as UTC wall-clock time (README, "Times and time zones"). V6's postdesk_post_day takes
-- a timestamptz, so a TIMESTAMP reached it through a cast in the *writer's* session zone: a blog
-- writing through a session in Tokyo had its posts counted nine hours early, into other days than
-- PostDesk reads them in, and "go to page" landed on the wrong rows. This overload is chosen for a
-- TIMESTAMP argument (an exact match beats the cast) and reads it as UTC, whoever writes.
CREATE FUNCTION postdesk_post_day(created timestamp) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE WHEN isfinite(created) THEN date_trunc('day', created) AT TIME ZONE 'UTC'
            ELSE created AT TIME ZONE 'UTC' END;
$$;

-- Counts written before, by writers in other zones, are counted again by the rule. On a
-- timestamptz column nothing changes; the count is one pass over the created_at index.
SELECT postdesk_recount_post_days();
