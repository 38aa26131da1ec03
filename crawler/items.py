"""What spiders hand to the pipelines.

- PageItem: a fetched HTML page; the extract pipeline turns it into a draft.
- DocumentDraft: a document ready to store (an extracted page, or a post
  whose text a platform API already gave).
- GoneItem: a document the source no longer has (404/410, or missing when
  rechecked): marked deleted, its text kept.
- FailureItem: a fetch or parse that failed: recorded on the source, with the
  raw bytes when there were any, for retry.
- SourceState: cursors a spider keeps between runs (X's since_id, ...),
  merged into Source.state; the next run's spider receives them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from crawler.attribution import Quote


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Dated:
    """A time with how precisely it is known and where it came from."""

    at: datetime  # aware, UTC
    precision: str  # second, minute, hour, day, month, year
    source: str  # json-ld, opengraph, feed, sitemap, listing, api, tweet-id, ...


@dataclass
class PageItem:
    source: str
    url: str  # after redirects
    body: bytes
    text: str  # decoded
    content_type: str | None = None
    kind: str = "statement"  # statement (official source) or article (news)
    published: Dated | None = None  # what the feed, sitemap or listing said
    title: str | None = None  # ditto
    fetched_at: datetime = field(default_factory=now)


@dataclass
class DocumentDraft:
    source: str
    url: str  # canonical
    text: str
    kind: str  # statement | article | post | page
    title: str | None = None
    author: str | None = None
    author_is_organisation: bool = False
    lang: str | None = None
    published: Dated | None = None
    modified_at: datetime | None = None
    external_id: str | None = None  # "x:1234": the platform's stable id
    raw: bytes | None = None
    content_type: str | None = None
    fetched_at: datetime = field(default_factory=now)
    # Posts: the whole text is a statement of its author (the original author
    # of a repost or forward, never the account that passed it on).
    platform: str | None = None  # x, bluesky, mastodon, telegram
    post_author: str | None = None
    post_handle: str | None = None
    reposted_by: str | None = None
    parent_url: str | None = None  # the page a post was embedded in
    embedded: list[DocumentDraft] = field(default_factory=list)  # posts found in a page
    problems: list[str] = field(default_factory=list)  # what extraction noticed
    quotes: list[Quote] | None = None  # found by crawler.prepare (None: not looked for yet)


@dataclass
class GoneItem:
    source: str
    url: str
    reason: str
    external_id: str | None = None
    when: datetime = field(default_factory=now)


@dataclass
class FailureItem:
    source: str
    url: str
    reason: str
    http_status: int | None = None
    body: bytes | None = None
    when: datetime = field(default_factory=now)


@dataclass
class SourceState:
    source: str
    state: dict[str, Any]
