"""X and Bluesky posts embedded in a page -> ``EmbeddedPost``.

Without JavaScript an embed stays the blockquote its platform generates
(shapes in SOURCES.md): the post text in a ``<p>``, then "— Name (@handle)",
then a link to the post whose text is the date as the embedding site showed
it. The time comes from the post id where the id encodes it (X snowflake
ids, Bluesky TID record keys): exact and timezone-free, unlike the link
text, which is a day in an unknown timezone and language.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.dates import day_value
from crawler.extract.lang import normalise_lang
from crawler.extract.types import DatedValue, EmbeddedPost
from crawler.extract.urls import x_status_url


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# Embeds whose text belongs to another author than the page's: kept out of
# the page text. Only X and Bluesky become EmbeddedPosts; the others are
# dropped from the text so that their words are not attributed to the page.
X_EMBED_XPATH = f"//blockquote[{_has_class('twitter-tweet')} or {_has_class('twitter-video')}]"
BLUESKY_EMBED_XPATH = f"//blockquote[{_has_class('bluesky-embed')}]"
OTHER_EMBED_XPATHS = (
    f"//blockquote[{_has_class('instagram-media')}]",
    f"//blockquote[{_has_class('tiktok-embed')}]",
    f"//blockquote[{_has_class('mastodon-embed')}]",
    f"//blockquote[{_has_class('threads-post')}]",
)
SOCIAL_EMBED_XPATHS = (X_EMBED_XPATH, BLUESKY_EMBED_XPATH, *OTHER_EMBED_XPATHS)

_find_x = etree.XPath(X_EMBED_XPATH)
_find_bluesky = etree.XPath(BLUESKY_EMBED_XPATH)

# X ids carry their creation time from this epoch (ms) on, in the bits above 22.
X_EPOCH_MS = 1288834974657
# Ids below this are pre-2010 sequential ids, which carry no time.
X_FIRST_SNOWFLAKE = 1 << 32
_X_STATUS = re.compile(r"(?:twitter|x)\.com/(?:#!/)?(\w{1,50})/status(?:es)?/(\d{1,25})", re.I)

# Bluesky record keys are TIDs: 13 characters of base32-sortable, encoding
# microseconds since the Unix epoch in the bits above 10.
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_TID = re.compile(r"^[2-7a-j][2-7a-z]{12}$")
_AT_POST = re.compile(r"^at://([^/\s]+)/app\.bsky\.feed\.post/([A-Za-z0-9._~:-]{1,512})$")

# "— Name (@handle)" after the post text; the dash may be missing or plain.
_BYLINE = re.compile(r"^[\s\u2014\u2013-]*(?P<name>.*?)\s*\(\s*@(?P<handle>[\w.-]+)\s*\)\s*$", re.S)


def find_embedded_posts(tree: HtmlElement) -> list[EmbeddedPost]:
    """Every X and Bluesky embed in the page, in page order; never raises."""
    posts = []
    for node in _find_x(tree):
        post = _x_post(node)
        if post:
            posts.append(post)
    for node in _find_bluesky(tree):
        post = _bluesky_post(node)
        if post:
            posts.append(post)
    return posts


def x_time_from_id(status_id: int) -> datetime | None:
    """The creation time encoded in an X snowflake id (None for older ids)."""
    if status_id < X_FIRST_SNOWFLAKE:
        return None
    return datetime.fromtimestamp(((status_id >> 22) + X_EPOCH_MS) / 1000, UTC)


def bluesky_time_from_rkey(rkey: str) -> datetime | None:
    """The creation time encoded in a Bluesky TID record key (None if it is not a TID)."""
    if not _TID.match(rkey):
        return None
    value = 0
    for char in rkey:
        value = value * 32 + _TID_ALPHABET.index(char)
    try:
        return datetime.fromtimestamp((value >> 10) / 1_000_000, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _x_post(node: HtmlElement) -> EmbeddedPost | None:
    links = [(a.get("href") or "", a) for a in node.iter("a")]
    status = None
    for href, anchor in reversed(links):
        match = _X_STATUS.search(href)
        if match:
            status = match, anchor
            break
    if status is None:
        return None
    match, anchor = status
    handle_in_url, post_id = match[1], match[2]
    paragraph = node.find(".//p")
    name, handle = _byline(node, paragraph, anchor)
    handle = handle or handle_in_url
    id_time = x_time_from_id(int(post_id))
    published = (
        DatedValue(id_time, "second", "tweet-id", raw=post_id)
        if id_time
        else _link_date(anchor, paragraph)
    )
    return EmbeddedPost(
        platform="x",
        post_id=post_id,
        url=x_status_url(handle_in_url, post_id),
        text=_post_text(paragraph),
        author_name=name,
        author_handle=handle,
        published=published,
        lang=normalise_lang(paragraph.get("lang")) if paragraph is not None else None,
    )


def _bluesky_post(node: HtmlElement) -> EmbeddedPost | None:
    uri = (node.get("data-bluesky-uri") or "").strip()
    match = _AT_POST.match(uri)
    if not match:
        return None
    did, rkey = match[1], match[2]
    anchors = list(node.iter("a"))
    date_anchor = anchors[-1] if anchors else None
    paragraph = node.find(".//p")
    name, handle = _byline(node, paragraph, date_anchor)
    tid_time = bluesky_time_from_rkey(rkey)
    published = (
        DatedValue(tid_time, "second", "bluesky-tid", raw=rkey)
        if tid_time
        else _link_date(date_anchor, paragraph)
    )
    return EmbeddedPost(
        platform="bluesky",
        post_id=uri,
        url=f"https://bsky.app/profile/{did}/post/{rkey}",
        text=_post_text(paragraph),
        author_name=name,
        author_handle=handle,
        published=published,
        lang=normalise_lang(paragraph.get("lang")) if paragraph is not None else None,
    )


def _post_text(paragraph: HtmlElement | None) -> str:
    """The post's words: ``<br>`` kept as line breaks, other spacing collapsed."""
    if paragraph is None:
        return ""
    parts: list[str] = []
    for piece in paragraph.xpath(".//text() | .//br"):
        parts.append("\n" if isinstance(piece, HtmlElement) else str(piece))
    lines = ("".join(parts)).split("\n")
    text = "\n".join(" ".join(line.split()) for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _byline(
    node: HtmlElement, paragraph: HtmlElement | None, date_anchor: HtmlElement | None
) -> tuple[str | None, str | None]:
    """Name and handle from the text between the post's ``<p>`` and its date link."""
    in_paragraph = set(paragraph.iter()) if paragraph is not None else set()
    after_paragraph = paragraph is None
    pieces = [node.text or ""] if paragraph is None else []
    for element in node.iterdescendants():
        if element is date_anchor:
            break
        if paragraph is not None and element is paragraph:
            after_paragraph = True
            pieces.append(paragraph.tail or "")
        elif after_paragraph and element not in in_paragraph:
            pieces.append((element.text or "") + (element.tail or ""))
    byline = " ".join("".join(pieces).split())
    match = _BYLINE.match(byline)
    if not match:
        return (byline.strip(" \u2014\u2013-") or None), None
    return (match["name"] or None), match["handle"]


def _link_date(anchor: HtmlElement | None, paragraph: HtmlElement | None) -> DatedValue | None:
    """The day in the date link's text, read by dateparser in the post's language."""
    if anchor is None:
        return None
    text = " ".join(anchor.text_content().split())
    if not text or len(text) > 60:
        return None
    lang = normalise_lang(paragraph.get("lang")) if paragraph is not None else None
    import dateparser  # heavy import, needed only for ids that carry no time

    languages = [lang, "en"] if lang and lang != "en" else ["en"]
    try:
        parsed = dateparser.parse(
            text, languages=languages, settings={"PREFER_DAY_OF_MONTH": "first"}
        )
    except (ValueError, TypeError, OverflowError):
        return None
    return day_value(parsed.date(), "link-text", raw=text) if parsed else None
