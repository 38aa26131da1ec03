"""Crawl logs for people: one line per problem, no library tracebacks.

Scrapy logs a full traceback for a refused connection or an unreachable
robots.txt; our spiders already log the reason in one line and record it on
the source. ``ONRECORD_DEBUG=1`` keeps the tracebacks.
"""

from __future__ import annotations

import logging
import os

NOISY_LIBRARIES = ("trafilatura", "htmldate", "charset_normalizer", "readability", "justext")


class OneLine(logging.Filter):
    """Drop the traceback of a record, keep its message."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info or record.exc_text:
            record.exc_info = None
            record.exc_text = None
        return True


def setup_crawl_logging(level: str = "WARNING") -> None:
    """Our own root handler on stderr (Scrapy is told not to install its own)."""
    for name in NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    )
    handler.setLevel(level)  # on the handler: Scrapy resets the root logger's level
    if not os.environ.get("ONRECORD_DEBUG"):
        handler.addFilter(OneLine())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
