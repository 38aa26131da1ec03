"""Date strings from pages -> ``DatedValue`` with an honest precision.

Pages state times in many spellings; what matters downstream is *how much*
they stated: "2024-05-07" is a day, not midnight UTC. Rules:

- ISO 8601 and its common variants (space for "T", no colon in the offset,
  fractions of a second, "Z") and RFC 2822 (``Tue, 07 May 2024 10:30:00
  +0300``) are read; anything else gives None (human-language dates are left
  to htmldate and to ``parse_link_date``).
- The precision is the finest part present: year, month, day, minute or
  second (fractions count as seconds).
- An offset converts the time to UTC. A time of day without an offset is
  read as UTC and flagged ``assumed_utc``; a date alone is the UTC day.
- Years before ``MIN_YEAR`` or after next year are rejected: they are
  placeholders ("0001-01-01") or typos, not publication dates.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_tz

from crawler.extract.types import DatedValue, Precision

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2, "minute": 3, "second": 4}

# Government archives reach back decades; earlier than this is a placeholder.
MIN_YEAR = 1900

_ISO = re.compile(
    r"""^\s*
    (?P<year>\d{4})
    (?:-?(?P<month>\d{2})
      (?:-?(?P<day>\d{2})
        (?:[T\s]+(?P<hour>\d{1,2}):?(?P<minute>\d{2})
          (?::?(?P<second>\d{2})(?:[.,]\d+)?)?
          \s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?
        )?
      )?
    )?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
# RFC 2822 (feeds, HTTP headers, some metas) always carries a time of day.
_RFC_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_RFC_SECONDS = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")
_RFC_ZONE = re.compile(r"(?:[+-]\d{4}|\b(?:UT|UTC|GMT|Z|[ECMP][SD]T))\s*$", re.IGNORECASE)
# Dates in URL paths: /2024/05/07/ or /2024-05-07- or /20240507/ (a whole segment).
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?=[/_.-]|$)"
)


def parse_date(raw: str | None, source: str) -> DatedValue | None:
    """Read an ISO 8601 or RFC 2822 date-time; None when it is neither or implausible."""
    if not raw or len(raw) > 64:
        return None
    match = _ISO.match(raw)
    if match:
        return _from_iso_match(match, raw.strip(), source)
    return _from_rfc2822(raw.strip(), source)


def date_from_url(url: str | None) -> DatedValue | None:
    """The publication day spelled in a URL path (``/2024/05/07/``), if any."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    for match in _URL_DATE.finditer(path):
        value = _make(int(match["year"]), int(match["month"]), int(match["day"]))
        if value is not None:
            return DatedValue(value, "day", "url", raw=match[0].strip("/"))
    return None


def day_value(day: date, source: str, raw: str = "") -> DatedValue | None:
    """A day-precision value for a calendar date found by another library."""
    value = _make(day.year, day.month, day.day)
    return DatedValue(value, "day", source, raw=raw) if value else None


def agree(coarse: DatedValue, fine: DatedValue) -> bool:
    """Whether ``fine`` can be the same moment as ``coarse``, given its precision.

    A day (month, year) read in the site's own calendar can begin up to 14
    hours either side of the UTC one, hence the slack around the period; a
    time read as UTC for want of an offset is off by at most that slack.
    """
    slack = timedelta(hours=14)
    if coarse.assumed_utc:
        return abs(fine.at - coarse.at) <= slack
    start = coarse.at
    if coarse.precision == "year":
        end = start.replace(year=start.year + 1)
    elif coarse.precision == "month":
        end = (start + timedelta(days=32)).replace(day=1)
    elif coarse.precision == "day":
        end = start + timedelta(days=1)
    else:
        end = start + timedelta(minutes=1)
    return start - slack <= fine.at < end + slack


def finer(value: DatedValue, other: DatedValue) -> bool:
    """Whether ``value`` says more than ``other``: finer precision, or a real offset."""
    return _rank(value) > _rank(other)


def _rank(value: DatedValue) -> float:
    # A time without an offset pins the moment only to within a day or so.
    if value.assumed_utc:
        return _PRECISION_RANK["day"] + 0.5
    return _PRECISION_RANK[value.precision]


def _from_iso_match(match: re.Match[str], raw: str, source: str) -> DatedValue | None:
    year = int(match["year"])
    month = int(match["month"] or 1)
    day = int(match["day"] or 1)
    precision: Precision = "year"
    if match["month"]:
        precision = "month"
    if match["day"]:
        precision = "day"
    hour = minute = second = 0
    offset = None
    if match["hour"] is not None:
        precision = "minute"
        hour, minute = int(match["hour"]), int(match["minute"])
        if match["second"] is not None:
            precision = "second"
            second = int(match["second"])
        if match["tz"]:
            offset = _offset(match["tz"])
            if offset is None:
                return None
    value = _make(year, month, day, hour, minute, second, offset)
    if value is None:
        return None
    assumed_utc = match["hour"] is not None and not match["tz"]
    return DatedValue(value, precision, source, assumed_utc=assumed_utc, raw=raw)


def _from_rfc2822(raw: str, source: str) -> DatedValue | None:
    if not _RFC_TIME.search(raw):
        return None
    try:
        parts = parsedate_tz(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if parts is None:
        return None
    year, month, day, hour, minute, second, *_rest, offset_seconds = parts
    # parsedate_tz reports a missing zone as offset 0: look for one ourselves.
    has_zone = bool(_RFC_ZONE.search(raw))
    offset = timezone(timedelta(seconds=offset_seconds or 0)) if has_zone else None
    value = _make(year, month, day, hour, minute, second, offset)
    if value is None:
        return None
    precision: Precision = "second" if _RFC_SECONDS.search(raw) else "minute"
    return DatedValue(value, precision, source, assumed_utc=not has_zone, raw=raw)


def _offset(text: str) -> timezone | None:
    text = text.upper()
    if text in ("Z", "UTC", "GMT"):
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if text[0] == "-" else delta)


def _make(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    offset: timezone | None = None,
) -> datetime | None:
    """A UTC datetime, or None for impossible or implausible parts."""
    if not MIN_YEAR <= year <= datetime.now(UTC).year + 1:
        return None
    try:
        value = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=offset or UTC)
    except (ValueError, OverflowError):
        return None
    return value.astimezone(UTC)
