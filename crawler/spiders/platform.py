"""What the four platform spiders (x, bluesky, mastodon, telegram) share.

A platform post needs no extraction: the platform already says who wrote it,
when, and in which words. So these spiders yield a ``DocumentDraft`` per post
(``kind="post"``), which the store pipeline saves and records as a quotation
of its author: the original author of a repost or forward, never the account
that passed it on (DESIGN.md, "Posts are statements").

Shared here:

- the run's inputs: ``state`` (cursors kept between runs, e.g. X's since_id),
  ``known`` (URLs already stored: paging stops there), ``recheck`` (recent
  posts of this source, refetched at the end to notice deletions and edits);
- API requests whose failures become items with a reason a person can act
  on (the error message of the API's JSON body is kept in the reason), and a
  404/410 on a rechecked post that becomes a ``GoneItem``;
- JSON that does not parse becomes a failure with the bytes kept;
- ``html_text``: platform HTML (Mastodon content, Telegram messages) to text,
  paragraphs as blank lines and ``<br>`` as line breaks.

APIs are programs' doors, not web pages: robots.txt is not consulted for
them (it is for Telegram's HTML preview, per the source's ``robots`` key).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, ClassVar

from lxml import html as lxml_html
from scrapy import Request
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.extract import canonical_url
from crawler.extract.lang import detect_lang, normalise_lang
from crawler.items import Dated, DocumentDraft, FailureItem, GoneItem
from crawler.sources import SourceConfig
from crawler.spiders.base import GONE_STATUSES, SourceSpider

DEFAULT_MAX_PAGES = 5
# Language tags platforms use for "no language" (X: undetermined, media
# only, hashtags only, ...): not a language for the parser.
NO_LANGUAGE = frozenset({"und", "zxx", "qme", "qht", "qam", "qct", "qst"})
# At most this much of an API's error body goes into a failure reason.
MAX_DETAIL_CHARS = 300
# What reading one post raises when the platform answers in a shape we did not expect.
SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class PlatformSpider(SourceSpider):
    """Base of the platform spiders: posts straight to drafts. Not used directly."""

    platform: ClassVar[str] = ""

    def __init__(
        self,
        source: SourceConfig,
        known: dict[str, datetime] | None = None,
        recheck: list[str] | None = None,
        state: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(source, known=known, recheck=recheck, **kwargs)
        self.state = dict(state or {})
        self.seen: set[str] = set()  # canonical URLs of the posts yielded in this run
        self.usable = True  # False once the platform refused us (a bad token): no rechecks

    # ---------------------------------------------------------------- options

    @property
    def account(self) -> str:
        """The configured account, without a leading ``@``."""
        return (self.source.account or "").strip().lstrip("@")

    @property
    def base_url(self) -> str:
        return self.source.url.rstrip("/")

    def max_pages(self) -> int:
        """Pages of the timeline read per run (``max_pages``, default 5; 0 reads none)."""
        value = self.source.option("max_pages", DEFAULT_MAX_PAGES)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"max_pages must be a whole number (0 or more), not {value!r}")
        return value

    async def start(self) -> Any:
        try:
            self.max_pages()
        except ValueError as exc:
            yield self.failure(self.source.url, str(exc))
            self.usable = False
            return
        for request in self.start_requests_for_source():
            yield request

    def is_known(self, url: str) -> bool:
        return canonical_url(url) in self.known

    # --------------------------------------------------------------- requests

    def api_request(
        self,
        url: str,
        callback: Any,
        *,
        gone: tuple[str, str | None] | None = None,
        headers: dict[str, str] | None = None,
        cb_kwargs: dict[str, Any] | None = None,
    ) -> Request:
        """A request to a platform API; ``gone`` = (post URL, external id) for a recheck."""
        return Request(
            url,
            callback=callback,
            errback=self.api_failed,
            headers=headers,
            cb_kwargs=cb_kwargs or {},
            meta={"document": False, "dont_obey_robotstxt": True, "gone": gone},
        )

    def api_failed(self, failure: Failure) -> Iterable[Any]:
        """Errback: a refused or failed API call, as an item with a reason to act on."""
        request: Request = failure.request  # type: ignore[attr-defined]
        if not failure.check(HttpError):
            yield from self.failed(failure)
            return
        response: Response = failure.value.response
        gone = request.meta.get("gone")
        if gone and response.status in GONE_STATUSES:
            url, external_id = gone
            yield GoneItem(self.source.name, url, f"HTTP {response.status}", external_id)
            return
        reason = self.refused(request.url, response.status, api_error_detail(response.body))
        yield self.failure(request.url, reason, response.status, response.body or None)

    def refused(self, url: str, status: int, detail: str | None) -> str:
        """The reason for an HTTP error from this platform; spiders add what to do."""
        return f"HTTP {status}" + (f": {detail}" if detail else "")

    def load_json(self, response: Response) -> tuple[Any, FailureItem | None]:
        """The JSON body, or a failure (bytes kept) saying that it is not JSON."""
        try:
            return json.loads(response.body), None
        except (ValueError, UnicodeDecodeError) as exc:
            kind = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or "no type"
            reason = f"malformed JSON from the {self.platform} API ({kind}): {exc}"
            return None, self.failure(response.url, reason[:500], response.status, response.body)

    # ----------------------------------------------------------------- posts

    def read_posts(
        self,
        response: Response,
        entries: Iterable[Any],
        make: Callable[[Any], DocumentDraft | None],
        raw: Callable[[Any], bytes] | None = None,
    ) -> Iterator[DocumentDraft | FailureItem]:
        """``make`` for each entry; one that cannot be read is a failure, the others go on."""
        for entry in entries:
            try:
                draft = make(entry)
            except SHAPE_ERRORS as exc:
                body = raw(entry) if raw else json.dumps(entry, default=str).encode()
                yield self.failure(
                    response.url,
                    f"skipped a post in a shape not understood ({type(exc).__name__}: {exc})",
                    response.status,
                    body,
                )
                continue
            if draft is not None:
                yield draft

    def post_draft(
        self,
        *,
        url: str,
        text: str,
        external_id: str,
        published: Dated | None,
        author: str | None,
        handle: str | None,
        reposted_by: str | None = None,
        lang: str | None = None,
        raw: bytes | None = None,
        content_type: str = "application/json",
        modified_at: datetime | None = None,
    ) -> DocumentDraft:
        """One post as a document; its own account's posts carry the configured handle.

        The store gives a post of the source's own account to the source's
        ``speaker`` when the handle matches the configured ``account``, so own
        posts carry that spelling (the platform may spell it otherwise).
        """
        url = canonical_url(url)
        self.seen.add(url)
        if reposted_by is None and handle is not None and self.is_own(handle):
            handle = self.account
        language = normalise_lang(lang) if lang and lang.lower() not in NO_LANGUAGE else None
        return DocumentDraft(
            source=self.source.name,
            url=url,
            text=text,
            kind="post",
            lang=language or detect_lang(text),
            published=published,
            modified_at=modified_at,
            external_id=external_id,
            raw=raw,
            content_type=content_type,
            platform=self.platform,
            post_author=(author or "").strip() or None,
            post_handle=handle.lstrip("@") if handle else None,
            reposted_by=reposted_by,
        )

    def is_own(self, handle: str) -> bool:
        return handle.lstrip("@").lower() == self.account.lower()

    # --------------------------------------------------------------- rechecks

    def recheck_requests(self, urls: list[str]) -> Iterable[Request]:
        """Requests that tell whether these stored posts still exist (per platform)."""
        return ()

    def _idle(self) -> None:
        """When the timeline is read, ask about recent posts it did not show."""
        if self._rechecked:
            return
        self._rechecked = True
        if not self.usable:
            return
        pending = [u for u in self.recheck_urls if canonical_url(u) not in self.seen]
        requests = list(self.recheck_requests(pending)) if pending else []
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider


def api_error_detail(body: bytes | None) -> str | None:
    """The message of an API's JSON error body (X, Bluesky and Mastodon shapes)."""
    if not body:
        return None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        text = body[:MAX_DETAIL_CHARS].decode("utf-8", "replace").strip()
        return text if text and not text.startswith("<") else None
    if not isinstance(data, dict):
        return None
    errors = data.get("errors")
    first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
    parts = [
        data.get("title") or first.get("title"),
        data.get("error") if isinstance(data.get("error"), str) else None,
        data.get("detail") or first.get("detail") or first.get("message"),
        data.get("message") if isinstance(data.get("message"), str) else None,
        data.get("error_description"),
    ]
    seen: list[str] = []
    for part in parts:
        if isinstance(part, str) and part.strip() and part.strip() not in seen:
            seen.append(part.strip())
    detail = ": ".join(seen)
    return detail[:MAX_DETAIL_CHARS] or None


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time from an API ("2024-05-07T06:30:00.000Z"), aware; None if not one."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None  # a time without a zone is not exact


def html_text(fragment: str | lxml_html.HtmlElement) -> str:
    """Platform HTML to text: paragraphs apart by a blank line, ``<br>`` a line break.

    All text is kept, hidden parts too: Mastodon shortens a link for display
    by hiding its start and end in ``span.invisible``; the text keeps the
    whole address.
    """
    if isinstance(fragment, str):
        if not fragment.strip():
            return ""
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    else:
        root = fragment
    paragraphs = [p for p in root.iter("p")] or [root]
    blocks = [_block_text(p) for p in paragraphs]
    return "\n\n".join(b for b in blocks if b)


def _block_text(element: lxml_html.HtmlElement) -> str:
    parts: list[str] = []
    for piece in element.xpath(".//text() | .//br"):
        parts.append("\n" if isinstance(piece, lxml_html.HtmlElement) else str(piece))
    lines = "".join(parts).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
