-- Undoes V9__change_log.sql: drops exactly what it created (the capture triggers on users and
-- posts, their functions, the change tables and the position sequence), nothing else.
DROP TRIGGER IF EXISTS users_capture_inserted ON users;
DROP TRIGGER IF EXISTS users_capture_updated ON users;
DROP TRIGGER IF EXISTS users_capture_deleted ON users;
DROP TRIGGER IF EXISTS users_capture_truncated ON users;
DROP TRIGGER IF EXISTS posts_capture_inserted ON posts;
DROP TRIGGER IF EXISTS posts_capture_updated ON posts;
DROP TRIGGER IF EXISTS posts_capture_deleted ON posts;
DROP TRIGGER IF EXISTS posts_capture_truncated ON posts;

-- Named before its table goes: the undo stops when a drop takes an object no script names.
DROP TRIGGER IF EXISTS postdesk_change_commits_stamp ON postdesk_change_commits;
DROP TABLE IF EXISTS postdesk_change_commits;
DROP TABLE IF EXISTS postdesk_changes;
DROP TABLE IF EXISTS postdesk_change_consumers;
DROP TABLE IF EXISTS postdesk_change_pruned;

DROP FUNCTION IF EXISTS postdesk_stamp_commit();
DROP FUNCTION IF EXISTS postdesk_prune_changes(interval, interval, integer);
DROP FUNCTION IF EXISTS postdesk_capture_inserted();
DROP FUNCTION IF EXISTS postdesk_capture_users_updated();
DROP FUNCTION IF EXISTS postdesk_capture_posts_updated();
DROP FUNCTION IF EXISTS postdesk_capture_deleted();
DROP FUNCTION IF EXISTS postdesk_capture_truncated();
DROP FUNCTION IF EXISTS postdesk_capture_commit();

DROP SEQUENCE IF EXISTS postdesk_change_position;
