-- V6's objects (PostDayCounts): the table of posts per UTC day and the functions that keep it.
-- Every statement can run again: an interrupted V6 is run again from the start. The triggers and
-- the count of the posts already there are PostDayCounts' own steps, so that no lock on posts is
-- held for longer than a moment. This was the first half of V6__post_counts_by_day.sql.
--
-- "Go to page 10,000" of the posts, newest first, without reading the 499,950 posts before it.
--
-- A btree knows the order of its entries but not their positions, so OFFSET n reads n index
-- entries: about 25 ms of CPU for page 10,000 of 1,000,000 posts, however it is written. This
-- table counts the posts of every UTC day instead, kept right by triggers for every writer (the
-- blog, psql, PostDesk) in the writer's own transaction. A jump then sums the days (some
-- thousand rows) to find the day that holds the position, and counts only within that day.
--
-- The table only ever gains rows (+n for posts added to a day, -n for posts gone), so writers
-- never wait for each other on a shared counter row; PostDesk merges the rows of each day now
-- and then (see store/DayCounts). The sum of a day's rows is its number of posts.
CREATE TABLE IF NOT EXISTS postdesk_post_days (
    day   timestamptz NOT NULL,
    posts bigint      NOT NULL
);

-- The day a post counts for: the start of its UTC day (24 hours, whatever the session's time
-- zone), or the timestamp itself for infinity and -infinity, which no day holds. Written without
-- date_bin and SQL-standard function bodies, so a blog on PostgreSQL 13 can run it too.
CREATE OR REPLACE FUNCTION postdesk_post_day(created timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE WHEN isfinite(created) THEN date_trunc('day', created AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
            ELSE created END;
$$;

-- The triggers run as the owner of this table (SECURITY DEFINER), so a role that may write
-- posts needs no right on it: the blog's own role keeps working unchanged. Their search_path is
-- fixed below to the schema they were created in.
CREATE OR REPLACE FUNCTION postdesk_count_added_posts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
BEGIN
    INSERT INTO postdesk_post_days (day, posts)
    SELECT postdesk_post_day(created_at), count(*) FROM added_posts GROUP BY 1;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION postdesk_count_removed_posts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
BEGIN
    INSERT INTO postdesk_post_days (day, posts)
    SELECT postdesk_post_day(created_at), -count(*) FROM removed_posts GROUP BY 1;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION postdesk_count_redated_post() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
BEGIN
    INSERT INTO postdesk_post_days (day, posts)
    VALUES (postdesk_post_day(OLD.created_at), -1), (postdesk_post_day(NEW.created_at), 1);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION postdesk_count_no_posts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
BEGIN
    DELETE FROM postdesk_post_days;
    RETURN NULL;
END;
$$;

-- Counts them all again from the posts: for a database whose posts were changed with the
-- triggers off (session_replication_role = replica, ALTER TABLE ... DISABLE TRIGGER). One
-- statement, so one snapshot: each day gets its count of posts in that snapshot minus the sum of
-- its rows in that snapshot. Rows that writers add meanwhile are not in the snapshot, and neither
-- are their posts, so they stay and count on top; no lock keeps a writer waiting (PostDayRecount).
CREATE OR REPLACE FUNCTION postdesk_recount_post_days() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
BEGIN
    INSERT INTO postdesk_post_days (day, posts)
    SELECT day, sum(posts) FROM (
        SELECT postdesk_post_day(created_at) AS day, count(*) AS posts FROM posts GROUP BY 1
        UNION ALL
        SELECT day, -sum(posts) FROM postdesk_post_days GROUP BY day
    ) AS change GROUP BY day HAVING sum(posts) <> 0;
END;
$$;

DO
$$
DECLARE
    fn text;
BEGIN
    FOREACH fn IN ARRAY ARRAY['postdesk_count_added_posts()', 'postdesk_count_removed_posts()',
        'postdesk_count_redated_post()', 'postdesk_count_no_posts()', 'postdesk_recount_post_days()']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', fn, current_schema());
    END LOOP;
END;
$$;
