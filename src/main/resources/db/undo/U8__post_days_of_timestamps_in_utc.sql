-- Undoes V8 (PostDaysInUtc): the postdesk_post_day(timestamp) overload. Posts on a TIMESTAMP
-- created_at are then counted through V6's timestamptz function again, so the days are counted
-- again to match (PostDesk's own table only; the posts are read, never written).
DROP FUNCTION postdesk_post_day(timestamp);
DO
$$
BEGIN
    IF (SELECT atttypid = 'timestamp'::regtype FROM pg_attribute
        WHERE attrelid = 'posts'::regclass AND attname = 'created_at') THEN
        PERFORM postdesk_recount_post_days();
    END IF;
END;
$$;
