"""Scrapy spiders: ``forum`` (index → boards → threads → pages) and ``blog`` (articles, feeds, sitemaps)."""
