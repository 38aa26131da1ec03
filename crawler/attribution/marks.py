"""Quotation marks -> quoted spans, in one linear pass over the marks of a text.

A regex finds every quotation mark (and every line break) in C; Python then
walks only those events. Paragraphs are lines: a quotation never crosses a line
break, and one still open at the end of its line closes there (news style: a
quotation over several paragraphs opens each paragraph with a mark and closes
only the last), so an unbalanced mark can cost at most the rest of its
paragraph, never the rest of the document.

Double marks of every style pair up on a stack (“…”, „…“, «…», »…«, "…", ''…'',
「…」); single marks (‘…’, '…', ‚…‘, ‹…›) count only outside double-quoted spans,
must open at a word start and close at a word end, and never open before a digit,
so apostrophes (O'Neill, it's, the '90s, Clintons') never open a quotation.
Nested quotations stay inside the outer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.attribution import tuning

# Every mark, plus line breaks. Single marks only at a word edge: an apostrophe
# inside a word (it's, O'Neill, Erdoğan'ın) is never an event.
_EVENTS = re.compile(
    "''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u300c\u300d\u300e\u300f\uff02\n]"
    "|(?<!\\w)['\u2018\u2019\u201a\u2039\u203a]|['\u2018\u2019\u201a\u2039\u203a](?!\\w)"
)
_SINGLES = frozenset("'\u2018\u2019\u201a\u2039\u203a")
_SINGLE_OPENERS = frozenset("'\u2018\u201a\u2039")
_SINGLE_CLOSERS = frozenset("'\u2019\u2018\u203a")
_QUOTE_CHARS = frozenset(
    "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a\uff02"
)
# What may stand before an opening mark, and after a closing one.
_OPEN_CONTEXT = frozenset(" \t\u00a0\u2009\u202f([{\u2014\u2013-/:;") | _QUOTE_CHARS
_CLOSE_CONTEXT = frozenset(" \t\u00a0\u2009\u202f.,;:!?)]}\u2014\u2013-/\u2026") | _QUOTE_CHARS
_TRIM = "\u200b\ufeff"  # zero-width characters; any Unicode space is trimmed too


@dataclass(slots=True)
class Quoted:
    """Words between quotation marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int  # index of the closing mark, or -1 when the line ended first
    single: bool  # single marks (headlines, British style)
    line_start: int
    line_end: int

    @property
    def closed(self) -> bool:
        return self.close_at >= 0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Surrounding spaces and a trailing comma are not part of the quoted words."""
    while start < end and (text[start].isspace() or text[start] in _TRIM):
        start += 1
    while end > start and (
        text[end - 1].isspace() or text[end - 1] in _TRIM or text[end - 1] == ","
    ):
        end -= 1
    return start, end


class _Line:
    """The double-mark stack of one line; collects its outermost spans."""

    __slots__ = ("spans", "stack")

    def __init__(self) -> None:
        self.stack: list[tuple[str, int, int]] = []  # (style, mark index, index after it)
        # (inner start, inner end, opening mark index, closing mark index or -1)
        self.spans: list[tuple[int, int, int, int]] = []

    def push(self, style: str, at: int, after: int) -> None:
        self.stack.append((style, at, after))

    def close(self, at: int) -> None:
        _, mark_at, after = self.stack.pop()
        if not self.stack:
            self.spans.append((after, at, mark_at, at))

    def close_all(self, at: int) -> None:
        while self.stack:
            self.close(at)


def _double(line: _Line, mark: str, at: int, width: int, prev: str, nxt: str) -> None:
    """Apply one double mark to the line's stack (the rules of the module docstring)."""
    top = line.stack[-1][0] if line.stack else None
    after = at + width
    opens = prev in _OPEN_CONTEXT and not nxt.isspace()
    closes = not prev.isspace() and (nxt in _CLOSE_CONTEXT or nxt.isspace())
    if mark == "\u201c":  # “ opens in English, closes „ in German
        if top == "low":
            line.close(at)
        elif top == "curly":
            if closes and not opens:  # a typo “…“: the second one closes
                line.close(at)
            else:  # a second opening mark: the first one was never closed
                line.close_all(at)
                line.push("curly", at, after)
        else:
            line.push("curly", at, after)
    elif mark == "\u201d":  # ” closes anything; opens only Swedish-style ”…”
        if top is not None:
            line.close(at)
        elif opens and not closes:
            line.push("rcurly", at, after)
    elif mark == "\u201e":
        line.push("low", at, after)
    elif mark == "\u201f":
        line.push("curly", at, after)
    elif mark == "\u00ab":  # «
        if top == "rguil":
            line.close(at)
        else:
            line.push("guil", at, after)
    elif mark == "\u00bb":  # »
        if top == "guil":
            line.close(at)
        elif top is None and opens and not closes:  # German »…«
            line.push("rguil", at, after)
        elif top is not None and top != "rguil" and closes:
            line.close(at)
    elif mark in "\u300c\u300e":
        line.push("corner", at, after)
    elif mark in "\u300d\u300f":
        if top == "corner":
            line.close(at)
    else:  # " ＂ '' : direction from the characters around it
        if top is None:
            if opens or not closes:
                line.push("straight", at, after)
        elif top == "straight":
            if opens and not closes and len(line.stack) == 1:
                line.close(at)  # the previous one was never closed
                line.push("straight", at, after)
            else:
                line.close(at)
        elif opens and not closes:
            line.push("straight", at, after)  # nested in curly or guillemets
        else:
            line.close(at)  # mixed typography: opened curly, closed straight


def _singles(
    text: str, events: list[tuple[int, str]], blocked: list[tuple[int, int]], lo: int, hi: int
) -> list[tuple[int, int, int, int]]:
    """Single-quoted spans among ``events`` that fall outside the ``blocked`` spans."""
    spans: list[tuple[int, int, int, int]] = []
    open_at = -1
    b = 0
    for at, mark in events:
        while b < len(blocked) and blocked[b][1] < at:
            b += 1
        if b < len(blocked) and blocked[b][0] <= at:
            continue  # inside a double-quoted span: a nested quotation
        prev = text[at - 1] if at > lo else " "
        nxt = text[at + 1] if at + 1 < hi else " "
        if open_at < 0:
            if (
                mark in _SINGLE_OPENERS
                and prev in _OPEN_CONTEXT
                and (nxt.isalpha() or nxt in "\u00bf\u00a1")
            ):
                open_at = at
        elif (
            mark in _SINGLE_CLOSERS
            and (prev.isalnum() or prev in ".!?,")
            and (nxt in _CLOSE_CONTEXT or nxt.isspace())
        ):
            if b > 0 and blocked[b - 1][0] > open_at:
                open_at = -1  # it would swallow a double-quoted span: not a quotation
                continue
            if at - open_at > 3:  # rock 'n' roll, 'em: an elision, not a quotation
                spans.append((open_at + 1, at, open_at, at))
            open_at = -1
    return spans


def find_quoted(text: str) -> list[Quoted]:
    """All outermost quoted spans of ``text``, in order, never overlapping."""
    found: list[Quoted] = []
    n = len(text)
    line_start = 0
    line = _Line()
    singles: list[tuple[int, str]] = []
    for match in _EVENTS.finditer(text):
        at = match.start()
        mark = match.group()
        if mark == "\n":
            _finish_line(text, line, singles, line_start, at, found)
            line_start = at + 1
            line = _Line()
            singles = []
        elif mark in _SINGLES:
            singles.append((at, mark))
        else:
            width = len(mark)
            prev = text[at - 1] if at > line_start else " "
            nxt = text[at + width] if at + width < n else " "
            _double(line, mark, at, width, prev, nxt)
    _finish_line(text, line, singles, line_start, n, found)
    return found


def _finish_line(
    text: str,
    line: _Line,
    singles: list[tuple[int, str]],
    lo: int,
    hi: int,
    found: list[Quoted],
) -> None:
    if line.stack:  # still open at the end of the line: closes there
        _, mark_at, after = line.stack[0]
        end = hi
        if end - after > tuning.UNCLOSED_MAX_CHARS:
            cut = text.rfind(". ", after, after + tuning.UNCLOSED_MAX_CHARS)
            end = cut + 1 if cut > after else after + tuning.UNCLOSED_MAX_CHARS
        line.stack.clear()
        line.spans.append((after, end, mark_at, -1))
    spans = [(s, e, o, c, False) for s, e, o, c in sorted(line.spans)]
    if singles:
        blocked = [(o, c if c >= 0 else hi) for _, _, o, c, _ in spans]
        spans += [(s, e, o, c, True) for s, e, o, c in _singles(text, singles, blocked, lo, hi)]
        spans.sort()
    last_end = found[-1].end if found else -1
    for inner_start, inner_end, open_at, close_at, single in spans:
        start, end = _trim(text, inner_start, inner_end)
        if end <= start or open_at < last_end:
            continue
        found.append(Quoted(start, end, open_at, close_at, single, lo, hi))
        last_end = end
