"""Everything that touches pages: the offline parsers, the Scrapy spiders and the CLI."""
