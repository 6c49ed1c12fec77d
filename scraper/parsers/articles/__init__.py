"""Parts of the article parser (:mod:`scraper.parsers.article`): page metadata, the body,
FAQ pairs and the comments under an article."""
