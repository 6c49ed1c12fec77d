-- threadkeeper archive, version 1.
-- No PRIMARY KEY constraints: the single writer (archive.store.Archive) keeps ids unique with
-- set-based anti-joins, which is several times faster than DuckDB's ART index on bulk upserts.
-- Every table carries run_id, the run that last wrote the row, and row_hash, a hash of the
-- record's fields, so that an unchanged record costs a key lookup and no write.

CREATE TABLE pages (
    page_id VARCHAR NOT NULL,
    url VARCHAR,
    source VARCHAR NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL,
    fetched_at_source VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    engine VARCHAR,
    parser_version VARCHAR,
    status VARCHAR NOT NULL,
    thread_id VARCHAR,
    http_status INTEGER,
    message VARCHAR,
    row_hash UBIGINT NOT NULL,
    run_id VARCHAR
);

CREATE TABLE threads (
    thread_id VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    engine VARCHAR NOT NULL,
    site VARCHAR,
    kind VARCHAR NOT NULL,
    board VARCHAR,
    breadcrumbs VARCHAR[],
    page INTEGER,
    page_count INTEGER,
    next_url VARCHAR,
    reply_count BIGINT,
    view_count BIGINT,
    language VARCHAR,
    tags VARCHAR[],
    -- the site's timezone: published_at AT TIME ZONE timezone is the time the page showed
    timezone VARCHAR,
    parser_version VARCHAR,
    site_name VARCHAR,
    row_hash UBIGINT NOT NULL,
    run_id VARCHAR
);

CREATE TABLE posts (
    post_id VARCHAR NOT NULL,
    thread_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    url VARCHAR,
    author VARCHAR,
    published_at TIMESTAMPTZ,
    published_raw VARCHAR,
    body_text VARCHAR NOT NULL,
    native_id VARCHAR,
    author_url VARCHAR,
    author_id VARCHAR,
    published_precision VARCHAR,
    published_source VARCHAR,
    edited_at TIMESTAMPTZ,
    edited_raw VARCHAR,
    title VARCHAR,
    body_html VARCHAR,
    headings VARCHAR[],
    likes INTEGER,
    is_article BOOLEAN NOT NULL,
    modified_at TIMESTAMPTZ,
    authors VARCHAR[],
    images VARCHAR[],
    row_hash UBIGINT NOT NULL,
    run_id VARCHAR
);

-- Earlier versions of posts whose text changed (edit history); same columns as posts.
CREATE TABLE post_versions AS SELECT * FROM posts WITH NO DATA;
ALTER TABLE post_versions ADD COLUMN replaced_by_run VARCHAR;

CREATE TABLE refs (
    reference_id VARCHAR NOT NULL,
    post_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    value VARCHAR,
    raw VARCHAR,
    title VARCHAR,
    authors VARCHAR[],
    published VARCHAR,
    published_date VARCHAR,
    journal VARCHAR,
    note VARCHAR,
    surname VARCHAR,
    year INTEGER,
    context VARCHAR,
    position INTEGER NOT NULL,
    row_hash UBIGINT NOT NULL,
    run_id VARCHAR
);

CREATE TABLE attachments (
    attachment_id VARCHAR NOT NULL,
    post_id VARCHAR NOT NULL,
    url VARCHAR,
    filename VARCHAR,
    kind VARCHAR NOT NULL,
    caption VARCHAR,
    row_hash UBIGINT NOT NULL,
    run_id VARCHAR
);

CREATE TABLE quotes (
    quote_id VARCHAR NOT NULL,
    post_id VARCHAR NOT NULL,
    quoted_post_id VARCHAR,
    quoted_author VARCHAR,
    text VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    row_hash UBIGINT NOT NULL,
    run_id VARCHAR
);

CREATE TABLE faqs (
    faq_id VARCHAR NOT NULL,
    post_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    question VARCHAR NOT NULL,
    answer VARCHAR NOT NULL,
    row_hash UBIGINT NOT NULL,
    run_id VARCHAR
);

CREATE TABLE parse_errors (
    error_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    url VARCHAR,
    reason VARCHAR NOT NULL,
    content_hash VARCHAR,
    row_hash UBIGINT NOT NULL,
    run_id VARCHAR
);

-- Crawl jobs (written by the crawler): one row per run with its arguments and stats.
CREATE TABLE crawl_runs (
    run_id VARCHAR NOT NULL,
    job VARCHAR,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    arguments JSON,
    stats JSON,
    status VARCHAR
);
