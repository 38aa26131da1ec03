"""Telegram channels: the public web preview at ``https://t.me/s/<channel>``.

    [[source]]
    name = "sorel-telegram"
    kind = "telegram"
    account = "sorelchannel"           # the channel's public username
    speaker = "Viktor Sorel"           # optional: who speaks in the channel's own messages
    # url = "https://t.me"             # the default; tests point it at a local server
    # max_pages = 5                    # preview pages (about 20 messages each) per run
    # robots = true                    # the preview is a web page: robots.txt is obeyed

No login and no API key: the preview is the page anyone sees in a browser.

What is fetched:

- ``GET /s/{channel}`` (the newest messages), then older pages through the
  page's ``a.tme_messages_more[data-before=N]`` -> ``/s/{channel}?before=N``,
  until the cursor stops moving, a page shows a message already stored, or
  ``max_pages`` pages were read.
- Each message (``div.tgme_widget_message[data-post]``; service messages
  such as "channel created" skipped) becomes a document at
  ``https://t.me/{channel}/{n}`` with ``external_id = "telegram:{channel}/{n}"``.
  Its text is the message's own ``div.tgme_widget_message_text`` (not the
  quoted message of a reply, not a link preview), ``<br>`` as line breaks;
  its time is the ``time[datetime]`` of its date link. A message with no
  words (a photo alone) is skipped.
- A forwarded message ("Forwarded from X") is spoken by X, the origin named
  there, never by the channel; the channel is ``reposted_by``. Its time is
  when the channel forwarded it (the preview does not show when X said it),
  marked so (``published_from = "telegram-forward"``).
- Edits: the preview shows the current text (and "edited", without a time):
  a message whose text changed is stored as a new version when its page is
  read again (the newest page on every run, older ones by the recheck).

Deletions, and why so carefully: the preview never says "deleted"; a message
is simply no longer listed. Absence is taken as deletion only where it is
certain: a stored message whose number lies inside the range a fetched page
covers (between its lowest and highest message, or up to ``before - 1`` on a
``?before=`` page, which lists the messages just below ``before``) and that
the page does not show. A message beyond the edges of every fetched page is
left alone. Recent stored messages (published within ``recheck_days``,
default 7) not seen in the run are rechecked by fetching the
``?before=`` page just above them. Albums show as one message (the others of
the group are never stored, so never "missing").

Limits: a channel whose owner turned the preview off (or a private channel,
or no such channel) redirects to ``t.me/{channel}``: recorded as "no public
preview". Signed posts are attributed to the channel (its speaker), not to
the signature. Polls, media captions of albums beyond the first and
reactions are not read. Telegram may throttle many quick requests (429 is
waited for, as everywhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode, urlsplit

from lxml import etree
from lxml import html as lxml_html
from scrapy import Request
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.items import Dated, DocumentDraft, GoneItem
from crawler.spiders.platform import PlatformSpider, html_text, parse_time

# Classes of the elements that hold someone else's text inside a message.
NOT_OWN_TEXT = ("tgme_widget_message_reply", "tgme_widget_message_link_preview")
_DATA_POST = re.compile(r"^([A-Za-z0-9_]+)/(\d+)$")
_MESSAGE_URL = re.compile(r"^https://t\.me/([A-Za-z0-9_]+)/(\d+)$")
_TME_USER = re.compile(r"^https?://t\.me/([A-Za-z0-9_]{3,})(?:/\d+)?/?$")


def classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def own_text_element(message: Any) -> Any | None:
    """The message's own text block: not one inside a reply preview or link preview."""
    for candidate in message.cssselect("div.tgme_widget_message_text"):
        ancestors = list(candidate.iterancestors())
        inside = ancestors[: ancestors.index(message)] if message in ancestors else ancestors
        if not any(classes(a) & set(NOT_OWN_TEXT) for a in inside):
            return candidate
    return None


def first_text(element: Any, selector: str) -> str | None:
    found = element.cssselect(selector)
    text = " ".join(found[0].text_content().split()) if found else ""
    return text or None


class TelegramSpider(PlatformSpider):
    """t.me/s/ channel preview pages -> messages (forwards to their origin)."""

    platform = "telegram"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recheck_pages = 0
        self.unresolved: set[int] = set()  # recent stored message numbers not yet seen or judged
        for url in self.recheck_urls:
            match = _MESSAGE_URL.match(url)
            if match and match[1].lower() == self.account.lower():
                self.unresolved.add(int(match[2]))

    def start_requests_for_source(self) -> Iterable[Request]:
        if self.max_pages() > 0:
            yield self.page_request_for(None, 1)

    def page_request_for(self, before: int | None, page: int, recheck: bool = False) -> Request:
        url = f"{self.base_url}/s/{self.account}"
        if before is not None:
            url += "?" + urlencode({"before": before})
        request = self.request(
            url,
            self.parse_preview,
            cb_kwargs={"before": before, "page": page, "recheck": recheck},
            dont_filter=recheck,
        )
        return request.replace(errback=self.preview_failed)

    def no_preview(self, response_url: str, asked: str, status: int | None) -> Any:
        self.usable = False
        return self.failure(
            asked,
            f"no public preview for t.me/{self.account} (redirected to {response_url}): the "
            "channel is private, does not exist, or its owner turned the preview off",
            status,
        )

    def redirected_away(self, request: Request) -> str | None:
        """The first URL asked, when redirects led away from the /s/ preview."""
        redirects = request.meta.get("redirect_urls") or []
        if redirects and not urlsplit(request.url).path.startswith("/s/"):
            return str(redirects[0])
        return None

    def preview_failed(self, failure: Failure) -> Iterable[Any]:
        request: Request = failure.request  # type: ignore[attr-defined]
        asked = self.redirected_away(request)
        if asked:
            status = failure.value.response.status if failure.check(HttpError) else None
            yield self.no_preview(request.url, asked, status)
            return
        yield from self.failed(failure)

    # ------------------------------------------------------------------ pages

    def parse_preview(
        self, response: Response, before: int | None, page: int, recheck: bool
    ) -> Iterable[Any]:
        asked = self.redirected_away(response.request) if response.request else None
        if asked:
            yield self.no_preview(response.url, asked, response.status)
            return
        try:
            tree = lxml_html.fromstring(response.text)
        except (etree.ParserError, ValueError, AttributeError):  # empty, or not text at all
            tree = lxml_html.fromstring("<html></html>")
        messages = tree.cssselect("div.tgme_widget_message[data-post]")
        if not messages and not tree.cssselect(".tgme_channel_history, .tgme_channel_info"):
            yield self.failure(
                response.url,
                "not a Telegram channel preview (no messages, no channel header: has the "
                "layout changed?): kept raw",
                response.status,
                response.body,
            )
            return
        channel_name = first_text(tree, ".tgme_channel_info_header_title")
        numbers: set[int] = set()
        posts = []
        for message in messages:
            match = _DATA_POST.match(message.get("data-post") or "")
            if match and match[1].lower() == self.account.lower():
                numbers.add(int(match[2]))
                if "service_message" not in classes(message):
                    posts.append((message, match[1], int(match[2])))
        reached_known = False
        for item in self.read_posts(
            response,
            posts,
            lambda post: self.message_draft(post[0], post[1], post[2], channel_name),
            raw=lambda post: etree.tostring(post[0], encoding="utf-8"),
        ):
            if isinstance(item, DocumentDraft):
                reached_known = reached_known or self.is_known(item.url)
            yield item
        yield from self.judge_absences(numbers, before)
        if recheck:
            if numbers:  # an empty page covers nothing: the recheck ends there
                yield from self.next_recheck(min(numbers))
            return
        older = self.older_cursor(tree)
        moved = older is not None and (before is None or older < before)
        if moved and numbers and not reached_known and page < self.max_pages():
            yield self.page_request_for(older, page + 1)

    @staticmethod
    def older_cursor(tree: Any) -> int | None:
        for link in tree.cssselect("a.tme_messages_more[data-before]"):
            value = (link.get("data-before") or "").strip()
            if value.isdigit():
                return int(value)
        return None

    def message_draft(
        self, message: Any, channel: str, number: int, channel_name: str | None
    ) -> DocumentDraft | None:
        text_element = own_text_element(message)
        text = html_text(text_element) if text_element is not None else ""
        if not text:
            return None
        dates = message.cssselect("a.tgme_widget_message_date time[datetime]")
        at = parse_time(dates[0].get("datetime")) if dates else None
        author = first_text(message, ".tgme_widget_message_owner_name") or channel_name
        handle: str | None = channel
        reposted_by = None
        source_of_time = "api"
        origins = message.cssselect(".tgme_widget_message_forwarded_from_name")
        if origins:
            origin = origins[0]
            author = " ".join(origin.text_content().split()) or None
            link = _TME_USER.match(origin.get("href") or "")
            handle = link[1] if link else None
            reposted_by = channel
            source_of_time = "telegram-forward"
        return self.post_draft(
            url=f"https://t.me/{channel}/{number}",
            text=text,
            external_id=f"telegram:{channel}/{number}",
            published=Dated(at, "second", source_of_time) if at else None,
            author=author,
            handle=handle,
            reposted_by=reposted_by,
            raw=etree.tostring(message, encoding="utf-8"),
            content_type="text/html; charset=utf-8",
        )

    # -------------------------------------------------------------- deletions

    def judge_absences(self, numbers: set[int], before: int | None) -> Iterable[GoneItem]:
        """Stored messages certainly gone: inside this page's range, yet not on it."""
        self.unresolved -= numbers
        if not numbers:
            return
        low = min(numbers)
        high = before - 1 if before is not None else max(numbers)
        for number in sorted(n for n in self.unresolved if low <= n <= high):
            self.unresolved.discard(number)
            yield GoneItem(
                self.source.name,
                f"https://t.me/{self.account}/{number}",
                f"no longer in the channel's preview (messages {low}-{high} listed without it)",
                None,
            )

    def recheck_requests(self, urls: list[str]) -> Iterable[Request]:
        yield from self.next_recheck(None)

    def next_recheck(self, below: int | None) -> Iterable[Request]:
        """The page just above the newest message still to recheck (a few pages at most)."""
        if self.recheck_pages >= max(self.max_pages(), 1):
            return
        if below is not None:  # a page covers down to its lowest message; older ones go on
            self.unresolved = {n for n in self.unresolved if n < below}
        if not self.unresolved:
            return
        self.recheck_pages += 1
        yield self.page_request_for(max(self.unresolved) + 1, 0, recheck=True)
