"""Text -> quotations with speakers. Pure functions: no Scrapy, no database."""
