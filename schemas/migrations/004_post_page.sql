-- threadkeeper archive, version 4: the thread's page a post was read from; a thread's posts
-- are ordered by page, position (position restarts on every page).
ALTER TABLE posts ADD COLUMN page INTEGER;
ALTER TABLE post_versions ADD COLUMN page INTEGER;
