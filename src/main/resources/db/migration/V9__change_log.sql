-- Change data capture: every committed insert, update, delete and truncate on users and posts, by
-- any writer (PostDesk, psql, the blog), in commit order (issue 15; docs/ARCHITECTURE.md, "Change
-- feed"). Needs no superuser, no REPLICATION and no server setting: plain triggers and tables.
--
-- Statement triggers with transition tables write the changes of a statement in one
-- INSERT ... SELECT, stamped with the writer's transaction id. The first change of a transaction
-- also writes one row to postdesk_change_commits; a deferred constraint trigger on that row gives
-- the transaction its position in the feed when it commits, under a transaction-level advisory
-- lock. The lock is released only after the commit is visible, so positions are handed out in
-- commit order and a reader that sees position p has already been able to see every position
-- below it: reading "position > cursor" never passes over a late commit. A rolled-back
-- transaction leaves nothing (its rows and its position row roll back with it).
-- One NOTIFY per committed transaction wakes readers; the tables are the record.

CREATE SEQUENCE postdesk_change_position;

-- One row per transaction that changed users or posts. position is null until the commit.
-- writer is the session's postdesk.writer setting: each PostDesk process tags its connections
-- with its own random value, so a window can tell its own changes from other writers'.
CREATE TABLE postdesk_change_commits (
    xid          xid8        PRIMARY KEY,
    position     bigint      UNIQUE,
    committed_at timestamptz,
    writer       text
);

-- The changes themselves: key and changed values (new values; everything on insert, nothing on
-- delete), never a password hash. Read in the order (commit position, id).
CREATE TABLE postdesk_changes (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    xid        xid8   NOT NULL,
    table_name text   NOT NULL,
    operation  text   NOT NULL, -- insert, update, delete, truncate
    row_id     uuid,            -- null for truncate
    changes    jsonb  NOT NULL DEFAULT '{}'
);
CREATE INDEX postdesk_changes_xid_id ON postdesk_changes (xid, id);

-- Readers that want their changes kept (postdesk sync): entries are pruned once every consumer
-- seen within the retention period has passed them.
CREATE TABLE postdesk_change_consumers (
    name      text        PRIMARY KEY,
    position  bigint      NOT NULL,
    change_id bigint      NOT NULL,
    seen_at   timestamptz NOT NULL DEFAULT now()
);

-- The pruning's state and settings, one row. through_position is the highest position pruned: a
-- cursor below it may have lost entries. Writers prune too (postdesk_stamp_commit), so retention
-- holds while no PostDesk process runs: a commit that finds the last pruning older than
-- prune_every deletes at most prune_budget changes, oldest first. keep and retention mean what they
-- mean to a follower (ChangeFeed.KEEP and RETENTION); tests make them shorter.
CREATE TABLE postdesk_change_pruned (
    only_row         boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    through_position bigint      NOT NULL,
    pruned_at        timestamptz NOT NULL DEFAULT now(),
    keep             interval    NOT NULL DEFAULT '1 hour',
    retention        interval    NOT NULL DEFAULT '7 days',
    prune_every      interval    NOT NULL DEFAULT '1 minute',
    prune_budget     integer     NOT NULL DEFAULT 1000 CHECK (prune_budget > 0)
);
INSERT INTO postdesk_change_pruned (through_position) VALUES (0);

-- The functions run as the owner of these tables (SECURITY DEFINER): a role that may write users
-- and posts needs no right on them, and the blog keeps working unchanged. search_path is fixed
-- below; TimeZone UTC makes timestamptz values in the JSON read the same whoever writes.
CREATE FUNCTION postdesk_capture_commit() RETURNS void
    LANGUAGE sql SECURITY DEFINER AS
$$
INSERT INTO postdesk_change_commits (xid, writer) VALUES (pg_current_xact_id(), current_setting('postdesk.writer', true))
ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION postdesk_capture_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
DECLARE
    written bigint;
BEGIN
    INSERT INTO postdesk_changes (xid, table_name, operation, row_id, changes)
    SELECT pg_current_xact_id(), TG_TABLE_NAME, 'insert', n.id, to_jsonb(n) - 'password_hash' FROM new_rows n;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written > 0 THEN
        PERFORM postdesk_capture_commit();
    END IF;
    RETURN NULL;
END;
$$;

-- Only the columns whose value changed. Rows are paired by id; a row whose id changed is a delete
-- of the old id and an insert of the new one. An update that changed only the password hash is
-- still recorded (updated_at moves with it). One function per table, its diff written out column
-- by column from the table's columns as they are now (CASE WHEN o.c IS DISTINCT FROM n.c ...): a
-- generic diff of to_jsonb(old) and to_jsonb(new) turned a 100,000-row publish from 4-5 s into
-- 20-25 s, this one into about 8 s (docs/PERFORMANCE.md). A column the blog adds later shows in
-- inserts, not in updates, until the functions are made again.
DO
$do$
DECLARE
    t    text;
    diff text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'posts']
    LOOP
        SELECT string_agg(format('CASE WHEN o.%1$I IS DISTINCT FROM n.%1$I THEN jsonb_build_object(%2$L, n.%1$I)'
                                     || ' ELSE ''{}''::jsonb END', attname, attname), E'\n || ' ORDER BY attnum)
        INTO diff
        FROM pg_attribute
        WHERE attrelid = t::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'password_hash';
        EXECUTE format($f$
            CREATE FUNCTION %1$I() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER AS
            $body$
            DECLARE
                written bigint;
            BEGIN
                INSERT INTO postdesk_changes (xid, table_name, operation, row_id, changes)
                SELECT pg_current_xact_id(), TG_TABLE_NAME,
                       CASE WHEN o.id IS NULL THEN 'insert' WHEN n.id IS NULL THEN 'delete' ELSE 'update' END,
                       coalesce(n.id, o.id),
                       CASE WHEN n.id IS NULL THEN '{}'::jsonb
                            WHEN o.id IS NULL THEN to_jsonb(n) - 'password_hash'
                            ELSE %2$s END
                FROM old_rows o FULL JOIN new_rows n ON n.id = o.id;
                GET DIAGNOSTICS written = ROW_COUNT;
                IF written > 0 THEN
                    PERFORM postdesk_capture_commit();
                END IF;
                RETURN NULL;
            END;
            $body$
            $f$, 'postdesk_capture_' || t || '_updated', diff);
    END LOOP;
END;
$do$;

CREATE FUNCTION postdesk_capture_deleted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
DECLARE
    written bigint;
BEGIN
    INSERT INTO postdesk_changes (xid, table_name, operation, row_id)
    SELECT pg_current_xact_id(), TG_TABLE_NAME, 'delete', o.id FROM old_rows o;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written > 0 THEN
        PERFORM postdesk_capture_commit();
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION postdesk_capture_truncated() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
BEGIN
    INSERT INTO postdesk_changes (xid, table_name, operation) VALUES (pg_current_xact_id(), TG_TABLE_NAME, 'truncate');
    PERFORM postdesk_capture_commit();
    RETURN NULL;
END;
$$;

-- Deletes, oldest first, at most budget changes of the transactions every consumer seen within
-- retention has read past and that committed more than keep ago, and of those that committed more
-- than retention ago, read or not: an abandoned consumer cannot fill the disk. Returns the number of
-- changes deleted (budget: there may be more). One pruner at a time: while another holds the
-- pruning lock it returns 0 at once instead of waiting, so writers never queue behind each other.
-- The scan stops at the first transaction it must keep (committed_at grows with position: both
-- are stamped under the stamping lock), so its cost follows the budget, not the log's size. When
-- the budget ends inside a transaction, its first changes go and its commit row stays until the
-- rest is gone; the mark then covers it, so a cursor before it learns it lost changes.
-- Invoker's rights: a follower whose role may not delete gets an error (and leaves it to others);
-- the stamping trigger calls it as the tables' owner.
CREATE FUNCTION postdesk_prune_changes(keep interval, retention interval, budget integer) RETURNS bigint
    LANGUAGE plpgsql AS
$$
DECLARE
    passed   bigint;
    through  bigint;
    gone     bigint := 0;
    deleted  bigint;
    finished boolean := true;
    c        record;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7086110316) THEN
        RETURN 0;
    END IF;
    SELECT coalesce(min(position), 9223372036854775807) INTO passed
    FROM postdesk_change_consumers WHERE seen_at > now() - retention;
    FOR c IN SELECT xid, position, committed_at FROM postdesk_change_commits
             WHERE position IS NOT NULL ORDER BY position LIMIT budget
    LOOP
        EXIT WHEN NOT (c.committed_at < now() - retention OR (c.position < passed AND c.committed_at < now() - keep));
        -- A range of the (xid, id) index: postdesk_changes has no index on id alone.
        DELETE FROM postdesk_changes WHERE xid = c.xid AND id <=
            (SELECT max(id) FROM (SELECT id FROM postdesk_changes WHERE xid = c.xid ORDER BY id LIMIT budget - gone) first);
        GET DIAGNOSTICS deleted = ROW_COUNT;
        gone := gone + deleted;
        through := c.position;
        IF gone >= budget THEN
            finished := false;
            EXIT WHEN EXISTS (SELECT 1 FROM postdesk_changes WHERE xid = c.xid);
        END IF;
        DELETE FROM postdesk_change_commits WHERE xid = c.xid;
        EXIT WHEN NOT finished;
    END LOOP;
    UPDATE postdesk_change_pruned
    SET through_position = greatest(through_position, coalesce(through, 0)),
        pruned_at = CASE WHEN finished THEN now() ELSE pruned_at END;
    RETURN gone;
END;
$$;

-- At commit (deferred), once per transaction: the next position, in commit order (see the top).
-- Before that, when the last pruning is older than prune_every (or left work over), one bounded
-- pruning: before the stamping lock, so it never holds up other commits. Only in READ COMMITTED
-- (a REPEATABLE READ or SERIALIZABLE writer could fail on a row another pruner changed), and
-- inside its own block: whatever goes wrong there is logged and the blog's commit goes on.
CREATE FUNCTION postdesk_stamp_commit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER AS
$$
DECLARE
    stamped bigint;
    due     postdesk_change_pruned;
BEGIN
    SELECT * INTO due FROM postdesk_change_pruned;
    IF due.pruned_at <= now() - due.prune_every AND current_setting('transaction_isolation') = 'read committed' THEN
        BEGIN
            PERFORM postdesk_prune_changes(due.keep, due.retention, due.prune_budget);
        EXCEPTION WHEN OTHERS THEN
            RAISE LOG 'postdesk: could not prune the change log: %', SQLERRM;
        END;
    END IF;
    PERFORM pg_advisory_xact_lock(7086110315);
    stamped := nextval('postdesk_change_position');
    UPDATE postdesk_change_commits SET position = stamped, committed_at = clock_timestamp() WHERE xid = NEW.xid;
    PERFORM pg_notify('postdesk_changes', stamped::text);
    RETURN NULL;
END;
$$;

DO
$$
DECLARE
    fn text;
BEGIN
    FOREACH fn IN ARRAY ARRAY['postdesk_capture_commit()', 'postdesk_capture_inserted()',
        'postdesk_capture_users_updated()', 'postdesk_capture_posts_updated()', 'postdesk_capture_deleted()',
        'postdesk_capture_truncated()', 'postdesk_stamp_commit()', 'postdesk_prune_changes(interval, interval, integer)']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', fn, current_schema());
        EXECUTE format('ALTER FUNCTION %s SET TimeZone = %L', fn, 'UTC');
    END LOOP;
END;
$$;

CREATE CONSTRAINT TRIGGER postdesk_change_commits_stamp AFTER INSERT ON postdesk_change_commits
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION postdesk_stamp_commit();

-- Transition tables allow one event per trigger: three triggers per table, plus TRUNCATE.
CREATE TRIGGER users_capture_inserted AFTER INSERT ON users REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION postdesk_capture_inserted();
CREATE TRIGGER users_capture_updated AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION postdesk_capture_users_updated();
CREATE TRIGGER users_capture_deleted AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION postdesk_capture_deleted();
CREATE TRIGGER users_capture_truncated AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION postdesk_capture_truncated();

CREATE TRIGGER posts_capture_inserted AFTER INSERT ON posts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION postdesk_capture_inserted();
CREATE TRIGGER posts_capture_updated AFTER UPDATE ON posts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION postdesk_capture_posts_updated();
CREATE TRIGGER posts_capture_deleted AFTER DELETE ON posts REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION postdesk_capture_deleted();
CREATE TRIGGER posts_capture_truncated AFTER TRUNCATE ON posts
    FOR EACH STATEMENT EXECUTE FUNCTION postdesk_capture_truncated();
