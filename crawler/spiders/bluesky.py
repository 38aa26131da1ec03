"""Bluesky accounts: the public author feed, no login needed.

    [[source]]
    name = "sorel-bsky"
    kind = "bluesky"
    account = "vsorel.bsky.social"     # the handle (or the account's did:plc:...)
    speaker = "Viktor Sorel"           # optional: the person behind the account
    # url = "https://public.api.bsky.app"   # the default; tests point it at a local server
    # max_pages = 5                    # feed pages of 100 posts per run

What is fetched:

- ``GET /xrpc/app.bsky.feed.getAuthorFeed?actor={account}&limit=100&filter=
  posts_no_replies``, page after page (``cursor``) until Bluesky gives no
  cursor, a page shows a post already stored, or ``max_pages`` pages were
  read. Replies are not collected (the filter leaves them out, the account's
  own thread continuations too).
- Each post becomes a document at ``https://bsky.app/profile/{did}/post/
  {rkey}`` (from its ``at://`` URI) with ``external_id = "bluesky:{uri}"``.
  Its time is the earlier of ``createdAt`` (set by the poster's app) and
  ``indexedAt`` (when Bluesky saw it), so a wrong device clock cannot date a
  post in the future.
- A repost is stored as the original post, spoken by its author
  (``post.author``), with this account as ``reposted_by``. A quote post is
  the account's own words (the quoted post is not taken into its text).
- Deletions: recent stored posts not seen in this run (published within
  ``recheck_days``, default 7) are asked for with ``app.bsky.feed.getPosts``,
  25 per call; a post missing from the answer is marked deleted, its text
  kept. Bluesky posts cannot be edited, so there are no new versions.

Limits: the public AppView allows about 3,000 requests per 5 minutes; a 429
is waited for (Retry-After, up to ONRECORD_RETRY_MAX_WAIT). An unknown
account is a failure quoting Bluesky's own message ("Profile not found").
Links in a post are stored as the text shows them (Bluesky may shorten them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from scrapy import Request
from scrapy.http import Response

from crawler.extract.embeds import bluesky_time_from_rkey
from crawler.items import Dated, DocumentDraft, GoneItem
from crawler.spiders.platform import PlatformSpider, chunks, parse_time

PAGE_SIZE = 100  # limit: 1-100
RECHECK_BATCH = 25  # uris per getPosts call
FEED_FILTER = "posts_no_replies"
REPOST = "#reasonRepost"
_AT_POST = re.compile(r"^at://([^/\s]+)/app\.bsky\.feed\.post/([A-Za-z0-9._~:-]{1,512})$")
_WEB_POST = re.compile(r"^https://bsky\.app/profile/([^/]+)/post/([^/?#]+)$")


def web_url(uri: str) -> str | None:
    """``at://did/app.bsky.feed.post/rkey`` -> ``https://bsky.app/profile/did/post/rkey``."""
    match = _AT_POST.match(uri)
    return f"https://bsky.app/profile/{match[1]}/post/{match[2]}" if match else None


def at_uri(url: str) -> str | None:
    """The inverse of ``web_url`` (for the posts to recheck)."""
    match = _WEB_POST.match(url)
    return f"at://{match[1]}/app.bsky.feed.post/{match[2]}" if match else None


class BlueskySpider(PlatformSpider):
    """app.bsky.feed.getAuthorFeed -> posts (reposts to their authors)."""

    platform = "bluesky"

    def start_requests_for_source(self) -> Iterable[Request]:
        if self.max_pages() > 0:
            yield self.feed_request(None, 1)

    def feed_request(self, cursor: str | None, page: int) -> Request:
        params = {"actor": self.account, "limit": PAGE_SIZE, "filter": FEED_FILTER}
        if cursor:
            params["cursor"] = cursor
        return self.api_request(
            f"{self.base_url}/xrpc/app.bsky.feed.getAuthorFeed?{urlencode(params)}",
            self.parse_feed,
            cb_kwargs={"page": page},
        )

    def parse_feed(self, response: Response, page: int) -> Iterable[Any]:
        payload, failure = self.load_json(response)
        if failure:
            yield failure
            return
        feed = payload.get("feed") if isinstance(payload, dict) else None
        if not isinstance(feed, list):
            yield self.failure(
                response.url, "not a Bluesky author feed (no `feed` list)", 200, response.body
            )
            return
        reached_known = False
        for item in self.read_posts(response, feed, self.entry_draft):
            if isinstance(item, DocumentDraft):
                reached_known = reached_known or self.is_known(item.url)
            yield item
        cursor = payload.get("cursor")
        if cursor and feed and not reached_known and page < self.max_pages():
            yield self.feed_request(str(cursor), page + 1)

    def entry_draft(self, entry: dict[str, Any]) -> DocumentDraft | None:
        """One feed entry: the post, its author the original one for a repost."""
        post = entry.get("post")
        if not isinstance(post, dict):
            return None
        reason = entry.get("reason") or {}
        reposted_by = None
        if str(reason.get("$type", "")).endswith(REPOST):
            by = reason.get("by") or {}
            reposted_by = str(by.get("handle") or self.account)
        return self.post_draft_of(post, reposted_by)

    def post_draft_of(self, post: dict[str, Any], reposted_by: str | None) -> DocumentDraft | None:
        uri = str(post.get("uri") or "")
        url = web_url(uri)
        record = post.get("record") or {}
        text = str(record.get("text") or "").strip()
        if url is None or not text:
            return None  # not a post record, or an image without words
        author = post.get("author") or {}
        handle = str(author.get("handle") or "") or None
        if reposted_by is None and self.account.startswith("did:") and author.get("did"):
            handle = self.account if author["did"] == self.account else handle
        langs = record.get("langs") or []
        return self.post_draft(
            url=url,
            text=text,
            external_id=f"bluesky:{uri}",
            published=post_time(post, record),
            author=author.get("displayName"),
            handle=handle,
            reposted_by=reposted_by,
            lang=langs[0] if langs and isinstance(langs[0], str) else None,
            raw=json.dumps(post, ensure_ascii=False).encode(),
        )

    # --------------------------------------------------------------- rechecks

    def recheck_requests(self, urls: list[str]) -> Iterable[Request]:
        by_uri = {uri: url for url in urls if (uri := at_uri(url))}
        for uris in chunks(sorted(by_uri), RECHECK_BATCH):
            query = urlencode([("uris", u) for u in uris])
            yield self.api_request(
                f"{self.base_url}/xrpc/app.bsky.feed.getPosts?{query}",
                self.parse_posts,
                cb_kwargs={"asked": {u: by_uri[u] for u in uris}},
            )

    def parse_posts(self, response: Response, asked: dict[str, str]) -> Iterable[Any]:
        """A post getPosts does not return any more is gone (the answer itself must parse)."""
        payload, failure = self.load_json(response)
        if failure:
            yield failure
            return
        posts = payload.get("posts") if isinstance(payload, dict) else None
        if not isinstance(posts, list):
            yield self.failure(response.url, "not a getPosts answer (no `posts` list)", 200)
            return
        present = {str(p.get("uri")) for p in posts if isinstance(p, dict)}
        for uri, url in asked.items():
            if uri not in present:
                yield GoneItem(self.source.name, url, "Bluesky: no longer served", f"bluesky:{uri}")


def post_time(post: dict[str, Any], record: dict[str, Any]) -> Dated | None:
    """min(createdAt, indexedAt); the record key's own time when neither reads."""
    times = [
        t for t in (parse_time(record.get("createdAt")), parse_time(post.get("indexedAt"))) if t
    ]
    if times:
        return Dated(min(times), "second", "api")
    match = _AT_POST.match(str(post.get("uri") or ""))
    at = bluesky_time_from_rkey(match[2]) if match else None
    return Dated(at, "second", "bluesky-tid") if at else None
