"""Linking benchmark: quotations against news articles, full runs at growing sizes, then
incremental runs.

Run by hand, never in CI:

    .venv/bin/python bench/link.py                       # 100,000 quotations, 500,000 articles
    .venv/bin/python bench/link.py --scale 0.1 --json    # a tenth of that, quickly
    .venv/bin/python bench/link.py --db postgresql://postgres@127.0.0.1/bench_link

The database must be empty (a fresh SQLite file is made under bench/out/ by
default). The last line of output is one JSON object of figures.

What it does: loads all the articles first, then the quotations in three
steps (10%, 30%, 100% of them) and after each step runs the linking job as a
first, full run (every quotation against every article), timing its stages;
those runs are rolled back, except the last. Then it times incremental runs:
a crawl (1,000 new quotations said in the last week, the articles that
report or cover them and 2,000 other articles of the last two days), a
second run with nothing new, and 1,000 new quotations spread over all the
years (a backfill of an archive, the worst case: their windows cover every
article).

The corpus is synthetic but shaped like the real thing. 5,000 speakers with
mostly distinct surnames; official statements, one to three quotations
each, said about "matters" (a few topic words and a date) over seven years;
quotations of 6 to 45 words from a Zipf vocabulary of political news with
the matter's words in them. News articles of about 150 to 580 words (10th
and 90th percentiles; median 360, 2.3 KB): for each quotation about 1.5
articles that report it (whole in quotation marks, a fragment of it,
slightly edited, or in reported speech) and 0.8 that cover its matter
without quoting it, naming the speaker in full and then by surname; the
rest are articles about other things that sometimes name a speaker. The
parser "finds" 70% of the quotations in quotation marks (occurrences;
fragments and edits become quotations of their own, 27 for every 100 of
the statements', for grouping to merge). The words are drawn at random:
the shapes are real (lengths, names, dates, quoting), the prose is not, so
the "accuracy" figures are a sanity check of the job at scale; its
precision and recall are measured on tests/fixtures/linking.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import os
import platform
import random
import sys
import time
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from vocabulary import CONTENT_WORDS, FUNCTION_WORDS  # noqa: E402

from scheduler.linking.job import run_linking  # noqa: E402
from store.bulk import insert_rows, insert_speakers  # noqa: E402
from store.db import Store, open_store  # noqa: E402
from store.models import (  # noqa: E402
    Document,
    DocumentVersion,
    Link,
    Occurrence,
    Quotation,
    Source,
)
from store.text import normalize_words  # noqa: E402

REPORTING = "said told added warned insisted stressed promised announced declared noted".split()
TITLES = ["President", "Minister", "Foreign Minister", "Governor", "Spokeswoman", "Senator"]
FIRST_NAMES = (
    "Ali Mehmet Ayse Elif Ilham Leyla Rashad Nigar Anar Viktor Sergey Olga Irina Dmitri "
    "Anna Marie Claire Jean Pierre Hans Greta Lena Carlos Maria Jose Lucia Pablo "
    "John Mary James Sarah David Laura Ahmed Amina Omar Yusuf Zeynep Emre Kerem Selin"
).split()
START = datetime(2019, 1, 1, tzinfo=UTC)
END = datetime(2026, 1, 1, tzinfo=UTC)
SPAN = (END - START).total_seconds()
FULL_QUOTATIONS = 100_000
FULL_ARTICLES = 500_000
FRESH, BACKFILL = 10_000_000, 20_000_000  # quotation numbers of the incremental runs
BASE_SHARE = 0.79  # the rest (about 27 in 100) are fragments and edits found in articles


def _syllables(rng: random.Random, n: int, parts: str) -> list[str]:
    pieces = parts.split()
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(pieces) for _ in range(rng.randint(2, 4))))
    return sorted(words)


@dataclass
class Spec:
    """One generated quotation and what the articles do with it."""

    index: int
    speaker: int
    said: datetime
    text: str
    statement: str
    official_source: int
    # (article number, style, quoted words or None, parser found it, attributed)
    reports: list[tuple[int, str, str, bool, bool]] = field(default_factory=list)


class World:
    """A deterministic synthetic world: vocabulary, speakers, sources, quotations, articles."""

    def __init__(self, seed: int, scale: float) -> None:
        self.seed = seed
        rng = random.Random(seed)
        rare = _syllables(rng, 6000, "ka ra ba la mi so ne tu vo de ri an el or ist ov ye lu sa")
        self.places = [w.capitalize() for w in _syllables(rng, 600, "mor ta vel lin os ka dra ves")]
        self.vocab = FUNCTION_WORDS + CONTENT_WORDS + rare
        weights = [1.0 / (rank + 1) ** 0.95 for rank in range(len(self.vocab))]
        total = sum(weights)
        self.cum = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cum.append(acc)
        self.topic_vocab = CONTENT_WORDS + rare[:3000]
        surnames = [w.capitalize() for w in _syllables(rng, 4500, "vo ka ro len ski ov ev ar in")]
        self.speakers = [f"{rng.choice(FIRST_NAMES)} {rng.choice(surnames)}" for _ in range(5000)]
        self.titles = [rng.choice(TITLES) for _ in self.speakers]
        self.n_official = 40
        self.n_news = 200
        self.bases = int(FULL_QUOTATIONS * scale * BASE_SHARE)
        self.articles = int(FULL_ARTICLES * scale)
        self.pool = [self.sentence(rng) for _ in range(min(200_000, 20 * self.articles // 10))]

    # ------------------------------------------------------------------ words

    def words(self, rng: random.Random, n: int) -> list[str]:
        return [
            self.vocab[min(bisect_left(self.cum, rng.random()), len(self.vocab) - 1)]
            for _ in range(n)
        ]

    def sentence(self, rng: random.Random, topic: list[str] | None = None) -> str:
        n = int(min(28, max(7, rng.lognormvariate(2.7, 0.35))))
        words = self.words(rng, n)
        for word in topic or ():
            words[rng.randrange(len(words))] = word
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def when(self, rng: random.Random) -> datetime:
        return START + timedelta(seconds=rng.random() * SPAN)

    # ------------------------------------------------------------- quotations

    def spec(self, index: int, recent: bool = False) -> Spec:
        """Quotation ``index``: its words, statement, and the articles that report it."""
        rng = random.Random(f"{self.seed}:{index}")
        speaker = rng.randrange(len(self.speakers))
        said = END - timedelta(days=7 * rng.random()) if recent else self.when(rng)
        topic = [*rng.sample(self.topic_vocab, 4), rng.choice(self.places)]
        n = int(min(45, max(6, rng.lognormvariate(2.75, 0.45))))
        words = self.words(rng, n)
        for word in topic[: max(2, n // 6)]:
            words[rng.randrange(len(words))] = word
        words[0] = words[0].capitalize()
        text = " ".join(words) + rng.choice([".", ".", ".", "!"])
        name = self.speakers[speaker]
        statement = (
            f"{self.titles[speaker]} {name} {rng.choice(REPORTING)} on {said:%A} in "
            f"{topic[-1]}: “{text}” {self.sentence(rng, topic[:2])} {self.sentence(rng)}"
        )
        spec = Spec(index, speaker, said, text, statement, rng.randrange(self.n_official))
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            style = rng.choices(["full", "fragment", "edited", "reported"], [5, 2, 1, 2])[0]
            quoted = self.quoted(rng, words, style)
            parsed = style != "reported" and rng.random() < 0.7
            spec.reports.append((0, style, quoted, parsed, rng.random() < 0.95))
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            spec.reports.append((0, "covers", "", False, True))
        return spec

    @staticmethod
    def quoted(rng: random.Random, words: list[str], style: str) -> str:
        if style == "fragment" and len(words) >= 10:
            size = rng.randint(6, min(12, len(words) - 2))
            start = rng.randrange(len(words) - size)
            return " ".join(words[start : start + size])
        if style == "edited" and len(words) >= 8:
            edited = list(words)
            del edited[rng.randrange(1, len(edited) - 1)]
            return " ".join(edited)
        return " ".join(words)

    # --------------------------------------------------------------- articles

    def article(
        self, number: int, spec: Spec | None, style: str, quoted: str, recent: bool = False
    ) -> dict[str, Any]:
        """Article ``number``: about ``spec`` (report or cover), or about something else
        (``recent``: of the last two days)."""
        rng = random.Random(f"{self.seed}:a{number}")
        body = [self.pool[rng.randrange(len(self.pool))] for _ in range(rng.randint(6, 40))]
        if spec is None:
            when = END - timedelta(days=2 * rng.random()) if recent else self.when(rng)
            if rng.random() < 0.4:
                speaker = rng.randrange(len(self.speakers))
                body.insert(1, f"{self.speakers[speaker]} {rng.choice(REPORTING)} nothing new.")
            return {"when": when, "title": body[0][:70], "text": " ".join(body), "quote": None}
        name = self.speakers[spec.speaker]
        surname = name.split()[-1]
        when = spec.said + timedelta(hours=rng.uniform(0.5, 24 * (5 if style != "covers" else 6)))
        topic_words = [w for w in spec.text.rstrip(".!").split() if len(w) > 5][:4]
        lead = (
            f"{self.titles[spec.speaker]} {name} {rng.choice(REPORTING)} on {spec.said:%A} "
            f"that {self.sentence(rng, topic_words[:2]).lower()}"
        )
        quote_at = None
        if style == "covers":
            middle = f"{surname} spoke about {' and '.join(topic_words[:3]) or 'the matter'}."
        elif style == "reported":
            middle = f"{surname} {rng.choice(REPORTING)} that {quoted[0].lower()}{quoted[1:]}."
        else:
            middle = f"“{quoted},” {surname} {rng.choice(REPORTING)}."
        paragraphs = [lead, *body[: len(body) // 3], middle, *body[len(body) // 3 :]]
        text = " ".join(paragraphs)
        if style in ("full", "fragment", "edited"):
            quote_at = text.index(f"“{quoted}") + 1
        title = f"{surname}: {' '.join(topic_words[:3])}".strip()
        return {"when": when, "title": title, "text": text, "quote": quote_at}


# ----------------------------------------------------------------------- loading


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def load_people(store: Store, world: World) -> tuple[list[int], list[int], list[int]]:
    with store.engine.begin() as conn:
        speakers = insert_speakers(conn, world.speakers)
        official = insert_rows(
            conn,
            Source,
            [
                {"name": f"official-{i}", "kind": "feed", "url": f"https://gov{i}.example/rss",
                 "role": "statements", "config": {}}
                for i in range(world.n_official)
            ],
        )  # fmt: skip
        news = insert_rows(
            conn,
            Source,
            [
                {"name": f"news-{i}", "kind": "feed", "url": f"https://news{i}.example/rss",
                 "role": "news", "config": {}}
                for i in range(world.n_news)
            ],
        )  # fmt: skip
    return speakers, official, news


def insert_documents(conn: Any, docs: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Insert documents (with their first version); (document id, version id) each."""
    doc_ids = insert_rows(conn, Document, docs)
    version_ids = insert_rows(
        conn,
        DocumentVersion,
        [
            {
                "document_id": did,
                "number": 1,
                "fetched_at": d["first_seen_at"],
                "content_sha256": _sha(d["text"]),
                "title": d["title"],
                "text": d["text"],
            }
            for did, d in zip(doc_ids, docs, strict=True)
        ],
    )
    return list(zip(doc_ids, version_ids, strict=True))


def _document(url: str, source_id: int, kind: str, title: str, text: str, when: datetime) -> dict:
    return {
        "url": url,
        "source_id": source_id,
        "kind": kind,
        "title": title,
        "lang": "en",
        "text": text,
        "published_at": when,
        "published_precision": "minute",
        "published_from": "json-ld",
        "first_seen_at": when,
        "last_seen_at": when,
    }


@dataclass
class Loaded:
    """Where the generated articles went, to attach occurrences when quotations load."""

    # quotation index -> [(document id, version id, style, quoted words, start, parsed, named)]
    reports: dict[int, list[tuple[int, int, str, str, int, bool, bool]]] = field(
        default_factory=dict
    )


def load_articles(
    store: Store,
    world: World,
    news: list[int],
    specs: Iterable[Spec],
    total: int,
    first_number: int = 0,
    recent: bool = False,
    batch: int = 5000,
) -> dict[str, Any]:
    """News articles: the reports and covers of ``specs``, then others up to ``total``.

    ``recent``: the others are of the last two days (a day's crawl), not of any time.
    """
    started = time.perf_counter()
    loaded = Loaded()
    number = first_number
    pending: list[tuple[dict, int | None, tuple | None]] = []
    chars = 0
    words: list[int] = []

    def flush() -> None:
        nonlocal chars
        with store.engine.begin() as conn:
            ids = insert_documents(conn, [p[0] for p in pending])
        for (doc, index, report), (doc_id, version_id) in zip(pending, ids, strict=True):
            chars += len(doc["text"])
            words.append(doc["text"].count(" ") + 1)
            if index is not None and report is not None:
                loaded.reports.setdefault(index, []).append((doc_id, version_id, *report))
        pending.clear()

    def add(art: dict[str, Any], index: int | None, report: tuple | None) -> None:
        doc = _document(
            f"https://news.example/{number}", news[number % len(news)], "article",
            art["title"], art["text"], art["when"],
        )  # fmt: skip
        pending.append((doc, index, report))
        if len(pending) >= batch:
            flush()
            if (number - first_number) % 50000 < batch:
                print(f"  articles: {number - first_number:,}", file=sys.stderr)

    reporting = 0
    for spec in specs:
        for _, style, quoted, parsed, named in spec.reports:
            number += 1
            reporting += 1
            art = world.article(number, spec, style, quoted)
            found = parsed and art["quote"] is not None
            add(art, spec.index, (style, quoted, art["quote"] or 0, found, named))
    while number - first_number < total:
        number += 1
        add(world.article(number, None, "", "", recent=recent), None, None)
    if pending:
        flush()
    count = number - first_number
    seconds = time.perf_counter() - started
    return {
        "articles": count,
        "reporting_or_covering": reporting,
        "mean_chars": round(chars / max(count, 1)),
        "words_p10_p50_p90": [sorted(words)[int(len(words) * q)] for q in (0.1, 0.5, 0.9)],
        "seconds": round(seconds, 1),
        "loaded": loaded,
    }


def _quotation_row(text: str, speaker_id: int | None, said: datetime) -> dict[str, Any]:
    normalized = normalize_words(text)
    return {
        "text": text,
        "normalized": normalized,
        "norm_hash": hashlib.sha1(normalized.encode()).hexdigest(),
        "speaker_id": speaker_id,
        "lang": "en",
        "first_said_at": said,
        "first_said_precision": "minute",
        "created_at": said,
    }


def _occurrence_row(
    quotation: dict[str, Any], doc: int, version: int, at: int, text: str, **values: Any
) -> dict[str, Any]:
    return {
        "quotation": quotation,
        "document_id": doc,
        "version_id": version,
        "start": at,
        "end": at + len(text),
        "text": text,
        "cue": "said",
        "confidence": 0.9,
        "context": text,
        "said_precision": "minute",
        "created_at": values["said_at"],
        **values,
    }


def load_quotations(
    store: Store,
    world: World,
    indexes: range,
    speakers: list[int],
    official: list[int],
    loaded: Loaded | None,
    recent: bool = False,
    offset: int = 0,
    bases: dict[int, int] | None = None,
) -> int:
    """Quotations ``indexes`` with their statements and the occurrences the parser found.

    ``bases`` receives quotation index -> id of the statement's quotation.
    """
    specs = [world.spec(i + offset, recent) for i in indexes]
    rows = 0
    for start in range(0, len(specs), 5000):
        chunk = specs[start : start + 5000]
        statements = [
            _document(
                f"https://gov{s.official_source}.example/{s.index}",
                official[s.official_source],
                "statement",
                s.text[:70],
                s.statement,
                s.said,
            )
            for s in chunk
        ]
        quotations: list[dict[str, Any]] = []
        occurrences: list[dict[str, Any]] = []
        statement_quotations: list[tuple[Spec, dict[str, Any]]] = []
        with store.engine.begin() as conn:
            ids = insert_documents(conn, statements)
            for spec, (doc_id, version_id) in zip(chunk, ids, strict=True):
                speaker_id = speakers[spec.speaker]
                base = _quotation_row(spec.text, speaker_id, spec.said)
                quotations.append(base)
                statement_quotations.append((spec, base))
                at = spec.statement.index(spec.text)
                occurrences.append(
                    _occurrence_row(
                        base, doc_id, version_id, at, spec.text,
                        speaker_id=speaker_id, said_at=spec.said, kind="full",
                    )
                )  # fmt: skip
                reports = loaded.reports.get(spec.index, []) if loaded else []
                for doc, version, style, quoted, at, parsed, named in reports:
                    if not parsed:
                        continue
                    said = spec.said + timedelta(hours=6)
                    who = speaker_id if named else None
                    if style == "full" or normalize_words(quoted) == base["normalized"]:
                        quotation = base
                    else:  # a fragment or an edit: a quotation of its own until grouped
                        quotation = _quotation_row(quoted, who, said)
                        quotations.append(quotation)
                    occurrences.append(
                        _occurrence_row(
                            quotation, doc, version, at, quoted,
                            speaker_id=who, said_at=said, kind=style,
                        )
                    )  # fmt: skip
            for row, qid in zip(quotations, insert_rows(conn, Quotation, quotations), strict=True):
                row["id"] = qid
            for row in occurrences:
                row["quotation_id"] = row.pop("quotation")["id"]
            if bases is not None:
                bases.update((spec.index, row["id"]) for spec, row in statement_quotations)
            insert_rows(conn, Occurrence, occurrences)
            rows += len(quotations)
    return rows


# ------------------------------------------------------------------- accuracy


def accuracy(store: Store, loaded: Loaded, bases: dict[int, int]) -> dict[str, Any]:
    """Links of the statements' quotations against the articles written about them.

    The generator knows which articles report or cover which quotation;
    this is a sanity check of the job at scale, not the labelled evaluation
    (tests/linking/labelled.py), since the text is synthetic.
    """
    expected: dict[tuple[int, int], str] = {}
    for index, reports in loaded.reports.items():
        if index in bases:
            for doc, _, style, *_ in reports:
                expected[(bases[index], doc)] = "covers" if style == "covers" else "reports"
    found: dict[tuple[int, int], str] = {}
    with store.session() as session:
        ids = sorted(bases.values())
        for start in range(0, len(ids), 5000):
            for qid, doc, kind in session.execute(
                select(Link.quotation_id, Link.document_id, Link.kind).where(
                    Link.quotation_id.in_(ids[start : start + 5000])
                )
            ):
                found[(qid, doc)] = kind
    right = set(found) & set(expected)
    by_kind = {}
    for kind in ("reports", "covers"):
        wanted = [k for k, v in expected.items() if v == kind]
        by_kind[kind] = round(sum(k in found for k in wanted) / max(1, len(wanted)), 4)
    return {
        "expected_links": len(expected),
        "found_links": len(found),
        "precision": round(len(right) / max(len(found), 1), 4),
        "recall": round(len(right) / max(len(expected), 1), 4),
        "kind_agreement": round(
            sum(found[k] == expected[k] for k in right) / max(len(right), 1), 4
        ),
        "recall_by_kind": by_kind,
    }


# ------------------------------------------------------------------------- runs


def timed_run(store: Store, keep: bool) -> dict[str, Any]:
    """One linking run in its own transaction: committed when ``keep``, else rolled back."""
    with store.sessions() as session:
        report = run_linking(session)
        if keep:
            session.commit()
        else:
            session.rollback()
    figures = report.to_json()
    figures.pop("watermarks", None)
    print(
        f"  {report.seconds:8.1f} s  quotations {report.quotations_linked:,}, "
        f"articles {report.articles_examined:,}, merged {report.quotations_merged:,}, "
        f"links {report.links_added}, stages {report.stages}",
        file=sys.stderr,
    )
    return figures


def count(store: Store, model: type) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="database URL (default: a new SQLite file in bench/out/)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0: 100,000 quotations, 500,000 articles"
    )
    parser.add_argument("--json", action="store_true", help="last line only: the JSON figures")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--verbose", action="store_true", help="log the job's stages")
    args = parser.parse_args()
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="    %(message)s")

    db = args.db
    if not db:
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        db = str(out / f"link-{args.scale:g}.db")
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    store = open_store(db, upgrade=True)
    if count(store, Document):
        sys.exit(f"{db} is not empty: give an empty database")
    world = World(args.seed, args.scale)
    figures: dict[str, Any] = {
        "benchmark": "link",
        "backend": store.backend,
        "scale": args.scale,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    print(f"loading {world.articles:,} articles ...", file=sys.stderr)
    speakers, official, news = load_people(store, world)
    articles = load_articles(
        store, world, news, (world.spec(i) for i in range(world.bases)), world.articles
    )
    loaded = articles.pop("loaded")
    figures["load_articles"] = articles
    print(f"  {articles}", file=sys.stderr)

    growth = []
    done = 0
    bases: dict[int, int] = {}
    for share in (0.1, 0.3, 1.0):
        upto = math.ceil(world.bases * share)
        t0 = time.perf_counter()
        load_quotations(store, world, range(done, upto), speakers, official, loaded, bases=bases)
        done = upto
        n = count(store, Quotation)
        print(
            f"{n:,} quotations loaded ({time.perf_counter() - t0:.0f} s); full run:",
            file=sys.stderr,
        )
        if store.backend == "postgresql":
            with store.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
        run = timed_run(store, keep=share == 1.0)
        growth.append({"quotations": n, "articles": articles["articles"], **run})
    figures["growth"] = growth
    base_seconds = growth[0]["seconds"]
    figures["growth_ratio"] = {
        f"{g['quotations']:,}": round(g["seconds"] / base_seconds, 2) for g in growth
    }
    figures["links"] = count(store, Link)
    figures["accuracy"] = accuracy(store, loaded, bases)
    print(f"  accuracy against the generator: {figures['accuracy']}", file=sys.stderr)

    print(
        "a crawl: 1,000 new quotations of the last week, the articles that report or cover "
        "them and 2,000 others of the last two days; incremental run:",
        file=sys.stderr,
    )
    fresh = [world.spec(FRESH + i, recent=True) for i in range(1000)]
    fresh_articles = load_articles(
        store, world, news, fresh, sum(len(f.reports) for f in fresh) + 2000, FRESH, True
    )
    fresh_loaded = fresh_articles.pop("loaded")
    fresh_bases: dict[int, int] = {}
    load_quotations(
        store, world, range(1000), speakers, official, fresh_loaded,
        recent=True, offset=FRESH, bases=fresh_bases,
    )  # fmt: skip
    figures["incremental_fresh"] = {
        "new_articles_loaded": fresh_articles["articles"],
        **timed_run(store, keep=True),
        "accuracy": accuracy(store, fresh_loaded, fresh_bases),
    }
    print("nothing new:", file=sys.stderr)
    figures["incremental_nothing_new"] = timed_run(store, keep=True)
    print("1,000 new quotations spread over all the years (backfill):", file=sys.stderr)
    load_quotations(store, world, range(1000), speakers, official, None, offset=BACKFILL)
    figures["incremental_backfill"] = timed_run(store, keep=False)
    store.close()
    summary = {
        "full_seconds": growth[-1]["seconds"],
        "incremental_seconds": figures["incremental_fresh"]["seconds"],
        "goal_full_seconds": 600 * args.scale,
        "goal_incremental_seconds": 10,
    }
    figures["summary"] = summary
    if not args.json:
        print(json.dumps(figures, indent=2), file=sys.stderr)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
