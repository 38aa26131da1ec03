"""Downloader middlewares: retries that back off, and that honour Retry-After.

Scrapy's own retry middleware retries at once; a struggling government site
needs a pause. A 429 or 503 saying ``Retry-After`` (or X's
``x-rate-limit-reset``) is waited for, up to ONRECORD_RETRY_MAX_WAIT; a longer
wait gives up for this run (the failure is recorded, the next run retries).
"""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings

DELAY_KEY = "onrecord_delay"


def wait_asked(response: Response, now: float | None = None) -> float | None:
    """Seconds the server asks us to wait, from Retry-After or x-rate-limit-reset."""
    now = time.time() if now is None else now
    retry_after = response.headers.get(b"Retry-After")
    if retry_after:
        value = retry_after.decode("latin-1").strip()
        if value.isdigit():
            return float(value)
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - now)
        except (TypeError, ValueError):
            return None
    reset = response.headers.get(b"x-rate-limit-reset")
    if reset and reset.strip().isdigit():
        return max(0.0, float(reset) - now)
    return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Retry 5xx, 408, 429 and timeouts with exponential backoff and Retry-After."""

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff = settings.getfloat("ONRECORD_RETRY_BACKOFF", 2.0)
        self.max_wait = settings.getfloat("ONRECORD_RETRY_MAX_WAIT", 300.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    def _delay(self, retry: Request, asked: float | None) -> None:
        attempt = int(retry.meta.get("retry_times", 1))
        retry.meta[DELAY_KEY] = asked if asked is not None else self.backoff * 2 ** (attempt - 1)

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        asked = wait_asked(response)
        if asked is not None and asked > self.max_wait:
            return response  # too long to wait now: it becomes a recorded failure
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        self._delay(retry, asked)
        return retry

    def process_exception(  # type: ignore[override]  # Scrapy 2.19's spider-less signature
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            self._delay(retry, None)
        return retry


class DelayMiddleware:
    """Hold a retried request for the delay the retry middleware decided."""

    async def process_request(self, request: Request) -> None:
        delay = request.meta.pop(DELAY_KEY, None)
        if delay:
            await asyncio.sleep(delay)
