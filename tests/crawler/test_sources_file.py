"""The sources file: the shipped example is valid, and mistakes are named before a crawl."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.sources import SourcesError, load_sources, parse_sources, select_sources

EXAMPLE = Path(__file__).resolve().parents[2] / "sources.example.toml"


def test_the_shipped_example_is_valid_and_covers_every_kind() -> None:
    sources = load_sources(EXAMPLE)
    kinds = {s.kind for s in sources}
    assert {"feed", "sitemap", "listing", "x", "telegram", "mastodon"} <= kinds
    assert {"statements", "news"} == {s.role for s in sources}
    names = {s.name for s in sources}
    assert {"president-az", "president-tr", "mfa-az", "mfa-tr"} <= names
    erdogan = next(s for s in sources if s.name == "erdogan-x")
    assert erdogan.account == "RTErdogan" and erdogan.url == "https://api.x.com"
    assert next(s for s in sources if s.name == "kremlin").every_seconds == 1800


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[source]]\nname = "a"\nkind = "rss"\nurl = "https://x"', "unknown kind 'rss'"),
        ('[[source]]\nname = "a"\nkind = "x"', "needs `account`"),
        ('[[source]]\nname = "a"\nkind = "mastodon"\naccount = "u"', "needs `url`, the instance"),
        ('[[source]]\nname = "a"\nkind = "feed"\nurl = "ftp://x"', "must start with http"),
        (
            '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x"\nevery = "soon"',
            "bad interval 'soon'",
        ),
        (
            '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x"\nrole = "blog"',
            "role must be one of",
        ),
        (
            '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x"\nlink = "a"',
            "unknown key(s) link",
        ),
        ('[[source]]\nname = "a"\nkind = "listing"\nurl = "https://x"', "needs `link`"),
        (
            '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x"\n'
            '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://y"',
            "two sources are named 'a'",
        ),
        ('[[source]]\nkind = "feed"\nurl = "https://x"', "`name` is required"),
        ("[source\n", "not valid TOML"),
        ("", "no [[source]] tables"),
    ],
)
def test_mistakes_are_named(toml: str, message: str) -> None:
    with pytest.raises(SourcesError, match=re.escape(message)):
        parse_sources(toml, "sources.toml")


def test_unknown_names_on_the_command_line_are_named(tmp_path: Path) -> None:
    sources = parse_sources('[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x"')
    with pytest.raises(SourcesError, match=r"unknown source.*: b; known: a"):
        select_sources(sources, ["b"])
    with pytest.raises(SourcesError, match="no sources file"):
        load_sources(tmp_path / "missing.toml")
