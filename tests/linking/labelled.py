"""The labelled set of the linking job: read it, store it, score the job against it.

``tests/fixtures/linking/corpus.txt`` holds statements, posts and news
articles with the quotations the parser finds in them (marks with a key:
one key is one quotation) and the gold links. ``pairs.txt`` holds wording
pairs, same or different quotation, with the hard negatives.

Run it to print the scores (the numbers the eval gate pins):

    .venv/bin/python tests/linking/labelled.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.documents import DocumentInput, save_document
from store.models import Link, Occurrence, Source, Speaker
from store.quotations import OccurrenceInput, add_occurrence
from store.speakers import add_alias, get_or_create_speaker

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linking"
_MARK = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


@dataclass
class Mark:
    """A quotation the parser found: words, speaker (or None), gold key."""

    start: int
    end: int
    text: str
    speaker: str | None
    key: str


@dataclass
class LabelledDocument:
    id: str
    source: str
    kind: str
    published: datetime
    title: str
    text: str
    marks: list[Mark]
    links: dict[str, str]  # gold: key -> kind (explicit and implicit)


@dataclass
class LabelledSet:
    sources: dict[str, tuple[str, str]]  # name -> (role, kind)
    speakers: list[tuple[str, list[str], str]]  # (name, aliases, kind)
    documents: list[LabelledDocument]

    @property
    def news(self) -> list[LabelledDocument]:
        return [d for d in self.documents if self.sources[d.source][0] == "news"]

    def gold_links(self) -> set[tuple[str, str, str]]:
        """(quotation key, document id, kind) a careful reader would draw."""
        return {(key, d.id, kind) for d in self.news for key, kind in d.links.items()}


def _parse_text(doc_id: str, body: str) -> tuple[str, list[Mark]]:
    parts: list[str] = []
    marks = []
    pos = length = 0
    for match in _MARK.finditer(body):
        before = body[pos : match.start()]
        parts.append(before)
        length += len(before)
        fields = match.group(1).split("|")
        assert len(fields) == 3, f"{doc_id}: a mark is {{{{words|Speaker|key}}}}: {fields}"
        words, speaker, key = fields
        marks.append(Mark(length, length + len(words), words, speaker.strip() or None, key))
        parts.append(words)
        length += len(words)
        pos = match.end()
    parts.append(body[pos:])
    return "".join(parts), marks


def read_corpus(path: Path = FIXTURES / "corpus.txt") -> LabelledSet:
    source = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    )
    sources: dict[str, tuple[str, str]] = {}
    speakers: list[tuple[str, list[str], str]] = []
    documents = []
    for block in re.split(r"^=== ", source, flags=re.MULTILINE)[1:]:
        name, _, rest = block.partition("\n")
        name = name.strip()
        if name == "sources":
            for line in rest.split("\n"):
                if line.strip():
                    source_name, role, *kind = line.split()
                    sources[source_name] = (role, kind[0] if kind else "feed")
            continue
        if name == "speakers":
            for line in rest.split("\n"):
                if not line.strip():
                    continue
                kind = "organisation" if "(organisation)" in line else "person"
                names = [n.strip() for n in line.replace("(organisation)", "").split("|")]
                speakers.append((names[0], names[1:], kind))
            continue
        head, _, body = rest.partition("\n---\n")
        header = dict(
            (k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in head.split("\n"))
        )
        text, marks = _parse_text(name, body.strip())
        links = {}
        for item in filter(None, (i.strip() for i in header.get("links", "").split(","))):
            key, kind = item.split()
            links[key] = kind
        doc = LabelledDocument(
            id=name,
            source=header["source"],
            kind=header.get("kind", "article"),
            published=datetime.fromisoformat(header["published"]).astimezone(UTC),
            title=header["title"],
            text=text,
            marks=marks,
            links=links,
        )
        if sources[doc.source][0] == "news":
            for mark in marks:
                doc.links.setdefault(mark.key, "reports")
        documents.append(doc)
    return LabelledSet(sources, speakers, documents)


@dataclass
class Stored:
    """Ids of the stored labelled set."""

    documents: dict[str, int]  # labelled id -> document id
    occurrences: dict[int, str] = field(default_factory=dict)  # occurrence id -> gold key


def store_corpus(
    session: Session, labelled: LabelledSet, documents: list[LabelledDocument] | None = None
) -> Stored:
    """Store ``documents`` (default: all) the way the crawler would: documents, then quotations."""
    speakers: dict[str, Speaker] = {}
    for name, aliases, kind in labelled.speakers:
        speaker = get_or_create_speaker(session, name, kind=kind)
        for alias in aliases:
            add_alias(session, speaker, alias)
        speakers[name] = speaker
    source_ids = {}
    for name, (role, kind) in labelled.sources.items():
        existing = session.scalar(select(Source).where(Source.name == name))
        if existing is None:
            existing = Source(name=name, kind=kind, url=f"https://{name}.example", role=role)
            session.add(existing)
            session.flush()
        source_ids[name] = existing.id
    stored = Stored(documents={})
    for doc in documents if documents is not None else labelled.documents:
        result = save_document(
            session,
            DocumentInput(
                url=f"https://{doc.source}.example/{doc.id}",
                text=doc.text,
                kind=doc.kind,
                title=doc.title,
                lang="en",
                published_at=doc.published,
                published_precision="minute",
                source_id=source_ids[doc.source],
            ),
        )
        stored.documents[doc.id] = result.document.id
        for mark in doc.marks:
            occurrence = add_occurrence(
                session,
                result.version,
                OccurrenceInput(
                    start=mark.start,
                    end=mark.end,
                    text=mark.text,
                    context=_sentence(doc.text, mark.start, mark.end),
                    said_at=doc.published,
                    said_precision="minute",
                    lang="en",
                ),
                speakers[mark.speaker] if mark.speaker else None,
            )
            stored.occurrences[occurrence.id] = mark.key
    session.flush()
    return stored


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span, as the parser gives its context."""
    left = max(text.rfind(". ", 0, start), text.rfind("” ", 0, start))
    right = text.find(". ", end)
    return text[left + 2 if left >= 0 else 0 : right + 1 if right >= 0 else len(text)].strip()


# ---------------------------------------------------------------------- scores


@dataclass
class Scores:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.true_positives}/{self.predicted}), "
            f"recall {self.recall:.3f} ({self.true_positives}/{self.gold})"
        )


def quotation_keys(session: Session, stored: Stored) -> dict[int, set[str]]:
    """quotation id -> the gold keys of its occurrences (one, when grouping is right)."""
    keys: dict[int, set[str]] = {}
    for occurrence_id, quotation_id in session.execute(
        select(Occurrence.id, Occurrence.quotation_id)
    ):
        keys.setdefault(quotation_id, set()).add(stored.occurrences[occurrence_id])
    return keys


def predicted_links(session: Session, stored: Stored) -> set[tuple[str, str, str]]:
    """The links the job drew, as (gold key, document id, kind)."""
    keys = quotation_keys(session, stored)
    labelled_id = {v: k for k, v in stored.documents.items()}
    found = set()
    for quotation_id, document_id, kind in session.execute(
        select(Link.quotation_id, Link.document_id, Link.kind)
    ):
        for key in keys.get(quotation_id, {"?"}):
            found.add((key, labelled_id[document_id], kind))
    return found


def link_scores(
    gold: set[tuple[str, str, str]], predicted: set[tuple[str, str, str]], kind: str | None = None
) -> Scores:
    """Precision and recall of links: of one kind, or (None) of any kind, kind ignored."""
    if kind is None:
        gold_pairs = {(k, d) for k, d, _ in gold}
        predicted_pairs = {(k, d) for k, d, _ in predicted}
        return Scores(len(gold_pairs & predicted_pairs), len(predicted_pairs), len(gold_pairs))
    g = {x for x in gold if x[2] == kind}
    p = {x for x in predicted if x[2] == kind}
    return Scores(len(g & p), len(p), len(g))


def grouping_scores(session: Session, stored: Stored) -> Scores:
    """Pairwise: occurrences in one quotation that the gold puts in one (and vice versa)."""
    quotation_of = dict(session.execute(select(Occurrence.id, Occurrence.quotation_id)).all())
    same_predicted = set()
    same_gold = set()
    for a, b in combinations(sorted(stored.occurrences), 2):
        if quotation_of[a] == quotation_of[b]:
            same_predicted.add((a, b))
        if stored.occurrences[a] == stored.occurrences[b]:
            same_gold.add((a, b))
    return Scores(len(same_predicted & same_gold), len(same_predicted), len(same_gold))


# ----------------------------------------------------------------------- pairs


@dataclass
class PairSide:
    speaker: str | None
    said: datetime
    official: bool
    text: str


@dataclass
class Pair:
    same: bool
    why: str
    a: PairSide
    b: PairSide


def read_pairs(path: Path = FIXTURES / "pairs.txt") -> list[Pair]:
    """Wording pairs: "+ why" (one quotation) or "- why" (two), then two sides

    "Speaker | YYYY-MM-DD | statement or news | text", speaker "?" when unknown.
    """
    pairs = []
    lines = [
        line.rstrip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for i in range(0, len(lines), 3):
        head, *sides = lines[i : i + 3]
        assert head[0] in "+-", f"pairs.txt: {head!r} should start with + or -"
        parsed = []
        for side in sides:
            speaker, said, where, text = (p.strip() for p in side.split("|", 3))
            parsed.append(
                PairSide(
                    None if speaker == "?" else speaker,
                    datetime.fromisoformat(said).replace(tzinfo=UTC),
                    where == "statement",
                    text,
                )
            )
        pairs.append(Pair(head[0] == "+", head[1:].strip(), *parsed))
    return pairs


def pair_scores(pairs: list[Pair]) -> tuple[Scores, list[tuple[Pair, bool]]]:
    """Precision and recall of the pairwise grouping rule; and the misjudged pairs."""
    from scheduler.linking.grouping import QuoteRow, judge
    from store.text import normalize_words

    speaker_ids: dict[str, int] = {}

    def row(n: int, side: PairSide) -> QuoteRow:
        speaker_id = (
            None
            if side.speaker is None
            else speaker_ids.setdefault(side.speaker, len(speaker_ids) + 1)
        )
        return QuoteRow(
            n, speaker_id, side.text, normalize_words(side.text), side.said, side.official
        )

    tp = predicted = 0
    wrong = []
    for n, pair in enumerate(pairs):
        same = judge(row(2 * n, pair.a), row(2 * n + 1, pair.b)) is not None
        predicted += same
        tp += same and pair.same
        if same != pair.same:
            wrong.append((pair, same))
    return Scores(tp, predicted, sum(p.same for p in pairs)), wrong


def evaluate(path: Path) -> None:  # pragma: no cover - a report for people
    """Store one labelled file in a fresh SQLite database, link it, print the scores."""
    import tempfile

    from scheduler.linking.job import run_linking
    from store.db import open_store

    labelled = read_corpus(path)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "labelled.db"))
        with store.session() as session:
            stored = store_corpus(session, labelled)
        report = run_linking(store)
        with store.session() as session:
            grouping = grouping_scores(session, stored)
            gold = labelled.gold_links()
            predicted = predicted_links(session, stored)
        store.close()
    print(f"== {path.name}: {len(labelled.news)} articles, {len(gold)} gold links")
    print(f"grouping, occurrences: {grouping}")
    print(f"links (any kind): {link_scores(gold, predicted)}")
    for kind in ("reports", "covers"):
        print(f"links {kind}: {link_scores(gold, predicted, kind)}")
    for title, items in (("false", predicted - gold), ("missed", gold - predicted)):
        print(f"{title} links:")
        for item in sorted(items):
            print("  ", item)
    print(f"job: {report.to_json()}")


def main() -> None:  # pragma: no cover
    pairs, wrong = pair_scores(read_pairs())
    print(f"grouping, labelled pairs: {pairs}")
    for pair, said in wrong:
        print(f"  judged {'same' if said else 'different'}: {pair.why}")
    evaluate(FIXTURES / "corpus.txt")
    evaluate(FIXTURES / "heldout.txt")


if __name__ == "__main__":  # pragma: no cover
    main()
