"""Telegram channels end to end over t.me/s/ preview pages.

tests/fixtures/sites/telegram/channel.html is a channel's preview in t.me's
markup holding all its messages; the fake below serves it the way t.me
does: the newest few messages, with a "more" link whose ``data-before``
leads to the page of the messages just below.
"""

from __future__ import annotations

import re

from fixture_server import SITES, Asked, FixtureServer, Route
from sqlalchemy import func, select

from store.db import Store
from store.models import Document, DocumentVersion, FetchFailure, Occurrence
from store.queries import SearchParams, search_quotations
from store.speakers import speaker_by_handle

PREVIEW = "/s/sorelchannel"
PER_PAGE = 4
CHANNEL = (SITES / "telegram" / "channel.html").read_text(encoding="utf-8")
HEAD, _rest = CHANNEL.split("<!-- MESSAGES -->")
_ALL, TAIL = _rest.split("<!-- /MESSAGES -->")
MESSAGES = {
    int(re.search(r'data-post="sorelchannel/(\d+)"', html)[1]): html  # type: ignore[index]
    for html in re.split(r'(?=<div class="tgme_widget_message_wrap)', _ALL)
    if "data-post=" in html
}

SOREL_TELEGRAM = """
[[source]]
name = "sorel-telegram"
kind = "telegram"
account = "sorelchannel"
url = "{{BASE}}"
speaker = "Viktor Sorel"
"""
RECHECKED = SOREL_TELEGRAM + "recheck_days = 100000  # the recorded messages are from 2024\n"


def serve_channel(
    site: FixtureServer,
    *,
    deleted: set[int] | None = None,
    edited: dict[int, tuple[str, str]] | None = None,
    empty: bool = False,
) -> None:
    """t.me/s/sorelchannel[?before=N]: ``deleted`` messages vanish, ``edited`` ones change."""

    def page(asked: Asked) -> Route:
        before = int(asked.param("before") or 10**9)
        numbers = sorted(n for n in MESSAGES if n < before and n not in (deleted or set()))
        shown = [] if empty else numbers[-PER_PAGE:]
        more = (
            f'<a href="{PREVIEW}?before={shown[0]}" class="tme_messages_more js-messages_more" '
            f'data-before="{shown[0]}"></a>'
            if shown and numbers[:-PER_PAGE]
            else ""
        )
        messages = []
        for n in shown:
            html = MESSAGES[n]
            if n in (edited or {}):
                old, new = (edited or {})[n]
                html = html.replace(old, new)
            messages.append(html)
        body = HEAD + more + "\n".join(messages) + TAIL
        return Route(body=body.encode(), headers={"Content-Type": "text/html; charset=utf-8"})

    site.routes[PREVIEW] = Route(serve=page)


def previews(site: FixtureServer) -> list[str | None]:
    return [a.param("before") for a in site.requests if a.path == PREVIEW]


def by_number(store: Store) -> dict[int, Document]:
    with store.session() as s:
        return {int(d.url.rsplit("/", 1)[-1]): d for d in s.scalars(select(Document))}


def test_the_preview_is_paged_back_and_a_forward_belongs_to_its_origin(
    crawl, store: Store, site
) -> None:
    serve_channel(site)
    result = crawl(SOREL_TELEGRAM).source("sorel-telegram")
    assert (result["new"], result["failed"]) == (9, 0)
    assert previews(site) == [None, "107", "103"]  # until there was no older page
    docs = by_number(store)
    # service messages (1, 108) and a photo without words (109) are not statements
    assert sorted(docs) == [100, 101, 102, 103, 104, 105, 106, 107, 110]
    corridor = docs[105]
    assert corridor.url == "https://t.me/sorelchannel/105"
    assert corridor.external_id == "telegram:sorelchannel/105"
    assert corridor.text == (
        "The northern corridor reopens on Monday.\nCivilian traffic first, freight from Wednesday."
    )
    assert corridor.published_at.isoformat() == "2024-05-10T08:15:00+00:00"
    assert corridor.published_precision == "second"
    # a reply: its own words only, not the quoted message nor the link preview
    assert docs[107].text == "Buses will run every hour. Timetable: president.example/en/corridor"
    assert docs[106].published_from == "telegram-forward"  # when the channel forwarded it
    with store.session() as s:
        own = search_quotations(s, SearchParams("civilian traffic first")).items
        assert [q.speaker for q in own] == ["Viktor Sorel"]
        assert speaker_by_handle(s, "telegram", "sorelchannel").name == "Viktor Sorel"
        forwarded = search_quotations(s, SearchParams("winter alone")).items
        assert [q.speaker for q in forwarded] == ["Anna Lindqvist"]
        anna = speaker_by_handle(s, "telegram", "alindqvist_eu")
        assert anna is not None and anna.id == forwarded[0].speaker_id
        # forwarded from an account that hides its link: still not the channel's words
        office = search_quotations(s, SearchParams("address parliament on friday")).items
        assert [q.speaker for q in office] == ["Press Office"]


def test_the_next_run_reads_the_newest_page_only_and_stores_nothing_twice(
    crawl, store: Store, site
) -> None:
    serve_channel(site)
    crawl(SOREL_TELEGRAM)
    with store.session() as s:
        before = s.scalar(select(func.count()).select_from(Occurrence))
    site.requests.clear()
    again = crawl(SOREL_TELEGRAM).source("sorel-telegram")
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, 2)
    assert previews(site) == [None]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 9
        assert s.scalar(select(func.count()).select_from(Occurrence)) == before


def test_a_message_gone_from_inside_a_listed_range_is_deleted_and_an_edit_is_a_version(
    crawl, store: Store, site
) -> None:
    serve_channel(site)
    crawl(RECHECKED)
    serve_channel(
        site,
        deleted={103},
        edited={104: ("on Thursday.", "on Friday, not Thursday.")},
    )
    site.requests.clear()
    result = crawl(RECHECKED).source("sorel-telegram")
    assert (result["deleted"], result["changed"], result["failed"]) == (1, 1, 0)
    # the newest page, then the pages just above the stored messages it did not show
    assert previews(site) == [None, "107", "102"]
    docs = by_number(store)
    assert docs[103].deleted_at is not None
    assert "Forty schools" in docs[103].text
    assert [n for n, d in docs.items() if d.deleted_at] == [103]
    with store.session() as s:
        versions = s.scalars(
            select(DocumentVersion.text)
            .where(DocumentVersion.document_id == docs[104].id)
            .order_by(DocumentVersion.number)
        ).all()
        assert versions == [
            "Aid convoys cross at Horadiz on Thursday.",
            "Aid convoys cross at Horadiz on Friday, not Thursday.",
        ]


def test_a_preview_that_lists_nothing_deletes_nothing(crawl, store: Store, site) -> None:
    serve_channel(site)
    crawl(RECHECKED)
    serve_channel(site, empty=True)  # a layout change, or t.me having a bad day
    result = crawl(RECHECKED).source("sorel-telegram")
    assert result["deleted"] == 0
    assert all(d.deleted_at is None for d in by_number(store).values())


def test_a_channel_without_a_public_preview_is_a_failure_that_says_so(
    crawl, store: Store, site
) -> None:
    site.set("/s/closedchannel", "", status=302, headers={"Location": f"{site.url}/closedchannel"})
    site.set(
        "/closedchannel",
        '<html><body><div class="tgme_page"><div class="tgme_page_title">'
        '<span dir="auto">Closed Channel</span></div>'
        '<a class="tgme_action_button_new" href="tg://resolve?domain=closedchannel">'
        "View in Telegram</a></div></body></html>",
    )
    result = crawl(SOREL_TELEGRAM.replace("sorelchannel", "closedchannel")).source("sorel-telegram")
    assert (result["new"], result["failed"]) == (0, 1)
    assert "no public preview for t.me/closedchannel" in result["last_failure"]
    assert result["last_failure"].startswith(f"{site.url}/s/closedchannel:")


def test_a_page_that_is_no_preview_and_a_timeout_are_failures_with_reasons(
    crawl, store: Store, site
) -> None:
    serve_channel(site)
    site.set("/s/changedlayout", "<html><body><div class='new_feed'>…</div></body></html>")
    site.set("/s/slowchannel", "<html></html>", delay=3)
    sources = "".join(
        SOREL_TELEGRAM.replace('"sorel-telegram"', f'"{name}"').replace("sorelchannel", name)
        for name in ("changedlayout", "slowchannel")
    )
    result = crawl(SOREL_TELEGRAM + sources, settings=["DOWNLOAD_TIMEOUT=1", "RETRY_TIMES=0"])
    assert result.source("sorel-telegram")["new"] == 9  # the other channel is crawled
    changed, slow = result.source("changedlayout"), result.source("slowchannel")
    assert "not a Telegram channel preview" in changed["last_failure"]
    assert slow["last_failure"].endswith("timed out after 1 s")
    with store.session() as s:
        kept = s.scalars(select(FetchFailure).where(FetchFailure.url.endswith("changedlayout")))
        assert kept.one().raw_sha256  # the page is kept for a look at the new layout
