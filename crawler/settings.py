"""Scrapy settings for onrecord crawls: polite by default, robust, one place.

`crawl_settings()` builds them for a run; `-s KEY=VALUE` on `onrecord crawl`
overrides any (the tests and benchmarks switch throttling off that way).
"""

from __future__ import annotations

import json
import os
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    VERSION = version("onrecord")
except PackageNotFoundError:  # running from a source tree that was not installed
    VERSION = "dev"

USER_AGENT = f"onrecord/{VERSION} (+https://github.com/onrecord/onrecord; press-statement tracker)"

BASE_SETTINGS: dict[str, Any] = {
    "BOT_NAME": "onrecord",
    "USER_AGENT": USER_AGENT,
    "ROBOTSTXT_OBEY": True,  # per source: `robots = false` in the sources file
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 2.0,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
    # Scrapy starts this many asyncio tasks for every callback's output, even a
    # page's single item: at the default 100 they cost more than the page's
    # extraction (bench/crawl.py: 148 -> 209 pages/s at 1).
    "CONCURRENT_ITEMS": 4,
    "DOWNLOAD_TIMEOUT": 30,
    # Pages above DOWNLOAD_MAXSIZE are not downloaded at all; those above
    # ONRECORD_MAX_PARSE_BYTES are kept raw but not parsed (see pipelines).
    "DOWNLOAD_MAXSIZE": 50 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 10 * 1024 * 1024,
    "ONRECORD_MAX_PARSE_BYTES": 8 * 1024 * 1024,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 3,
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
    # Exponential backoff between retries (seconds), and the longest
    # Retry-After / rate-limit reset we wait for before giving up this run.
    "ONRECORD_RETRY_BACKOFF": 2.0,
    "ONRECORD_RETRY_MAX_WAIT": 300.0,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "LOG_INSTALL_ROOT_HANDLER": False,  # crawler.logs installs ours: one line per problem
    "RETRY_GIVE_UP_LOG_LEVEL": "WARNING",
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "crawler.middlewares.BackoffRetryMiddleware": 550,
        "crawler.middlewares.DelayMiddleware": 100,
    },
    "ITEM_PIPELINES": {
        "crawler.pipelines.PreparePipeline": 100,
        "crawler.pipelines.StorePipeline": 300,
    },
    "EXTENSIONS": {
        "crawler.progress.Progress": 500,
    },
}


def crawl_settings(db_url: str | None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Settings for one crawl into ``db_url``.

    ``ONRECORD_SCRAPY_SETTINGS`` (a JSON object) overrides the defaults for
    every crawl of this environment (`onrecord run` passes it to its crawls);
    ``overrides`` (`onrecord crawl -s KEY=VALUE`) win over both.
    """
    settings = dict(BASE_SETTINGS)
    settings["ONRECORD_DB"] = db_url
    from_env = os.environ.get("ONRECORD_SCRAPY_SETTINGS")
    if from_env:
        try:
            extra = json.loads(from_env)
        except ValueError as exc:
            raise ValueError(f"ONRECORD_SCRAPY_SETTINGS is not a JSON object: {exc}") from exc
        if not isinstance(extra, dict):
            raise ValueError("ONRECORD_SCRAPY_SETTINGS must be a JSON object of Scrapy settings")
        settings.update(extra)
    settings.update(overrides or {})
    return settings
