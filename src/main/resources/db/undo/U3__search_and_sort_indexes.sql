-- Undoes V3 (SearchAndSortIndexes): its indexes, the larger statistics samples, and pg_trgm where
-- V3 installed it. Plain DROP INDEX: DROP INDEX CONCURRENTLY cannot run in the undo's transaction,
-- so each table is locked against reads and writes for the moment its drop takes.
DROP INDEX users_lower_username_prefix;
DROP INDEX posts_user_created_at_id;
DROP INDEX users_updated_at_id;
DROP INDEX users_created_at_id;
DROP INDEX posts_title_id;
DROP INDEX posts_created_at_id;
DROP INDEX users_email_trgm;
DROP INDEX users_username_trgm;
DROP INDEX posts_content_trgm;
DROP INDEX posts_title_trgm;
ALTER TABLE posts ALTER COLUMN content SET STATISTICS -1;
ALTER TABLE posts ALTER COLUMN title SET STATISTICS -1;
-- V3 marks pg_trgm when it installs it (a comment on the extension); one the blog had before V3,
-- or one a PostDesk older than this undo installed (no mark), stays. No CASCADE: an index of the
-- blog's own that uses pg_trgm stops the undo, naming it.
DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension e
               WHERE e.extname = 'pg_trgm'
                 AND obj_description(e.oid, 'pg_extension') LIKE '%(installed by PostDesk V3)') THEN
        DROP EXTENSION pg_trgm;
    END IF;
END;
$$;
