"""Transcripts: each turn starts with its speaker's name ("V.Putin: …", "WALLACE: …").

A turn is a quotation of its speaker even without quotation marks, and runs
until the next label: its later paragraphs are turns of the same speaker. Labels are
names in capitals ("MR. SMITH"), an initial and a surname ("В.Путин", "D. Peskov")
or a short name ("Putin"); a document is a transcript when such labelled lines
recur (at least two turns by the same label, at least three in all), so a lone
"Update: …" or a headline "X: …" is not taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.attribution import tuning
from crawler.attribution.tokens import UPPER

_LABEL = re.compile(
    rf"^[ \t]*([\"\u201c\u201e\u00ab'\u2018]?)[ \t]*"
    rf"(?P<label>(?:[{UPPER}]\.[ ]?){{1,2}}[{UPPER}][\w'\u2019-]+"  # V.Putin, D. Peskov
    rf"|[{UPPER}][{UPPER}'\u2019.-]*(?:[ ][{UPPER}][{UPPER}'\u2019.-]*){{0,3}}"  # MR. SMITH, Q
    rf"|[{UPPER}][\w'\u2019-]+(?:[ ][{UPPER}][\w'\u2019-]+){{0,2}})"  # Vladimir Putin
    rf"[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
# Labels that name no one: questions and answers of an unnamed interviewer.
_ANONYMOUS_LABELS = frozenset(
    {
        "q",
        "question",
        "a",
        "answer",
        "вопрос",
        "ответ",
        "soru",
        "cevap",
        "frage",
        "antwort",
        "pregunta",
        "respuesta",
    }
)


@dataclass(slots=True)
class Turn:
    """One turn: the spoken words (``start``/``end``) and the label naming the speaker."""

    start: int
    end: int
    label: str
    label_start: int
    label_end: int
    anonymous: bool
    continued: bool = False  # a later paragraph of the same turn
    post: bool = False  # an embedded post: its text, then "— Name (@handle) date" under it


def find_turns(text: str, function_words: frozenset[str]) -> list[Turn]:
    """The turns of ``text`` if it reads as a transcript, else an empty list."""
    if ":" not in text:
        return []
    found: list[Turn] = []
    counts: dict[str, int] = {}
    for match in _LABEL.finditer(text):
        label = match.group("label")
        first = label.split()[0].lower().rstrip(".")
        if first in function_words and label.lower() not in _ANONYMOUS_LABELS:
            continue
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        start, end = match.end(), line_end
        while end > start and text[end - 1] in " \t\r\"\u201d\u00bb'\u2019":
            end -= 1
        if end <= start:
            continue
        key = label.lower()
        counts[key] = counts.get(key, 0) + 1
        found.append(
            Turn(
                start,
                end,
                label,
                match.start("label"),
                match.end("label"),
                key.rstrip(".") in _ANONYMOUS_LABELS,
            )
        )
    if len(found) < tuning.TRANSCRIPT_MIN_TURNS or max(counts.values()) < 2:
        return []
    return _with_continuations(text, found, counts)


# The line under a post pasted into an article: "— Leo Marsh (@leomarsh) March 2, 2025".
POST_SIGNATURE = re.compile(
    r"^[ \t]*(?P<dash>[\u2014\u2015\u2013-])[ \t]*(?P<name>[^\n(@]{2,60}?)[ \t]*"
    r"\(@\w{1,30}\)[^\n]{0,40}$",
    re.MULTILINE,
)
_OPENING_MARKS = "\"\u201c\u201e\u00ab'\u2018"
_CLOSING_MARKS = "\"\u201d\u201c\u00bb'\u2019"


def find_posts(text: str) -> list[Turn]:
    """Posts pasted into an article: the paragraph above each "— Name (@handle) date"
    line is that account's words, with or without quotation marks. (A paragraph that is
    one quotation already is left to the quotation marks.)"""
    posts: list[Turn] = []
    for match in POST_SIGNATURE.finditer(text):
        end = match.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        while start < end and text[start] in " \t":
            start += 1
        body = text[start:end]
        if not any(ch.isalnum() for ch in body) or POST_SIGNATURE.fullmatch(body):
            continue
        if body[0] in _OPENING_MARKS and body[-1] in _CLOSING_MARKS:
            continue  # “…” — the quotation marks already hold the words
        name = match.group("name").strip()
        posts.append(
            Turn(
                start,
                end,
                name,
                match.start("name"),
                match.start("name") + len(name),
                not name[:1].isupper(),  # "— hsfan (@harborst_forever)": a screen name
                post=True,
            )
        )
    return posts


def _with_continuations(text: str, turns: list[Turn], counts: dict[str, int]) -> list[Turn]:
    """A turn runs until the next label: its later paragraphs are turns of the same speaker.

    After the last label, paragraphs continue its turn only if some earlier turn ran
    over several paragraphs: in a transcript of one-paragraph turns, what follows the
    last one is the report again ("After the briefing, an employee said …"). (A label
    seen once, "Transcript: …" over the report, says nothing about the turns.)
    """
    out: list[Turn] = []
    multi = False
    for k, turn in enumerate(turns):
        out.append(turn)
        if k + 1 == len(turns) and not multi:
            break
        stop = turns[k + 1].label_start if k + 1 < len(turns) else len(text)
        before = len(out)
        pos = text.find("\n", turn.end)
        while 0 <= pos < stop:
            start = pos + 1
            end = text.find("\n", start, stop)
            end = stop if end < 0 else end
            first, last = start, end
            while first < last and text[first].isspace():
                first += 1
            while last > first and text[last - 1].isspace():
                last -= 1
            if any(ch.isalnum() for ch in text[first:last]):
                out.append(
                    Turn(
                        first,
                        last,
                        turn.label,
                        turn.label_start,
                        turn.label_end,
                        turn.anonymous,
                        continued=True,
                    )
                )
            pos = end if end < stop else -1
        multi = multi or (len(out) > before and counts[turn.label.lower()] > 1)
    return out
