"""Collection and parsing: Scrapy spiders, HTML extraction and the attribution parser."""
