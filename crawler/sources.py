"""The sources file (TOML): what to crawl, how, and who speaks there.

Format (DESIGN.md)::

    [[source]]
    name = "president-az"            # unique, stable
    kind = "feed"                    # feed | sitemap | listing | page
                                     # | x | bluesky | mastodon | telegram
    url = "https://example.org/en/rss"
    speaker = "Ilham Aliyev"         # optional: who speaks in first-person statements and posts
    role = "statements"              # statements (official) | news (articles to link quotes to)
    every = "30m"                    # optional: crawl interval for `onrecord run`

Kind-specific keys are read by each spider (see crawler/spiders/*), and are
checked here so that a typo fails before a crawl starts, not during it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("feed", "sitemap", "listing", "page", "x", "bluesky", "mastodon", "telegram")
ROLES = ("statements", "news")
PLATFORM_DEFAULT_URLS = {
    "x": "https://api.x.com",
    "bluesky": "https://public.api.bsky.app",
    "telegram": "https://t.me",
}
COMMON_KEYS = {"name", "kind", "url", "speaker", "role", "every", "robots", "recheck_days"}
KIND_KEYS: dict[str, set[str]] = {
    "feed": set(),
    "sitemap": {"allow", "deny", "max_urls"},
    "listing": {"item", "link", "date", "title", "next", "mode", "max_pages"},
    "page": {"urls"},
    "x": {"account", "archive", "max_pages"},
    "bluesky": {"account", "max_pages"},
    "mastodon": {"account", "max_pages"},
    "telegram": {"account", "max_pages"},
}
_EVERY = re.compile(r"^\s*(\d+)\s*(s|m|h|d)\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class SourcesError(ValueError):
    """The sources file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class SourceConfig:
    """One configured source, validated."""

    name: str
    kind: str
    url: str
    role: str = "statements"
    speaker: str | None = None
    every_seconds: int | None = None
    robots: bool = True  # obey robots.txt (switch off only where the site allows it otherwise)
    recheck_days: int = 7  # refetch documents this young to notice edits and deletions
    options: dict[str, Any] = field(default_factory=dict)  # the kind-specific keys

    def option(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)

    @property
    def account(self) -> str | None:
        account = self.options.get("account")
        return str(account) if account is not None else None

    def to_config(self) -> dict[str, Any]:
        """What is stored on the Source row (the file's view of it)."""
        return {
            "every_seconds": self.every_seconds,
            "robots": self.robots,
            "recheck_days": self.recheck_days,
            "speaker": self.speaker,
            **self.options,
        }


def parse_every(value: str) -> int:
    """ "30m" -> 1800 seconds."""
    match = _EVERY.match(value)
    if not match:
        raise ValueError(f"bad interval {value!r}: use a number and s, m, h or d (e.g. 30m)")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def _source(entry: dict[str, Any], where: str) -> SourceConfig:
    def need(key: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise SourcesError(f"{where}: `{key}` is required (a non-empty string)")
        return value.strip()

    name = need("name")
    where = f"{where} ({name})"
    kind = need("kind")
    if kind not in KINDS:
        raise SourcesError(f"{where}: unknown kind {kind!r}; one of {', '.join(KINDS)}")
    unknown = set(entry) - COMMON_KEYS - KIND_KEYS[kind]
    if unknown:
        allowed = ", ".join(sorted(COMMON_KEYS | KIND_KEYS[kind]))
        raise SourcesError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; a {kind} source takes {allowed}"
        )
    url = entry.get("url") or PLATFORM_DEFAULT_URLS.get(kind)
    if kind == "mastodon" and not url:
        raise SourcesError(
            f"{where}: a mastodon source needs `url`, the instance (e.g. https://mastodon.social)"
        )
    if not url:
        raise SourcesError(f"{where}: `url` is required")
    if not re.match(r"^(https?|file)://", url):
        raise SourcesError(f"{where}: url {url!r} must start with http://, https:// or file://")
    if kind in ("x", "bluesky", "mastodon", "telegram") and not entry.get("account"):
        raise SourcesError(f"{where}: a {kind} source needs `account` (handle or channel)")
    if kind == "listing" and not entry.get("item") and not entry.get("link"):
        raise SourcesError(f"{where}: a listing source needs `link` (CSS selector of item links)")
    role = entry.get("role", "statements")
    if role not in ROLES:
        raise SourcesError(f"{where}: role must be one of {', '.join(ROLES)}, not {role!r}")
    every = None
    if entry.get("every") is not None:
        try:
            every = parse_every(str(entry["every"]))
        except ValueError as exc:
            raise SourcesError(f"{where}: {exc}") from exc
    options = {k: v for k, v in entry.items() if k in KIND_KEYS[kind]}
    return SourceConfig(
        name=name,
        kind=kind,
        url=url,
        role=role,
        speaker=(entry.get("speaker") or None),
        every_seconds=every,
        robots=bool(entry.get("robots", True)),
        recheck_days=int(entry.get("recheck_days", 7)),
        options=options,
    )


def parse_sources(text: str, origin: str = "sources file") -> list[SourceConfig]:
    """The sources in TOML ``text``; SourcesError says what is wrong and where."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{origin}: not valid TOML: {exc}") from exc
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{origin}: no [[source]] tables")
    sources = [_source(entry, f"{origin}: source #{n}") for n, entry in enumerate(entries, 1)]
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise SourcesError(f"{origin}: two sources are named {source.name!r}")
        seen.add(source.name)
    return sources


def load_sources(path: str | Path) -> list[SourceConfig]:
    """Read and check the sources file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourcesError(f"no sources file at {str(path)!r}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"cannot read {str(path)!r}: {exc}") from exc
    return parse_sources(text, str(path))


def select_sources(sources: list[SourceConfig], names: list[str]) -> list[SourceConfig]:
    """The sources named (all when none are); an unknown name is an error."""
    if not names:
        return sources
    by_name = {s.name: s for s in sources}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise SourcesError(f"unknown source(s): {', '.join(unknown)}; known: {', '.join(by_name)}")
    return [by_name[n] for n in names]
