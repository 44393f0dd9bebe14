-- Undoes V7 (BlogIndexBack): nothing to drop. V7 only built the blog's own idx_posts_published
-- again where an old PostDesk had dropped it; that index is the blog's, and PostDesk never drops
-- an object it did not create. Undoing V7 removes its row from PostDesk's history, nothing else.
SELECT 1;
