-- threadkeeper archive, version 2: the crawler's own state (written by scraper/state.py).

-- What the last crawl learned about a URL or a thread, so that the next run of a job fetches
-- only what may have changed.  key is a page URL (conditional-request state) or a thread key
-- (board-row marker and the thread's last page).
CREATE TABLE crawl_state (
    key VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,          -- page or thread
    etag VARCHAR,
    last_modified VARCHAR,
    content_hash VARCHAR,
    next_url VARCHAR,               -- page: the next page of its thread, for a 304 answer
    marker VARCHAR,                 -- thread: what its board row showed (last post, replies)
    last_page_url VARCHAR,          -- thread: the last page the crawl archived completely
    updated_at TIMESTAMPTZ NOT NULL,
    run_id VARCHAR
);

-- Every response a crawl received, listing pages included: URL, status, fetch time (the HTTP
-- Date header) and content hash.  Thread and article pages also get a row in pages.
CREATE TABLE crawl_fetches (
    run_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,          -- listing, thread, article, feed, sitemap, robots
    http_status INTEGER,
    fetched_at TIMESTAMPTZ,
    fetched_at_source VARCHAR,
    content_hash VARCHAR,
    size BIGINT
);
