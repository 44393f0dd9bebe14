-- Undoes V2 (updated_at_trigger): the two BEFORE UPDATE triggers and their function.
-- No CASCADE: a trigger or view of the blog's own that uses the function stops the undo, naming it.
DROP TRIGGER posts_touch_updated_at ON posts;
DROP TRIGGER users_touch_updated_at ON users;
DROP FUNCTION postdesk_touch_updated_at();
