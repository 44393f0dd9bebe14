-- Undoes V6 (PostDayCounts): the four triggers on posts, the functions and the day counts table.
-- No CASCADE: a view or trigger of the blog's own that uses one of these stops the undo, naming it.
DROP TRIGGER posts_count_truncated ON posts;
DROP TRIGGER posts_count_redated ON posts;
DROP TRIGGER posts_count_removed ON posts;
DROP TRIGGER posts_count_added ON posts;
DROP FUNCTION postdesk_recount_post_days();
DROP FUNCTION postdesk_count_no_posts();
DROP FUNCTION postdesk_count_redated_post();
DROP FUNCTION postdesk_count_removed_posts();
DROP FUNCTION postdesk_count_added_posts();
DROP FUNCTION postdesk_post_day(timestamptz);
DROP TABLE postdesk_post_days;
