"""The values the extraction stage hands to the crawler: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Precision = Literal["second", "minute", "day", "month", "year"]
"""How much of ``DatedValue.at`` the page actually stated; finer parts are zero."""

Platform = Literal["x", "bluesky"]


@dataclass(frozen=True)
class DatedValue:
    """A point in time read from a page, with how exact it is and where it came from.

    ``at`` is always timezone-aware UTC. ``source`` names the evidence:
    "json-ld", "opengraph", "meta", "time-element", "url", "htmldate",
    "tweet-id", "bluesky-tid" or "link-text". ``assumed_utc`` is true when the
    page gave a time of day without a UTC offset: the time was read as UTC,
    so it may be off by the site's offset (dates alone are never flagged).
    ``raw`` is the string as found, for provenance.
    """

    at: datetime
    precision: Precision
    source: str
    assumed_utc: bool = False
    raw: str = ""


@dataclass(frozen=True)
class EmbeddedPost:
    """A post quoted in a page as a platform embed (an X or Bluesky blockquote).

    The crawler stores it as a document of its own, by its author, linked back
    to the page; its text is kept out of the page's ``text``.
    ``post_id`` is the stable id: the numeric status id on X, the ``at://`` URI
    on Bluesky.
    """

    platform: Platform
    post_id: str
    url: str
    text: str
    author_name: str | None
    author_handle: str | None
    published: DatedValue | None
    lang: str | None


@dataclass(frozen=True)
class ExtractedPage:
    """Everything the extraction stage reads from one HTML page.

    ``url`` is the canonical URL (the deduplication key), ``text`` the main
    text without the title, paragraphs separated by a blank line.
    ``authors`` are names only; ``author_is_organisation`` is true when they
    name an organisation (GOV.UK's JSON-LD author, a typed Organization), so
    the crawler must not take them for the speaker. ``truncated`` says the
    input was longer than ``MAX_HTML_CHARS`` and only its head was read;
    ``problems`` lists what was wrong with the page (malformed JSON-LD, no
    text found, ...), for source health reports.
    """

    url: str | None
    title: str | None
    text: str
    authors: list[str] = field(default_factory=list)
    author_is_organisation: bool = False
    site_name: str | None = None
    lang: str | None = None
    description: str | None = None
    published: DatedValue | None = None
    modified: DatedValue | None = None
    embedded_posts: list[EmbeddedPost] = field(default_factory=list)
    truncated: bool = False
    problems: list[str] = field(default_factory=list)
