"""Mastodon accounts: an account's public statuses, read from its instance's API.

    [[source]]
    name = "sorel-mastodon"
    kind = "mastodon"
    url = "https://mastodon.social"    # the instance (required)
    account = "vsorel"                 # the account's acct on that instance (user or user@host)
    speaker = "Viktor Sorel"           # optional: the person behind the account
    # max_pages = 5                    # pages of 40 statuses per run

No token is used: public statuses are read as a visitor. An instance that
requires a token for them answers 401, recorded as a failure saying so.

What is fetched:

- ``GET /api/v1/accounts/lookup?acct={account}`` -> the account's id, then
  ``GET /api/v1/accounts/{id}/statuses?limit=40&exclude_replies=true&
  exclude_reblogs=false``, following the ``Link: <...>; rel="next"`` header
  until there is none, a page shows a status already stored, or
  ``max_pages`` pages were read. ``exclude_replies`` leaves out replies to
  other accounts; the account's own threads stay.
- Each status becomes a document at its ``url`` (its ``uri`` when it has
  none) with ``external_id = "mastodon:{uri}"`` (``uri`` is global and
  stable; ``id`` is only this instance's number). The text is the sanitised
  HTML ``content`` made text: paragraphs apart by a blank line, ``<br>`` a
  line break, links spelled out in full; a content warning
  (``spoiler_text``) comes first, as its own paragraph. The time is
  ``created_at``; ``edited_at`` is kept as the modification time.
- Boosts are collected: a boost is stored as the boosted status, spoken by
  its own account (``reblog.account``), with this account as
  ``reposted_by``.
- Edits: an edited status gives new text the next time it is read, which the
  store keeps as a new version. Incremental runs stop paging at stored
  statuses, so older ones are reread by the recheck below.
- Deletions: recent stored statuses of this instance not seen in this run
  (published within ``recheck_days``, default 7) are fetched one by one
  (``GET /api/v1/statuses/{id}``): a 404 marks the status deleted, its text
  kept (Mastodon answers 404 too for a status made private); a 200 stores an
  edit, if any. Boosted statuses from other instances are not rechecked.

Limits: 300 requests per 5 minutes per address on most instances; a 429 is
waited for (Retry-After, up to ONRECORD_RETRY_MAX_WAIT). Media
descriptions and polls are not taken into the text; a status with no words
is skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from scrapy import Request
from scrapy.http import Response

from crawler.extract import canonical_url
from crawler.items import Dated, DocumentDraft
from crawler.spiders.platform import PlatformSpider, html_text, parse_time

PAGE_SIZE = 40  # the API's maximum for statuses
_NEXT = re.compile(r"<([^>]+)>\s*;\s*rel=\"?next\"?")


def next_link(response: Response) -> str | None:
    """The ``rel="next"`` URL of the ``Link`` header, if any."""
    header = (response.headers.get(b"Link") or b"").decode("latin-1")
    match = _NEXT.search(header)
    return match[1] if match else None


def full_acct(account: dict[str, Any]) -> str | None:
    """``user@host`` for any account (a local account's ``acct`` has no host)."""
    acct = str(account.get("acct") or "")
    if not acct or "@" in acct:
        return acct or None
    host = urlsplit(str(account.get("url") or "")).hostname
    return f"{acct}@{host}" if host else acct


def status_text(status: dict[str, Any]) -> str:
    """Content warning, then the content, as text."""
    parts = [str(status.get("spoiler_text") or "").strip(), html_text(status.get("content") or "")]
    return "\n\n".join(p for p in parts if p)


class MastodonSpider(PlatformSpider):
    """An account's statuses on its instance (boosts to their authors)."""

    platform = "mastodon"

    def start_requests_for_source(self) -> Iterable[Request]:
        if self.max_pages() > 0:
            yield self.api_request(
                f"{self.base_url}/api/v1/accounts/lookup?{urlencode({'acct': self.account})}",
                self.parse_account,
            )

    def refused(self, url: str, status: int, detail: str | None) -> str:
        reason = super().refused(url, status, detail)
        if status == 401:
            self.usable = False
            return (
                f"{reason} (this instance shows statuses only to logged-in users; "
                "onrecord reads without a token: follow the account on an instance that "
                "serves public statuses)"
            )
        if status == 404 and "/accounts/lookup" in url:
            return f"{reason} (no account {self.account!r} on this instance)"
        return reason

    def parse_account(self, response: Response) -> Iterable[Any]:
        payload, failure = self.load_json(response)
        if failure:
            yield failure
            return
        account_id = payload.get("id") if isinstance(payload, dict) else None
        if not account_id:
            yield self.failure(
                response.url,
                f"no Mastodon account {self.account!r} in the lookup answer",
                response.status,
                response.body,
            )
            return
        params = {"limit": PAGE_SIZE, "exclude_replies": "true", "exclude_reblogs": "false"}
        url = f"{self.base_url}/api/v1/accounts/{quote(str(account_id))}/statuses?"
        yield self.statuses_request(url + urlencode(params), 1)

    def statuses_request(self, url: str, page: int) -> Request:
        return self.api_request(url, self.parse_statuses, cb_kwargs={"page": page})

    def parse_statuses(self, response: Response, page: int) -> Iterable[Any]:
        payload, failure = self.load_json(response)
        if failure:
            yield failure
            return
        if not isinstance(payload, list):
            detail = "an error" if isinstance(payload, dict) and payload.get("error") else "no list"
            yield self.failure(
                response.url, f"not a list of statuses ({detail})", response.status, response.body
            )
            return
        reached_known = False
        for item in self.read_posts(response, payload, self.status_draft):
            if isinstance(item, DocumentDraft):
                reached_known = reached_known or self.is_known(item.url)
            yield item
        following = next_link(response)
        if following and payload and not reached_known and page < self.max_pages():
            yield self.statuses_request(following, page + 1)

    def status_draft(self, status: dict[str, Any]) -> DocumentDraft | None:
        """One status: a boost becomes the boosted status, its own account the speaker."""
        boosted = status.get("reblog")
        real = boosted if isinstance(boosted, dict) else status
        uri = str(real.get("uri") or "")
        text = status_text(real)
        if not uri or not text:
            return None
        account = real.get("account") or {}
        created = parse_time(real.get("created_at"))
        return self.post_draft(
            url=str(real.get("url") or uri),
            text=text,
            external_id=f"mastodon:{uri}",
            published=Dated(created, "second", "api") if created else None,
            author=account.get("display_name") or account.get("username"),
            handle=full_acct(account) if boosted else str(account.get("acct") or "") or None,
            reposted_by=self.account if isinstance(boosted, dict) else None,
            lang=real.get("language"),
            raw=json.dumps(status, ensure_ascii=False).encode(),
            modified_at=parse_time(real.get("edited_at")),
        )

    def is_own(self, handle: str) -> bool:
        """``vsorel``, ``vsorel@host`` and ``@vsorel@host`` are one account here."""
        host = urlsplit(self.base_url).hostname or ""
        local = {handle.lstrip("@").lower(), f"{handle.lstrip('@')}@{host}".lower()}
        return self.account.lower() in local

    # --------------------------------------------------------------- rechecks

    def recheck_requests(self, urls: list[str]) -> Iterable[Request]:
        own = re.compile(
            re.escape(canonical_url(self.base_url).rstrip("/")) + r"/@[^/]+/(\d+)$", re.I
        )
        for url in urls:
            match = own.match(url)
            if match:
                yield self.api_request(
                    f"{self.base_url}/api/v1/statuses/{match[1]}",
                    self.parse_status,
                    gone=(url, None),
                )

    def parse_status(self, response: Response) -> Iterable[Any]:
        payload, failure = self.load_json(response)
        if failure:
            yield failure
            return
        yield from self.read_posts(response, [payload], self.status_draft)
