-- threadkeeper archive, version 3: body_text is the post as the page shows it, quoted blocks
-- included; own_text is the post's own words without them, set when the post quotes others.
ALTER TABLE posts ADD COLUMN own_text VARCHAR;
ALTER TABLE post_versions ADD COLUMN own_text VARCHAR;
