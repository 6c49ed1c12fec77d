"""Records and the DuckDB archive. Never imports scraper."""
