"""Text -> quotations with speakers. Pure functions: no Scrapy, no database."""

from crawler.attribution.parser import extract_quotes
from crawler.attribution.quote import Quote

__all__ = ["Quote", "extract_quotes"]
