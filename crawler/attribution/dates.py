"""When a quotation was said: the document's time, or a date the cue gives.

"said on Monday", "told reporters yesterday", "last week", "on 3 March" near the
cue are resolved against the document's date; the precision says how much of
the answer is known ("day", "week", "month", "year"). Without such an
expression the quotation was said by the document's time (precision "time" for
a timestamp, "day" for a date), which is what ``said_from = "document"`` says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crawler.attribution.languages import DateWords
from crawler.attribution.tokens import Tok

_DAY_NUMBER = re.compile(r"\d{1,2}")


@dataclass(frozen=True, slots=True)
class SaidAt:
    """An ISO date or datetime, its precision, and the words that gave it (None: the document)."""

    at: str | None
    precision: str | None
    words: str | None


def parse_published(value: date | datetime | str | None) -> date | datetime | None:
    """A document time from the caller: a date, a datetime, or an ISO string of either.

    Raises ValueError for a string that is neither: a wrong time is worse than none.
    """
    if value is None or isinstance(value, datetime | date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"published: not an ISO date or date-time: {text!r}") from None


def document_time(published: date | datetime | None) -> SaidAt:
    """The default: said by the time the document was published."""
    if published is None:
        return SaidAt(None, None, None)
    if isinstance(published, datetime):
        return SaidAt(published.isoformat(), "time", None)
    return SaidAt(published.isoformat(), "day", None)


def _day(published: date | datetime) -> date:
    return published.date() if isinstance(published, datetime) else published


def _start_of(day: date, unit: str, offset: int) -> date:
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday + timedelta(weeks=offset)
    if unit == "month":
        month = day.month + offset
        year = day.year + (month - 1) // 12
        return date(year, (month - 1) % 12 + 1, 1)
    return date(day.year + offset, 1, 1)


def mentions_a_date(text: str, words: DateWords) -> bool:
    """A cheap test before tokenising: does ``text`` contain any date word at all?"""
    return words.pattern.search(text) is not None


def resolve(toks: list[Tok], words: DateWords, published: date | datetime | None) -> SaidAt | None:
    """The first date expression among ``toks`` (the cue's clause), resolved; or None."""
    if published is None or not toks:
        return None
    day = _day(published)
    keys = [t.key for t in toks]
    n = len(keys)
    openers = words.openers
    for i, key in enumerate(keys):
        if key not in openers and key not in words.weekdays and key not in words.months:
            continue
        three = " ".join(keys[i : i + 3])
        two = " ".join(keys[i : i + 2])
        for phrase in (three, two, key):
            if phrase in words.periods:
                unit, offset = words.periods[phrase]
                start = _start_of(day, unit, offset)
                return SaidAt(start.isoformat(), unit, _span(toks, i, phrase))
            if phrase in words.yesterday:
                return SaidAt((day - timedelta(days=1)).isoformat(), "day", _span(toks, i, phrase))
            if phrase in words.today:
                return SaidAt(day.isoformat(), "day", _span(toks, i, phrase))
        if key in words.weekdays:
            back = (day.weekday() - words.weekdays[key]) % 7
            if back == 0 and (
                (i > 0 and keys[i - 1] in words.last) or (i + 1 < n and keys[i + 1] in words.last)
            ):
                back = 7  # "last Monday" written on a Monday
            return SaidAt((day - timedelta(days=back)).isoformat(), "day", toks[i].text)
        if key in words.months:
            number = None
            after = i + 2 if i + 2 < n and keys[i + 1] == "." else i + 1  # "Sept. 11"
            if after < n and _DAY_NUMBER.fullmatch(keys[after]):
                number = int(keys[after])
            elif i > 0 and _DAY_NUMBER.fullmatch(keys[i - 1]):
                number = int(keys[i - 1])
            elif i > 1 and keys[i - 1] == "." and _DAY_NUMBER.fullmatch(keys[i - 2]):
                number = int(keys[i - 2])
            month = words.months[key]
            if number is not None and 1 <= number <= 31:
                try:
                    said = date(day.year, month, number)
                except ValueError:
                    continue
                if said > day:
                    said = said.replace(year=day.year - 1)
                return SaidAt(said.isoformat(), "day", toks[i].text)
    return None


def _span(toks: list[Tok], i: int, phrase: str) -> str:
    count = phrase.count(" ") + 1
    return " ".join(t.text for t in toks[i : i + count])
