"""Dates as users type them (CLI options, API parameters)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from onrecord.errors import UserError

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
HINT = "use YYYY-MM-DD (or YYYY, YYYY-MM, or an ISO time such as 2024-05-07T10:30+03:00)"


def parse_user_date(value: str, *, end: bool = False) -> datetime:
    """An aware UTC datetime for ``value``.

    A day, month or year stands for its first instant, or with ``end`` for its
    last (so ``--until 2024-05-07`` includes that whole day).
    """
    raw = value.strip()
    match = _PARTIAL.match(raw)
    try:
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            start = datetime(year or 1, month or 1, day or 1, tzinfo=UTC)
            if not end:
                return start
            if day:
                nxt = start + timedelta(days=1)
            elif month:
                nxt = start.replace(year=start.year + (month == 12), month=month % 12 + 1)
            else:
                nxt = start.replace(year=start.year + 1)
            return nxt - timedelta(microseconds=1)
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as exc:
        raise UserError(f"bad date {value!r}: {HINT}") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
