"""Where pages keep their dates and bylines: selector tables, as data.

Each entry names the convention or site it comes from. Order matters: the
first selector that yields a usable value wins. Site knowledge lives here
(and only where SOURCES.md records it), not in code branches.
"""

from __future__ import annotations

import re

from lxml.cssselect import CSSSelector


def _css(*selectors: str) -> tuple[CSSSelector, ...]:
    # The HTML translator matches class names as HTML does; compiled once, at import.
    return tuple(CSSSelector(selector, translator="html") for selector in selectors)


# Elements stating the publication time, with the value in @datetime,
# @content, @title or their text.
PUBLISHED_SELECTORS = _css(
    "time.read__published",  # Kremlin (kremlin.ru, en.kremlin.ru)
    ".dt-published",  # microformats2 h-entry
    "[itemprop~=datePublished]",  # schema.org microdata
    "time.entry-date.published",  # WordPress themes (_s, Twenty*)
    "time.published, abbr.published",  # hAtom
    "time[pubdate]",  # HTML5 draft attribute, still in old templates
)
MODIFIED_SELECTORS = _css(
    ".dt-updated",  # microformats2
    "[itemprop~=dateModified]",  # schema.org microdata
    "time.updated, abbr.updated",  # hAtom, WordPress themes
)
# Where the article's own <time> lives, when no selector above matched:
# the page's first <h1> inside one of these containers.
ARTICLE_SCOPES = ("article", "main")


# Containers of other pages' teasers, never of the article. Pruned before
# text extraction (trafilatura takes the first <article> it meets as the
# frame, so a teaser list above the story leaked a teaser into the text) and
# before htmldate (which would take a teaser's date). Matched as prefixes of
# whole class tokens or ids, not substrings: Elementor wraps real content in
# "elementor-widget", WordPress themes put "sidebar-left" on <body>.
NOT_ARTICLE_TAGS = frozenset({"aside"})
NOT_ARTICLE_PREFIXES = (
    "related",
    "jp-relatedposts",  # WordPress Jetpack
    "teaser",
    "recommend",
    "more-stories",
    "most-read",
    "most-popular",
    "popular-posts",
    "trending",
    "sidebar",
)
# htmldate also looks at these; they hold site-wide dates (copyright, "today").
NOT_DATE_TAGS = frozenset({"nav", "footer"})
NOT_DATE_ROLES = frozenset({"navigation", "contentinfo"})

# Bylines, for pages without JSON-LD or meta authors.
BYLINE_SELECTORS = _css(
    "[itemprop~=author] [itemprop~=name]",  # schema.org microdata
    ".h-entry .p-author",  # microformats2
    ".author.vcard .fn",  # WordPress / hCard
    "a[rel~=author]",  # HTML rel=author
    ".byline",  # common class name
)

# Sites whose JSON-LD ``author`` is the publishing organisation, never the
# person speaking, whatever @type it carries: (host suffix, marker meta).
ORGANISATION_AUTHOR_SITES = (
    ("gov.uk", "govuk:format"),  # GOV.UK: the speaker is in links.speaker of the content API
)

# Author names that stand for an office, not a person (WordPress accounts
# such as "Press Office" are typed Person by Yoast). Whole words, any case.
OFFICE_NAMES = re.compile(
    r"\b(?:press (?:office|service|team|secretary's office)|newsroom|news desk|staff|editorial"
    r"|communications|admin(?:istrator)?|webmaster|redaktion|rédaction|redacción"
    r"|пресс-служба|редакция|basın (?:ofisi|bürosu)|mətbuat xidməti)\b",
    re.IGNORECASE,
)
