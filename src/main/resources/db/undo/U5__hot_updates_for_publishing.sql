-- Undoes V5 (HotUpdatesForPublishing): posts' fill factor back to the default, and, where PostDesk's
-- own V1 made the tables (no adopted blog schema), the idx_posts_published V5 dropped, built again.
-- On an adopted blog V5 never dropped the blog's index, so there is nothing to put back. The index
-- the old V3 built and V5 dropped (posts_published_id, posts_updated_at_id) are not built again:
-- no version of PostDesk from V5 on has them. A fill factor the blog set itself before V5 is not
-- known (V5 replaced it): the default is restored.
ALTER TABLE posts RESET (fillfactor);
DO
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM postdesk_schema_history WHERE type = 'BASELINE' AND version = '1')
       AND to_regclass('idx_posts_published') IS NULL THEN
        -- Inside the undo's transaction: writes to posts wait for the build.
        CREATE INDEX idx_posts_published ON posts (published);
    END IF;
END;
$$;
