-- Browsing a million posts: substring search, keyset paging on every sort key, per-user counts.
-- Measured with src/test/java/io/postdesk/bench/BrowseBenchmark.java (see docs/ARCHITECTURE.md).

-- pg_trgm is a trusted extension (PostgreSQL 13+): any role that may create objects in the
-- database can install it, no superuser needed.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Search is "contains, case-insensitive" (ILIKE '%text%'); only trigram indexes serve that.
CREATE INDEX posts_title_trgm ON posts USING gin (title gin_trgm_ops);
CREATE INDEX posts_content_trgm ON posts USING gin (content gin_trgm_ops);
CREATE INDEX users_username_trgm ON users USING gin (username gin_trgm_ops);
CREATE INDEX users_email_trgm ON users USING gin (email gin_trgm_ops);

-- Keyset paging: WHERE (key, id) > (?, ?) ORDER BY key, id LIMIT n reads n index entries,
-- in either direction, on page 1 as on page 40,000. One index per sort key, id last.
CREATE INDEX posts_created_at_id ON posts (created_at, id);
CREATE INDEX posts_updated_at_id ON posts (updated_at, id);
CREATE INDEX posts_title_id ON posts (title, id);
CREATE INDEX posts_published_id ON posts (published, id);
CREATE INDEX users_created_at_id ON users (created_at, id);
CREATE INDEX users_updated_at_id ON users (updated_at, id);
-- users.username and users.email are UNIQUE already: their indexes serve those sorts.

-- One index for a user's posts: newest first (the users view's detail pane and the author
-- filter with the default sort), and, with published included, both post counts of the users
-- table as index-only scans.
CREATE INDEX posts_user_created_at_id ON posts (user_id, created_at, id) INCLUDE (published);

-- The author type-ahead: lower(username) LIKE 'prefix%'. text_pattern_ops compares bytes, so
-- the prefix range works whatever the database's collation is.
CREATE INDEX users_lower_username_prefix ON users (lower(username) text_pattern_ops);

-- The planner chooses between walking a sort index and filtering (right for common words) and
-- collecting the trigram matches and sorting them (right for rare ones) by how many posts it
-- expects to match. It guesses that from a sample of the column; with the default 100 values
-- of long text a word in 3% of the posts usually has no hit in the sample, is taken for rare,
-- and the first page costs 0.3 s instead of 20 ms. A sample of 1,000 values fixes that.
ALTER TABLE posts ALTER COLUMN title SET STATISTICS 1000;
ALTER TABLE posts ALTER COLUMN content SET STATISTICS 1000;
-- Statistics now, not at autovacuum's next visit (which on a quiet blog can be weeks away);
-- users too, for the lower(username) expression index.
ANALYZE posts;
ANALYZE users;
