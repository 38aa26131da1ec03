"""Search benchmark: load N synthetic quotations, then time word, phrase and filtered queries.

Run by hand, never in CI:

    python bench/search.py                          # 1,000,000 quotations, SQLite file
    python bench/search.py --db postgresql://postgres@127.0.0.1/bench_search
    python bench/search.py --n 100000 --json        # last line: one JSON object of figures

The database must be empty (a fresh SQLite file is made under bench/out/ by
default); ``--reuse`` skips the load and only times the queries again.

The corpus is synthetic but shaped like the real thing: quotations of 6 to
45 words drawn from a Zipf-distributed vocabulary of political news (common
words frequent, names and places rare), said by 5,000 speakers over sixteen
years, in documents of 300 sources (statements, posts, articles), about four
quotations a document. Queries are built from what the corpus holds, as a
user's would be: single content words, two content words, phrases of 2-4
words that begin and end with a content word (a remembered fragment), and a
word with a speaker (full name or surname) and a date range of 1-4 years.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from vocabulary import CONTENT_WORDS, FUNCTION_WORDS  # noqa: E402

from store.bulk import insert_rows, insert_speakers  # noqa: E402
from store.db import open_store  # noqa: E402
from store.models import (  # noqa: E402
    Document,
    DocumentVersion,
    Occurrence,
    Quotation,
    Source,
)
from store.queries import SearchParams, search_quotations  # noqa: E402
from store.text import normalize_words  # noqa: E402

DOMAIN_WORDS = CONTENT_WORDS

PLACES = (
    "Karabakh Azerbaijan Turkey Armenia Georgia Russia Ukraine Europe Brussels Geneva "
    "Ankara Baku Yerevan Moscow Kyiv Washington Paris Berlin Madrid London Istanbul Tbilisi "
    "Caucasus Caspian Mediterranean Balkans Syria Iran Iraq Israel Gaza Lebanon Egypt China "
    "India Japan Brazil Canada Poland Hungary Romania Bulgaria Greece Cyprus Serbia Kosovo"
).split()
FIRST_NAMES = (
    "Ali Mehmet Ayşe Fatma Elif İlham Leyla Rəşad Nigar Anar Viktor Sergey Olga Irina Dmitri "
    "Anna Marie Claire Jean Pierre Hans Greta Jürgen Lena Carlos María José Lucía Pablo "
    "John Mary James Sarah David Laura Ahmed Amina Omar Yusuf Zeynep Emre Kerem Selin"
).split()
LAST_NAMES = (
    "Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Əliyev Məmmədov Həsənov Quliyev Sorel Volkov "
    "Petrov Ivanova Smirnov Dubois Martin Lefèvre Müller Schmidt Schröder Weiß García "
    "López Martínez Fernández Smith Johnson Brown Taylor Haddad Nasser Khalil Aksoy Arslan "
    "Koç Polat Erdem Güneş Kurt Özdemir Nowak Kowalski Horváth Popescu Papadopoulos"
).split()
TITLES = ["President", "Minister", "Foreign Minister", "Spokesperson", "Senator", "Ambassador"]
SOURCE_KINDS = [("statements", "statement"), ("statements", "post"), ("news", "article")]
START = datetime(2010, 1, 1, tzinfo=UTC)
SPAN_SECONDS = int((datetime(2026, 1, 1, tzinfo=UTC) - START).total_seconds())


class Corpus:
    """Deterministic generator of speakers, sources, documents and quotations."""

    def __init__(self, seed: int, n_speakers: int = 5000, n_sources: int = 300) -> None:
        self.rng = random.Random(seed)
        rare = self._rare_words(4000)
        # Zipf weights: rank r gets 1/r. Function words first, then domain words,
        # places, and a long tail of rare words (names, technical terms).
        self.vocab = FUNCTION_WORDS + DOMAIN_WORDS + PLACES + rare
        weights = [1.0 / (rank + 1) ** 0.95 for rank in range(len(self.vocab))]
        total = sum(weights)
        self.cum = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cum.append(acc)
        self.speakers = [self._speaker_name() for _ in range(n_speakers)]
        self.sources = [
            (f"source-{i:03d}", *SOURCE_KINDS[i % len(SOURCE_KINDS)]) for i in range(n_sources)
        ]

    def _rare_words(self, n: int) -> list[str]:
        syllables = "ka ra ba la mi so ne tu vo de ri an el or ist ov yev oğ lu ça şe".split()
        words = set()
        while len(words) < n:
            words.add("".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4))))
        return sorted(words)

    def _speaker_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def words(self, n: int) -> list[str]:
        from bisect import bisect_left

        return [
            self.vocab[min(bisect_left(self.cum, self.rng.random()), len(self.vocab) - 1)]
            for _ in range(n)
        ]

    def sentence(self) -> str:
        n = int(min(45, max(6, self.rng.lognormvariate(2.8, 0.45))))
        words = self.words(n)
        words[0] = words[0].capitalize()
        return " ".join(words) + self.rng.choice([".", ".", ".", "!", "?"])

    def when(self) -> datetime:
        return START + timedelta(seconds=self.rng.randrange(SPAN_SECONDS))


def load(store, corpus: Corpus, n: int, batch: int = 50000) -> dict[str, float]:
    """Insert N quotations (with their documents, versions and occurrences); time it."""
    spent = 0.0  # seconds inside the store: folding, hashing, inserting (not generating)
    t0 = time.perf_counter()
    with store.engine.begin() as conn:
        speaker_ids = insert_speakers(conn, corpus.speakers)
        source_ids = insert_rows(
            conn,
            Source,
            [
                {
                    "name": name,
                    "kind": "feed",
                    "url": f"https://{name}.example/rss",
                    "role": role,
                    "config": {},
                }
                for name, role, _ in corpus.sources
            ],
        )
    jobs = 2 if store.backend == "postgresql" else 1  # SQLite has one writer at a time
    done = documents = 0
    batches = _batches(corpus, n, batch, speaker_ids, source_ids)
    with ThreadPoolExecutor(jobs) as pool:
        while True:
            chunk = list(islice(batches, jobs))  # generated first: not part of the rate
            if not chunk:
                break
            t0 = time.perf_counter()
            for future in [pool.submit(_write_batch, store, *b) for b in chunk]:
                future.result()
            spent += time.perf_counter() - t0
            done += sum(len(b[2]) for b in chunk)
            documents += sum(len(b[0]) for b in chunk)
            print(f"  loaded {done:,} quotations ({done / spent:,.0f}/s)", file=sys.stderr)
    return {
        "quotations": n,
        "documents": documents,
        "seconds": round(spent, 1),
        "quotations_per_second": round(n / spent),
        "writers": jobs,
    }


def _batches(
    corpus: Corpus, n: int, batch: int, speaker_ids: list[int], source_ids: list[int]
) -> Iterator[tuple[list, list, list]]:
    """The generated corpus, a batch at a time: (documents, versions, quotations)."""
    done = 0
    doc_no = 0
    while done < n:
        size = min(batch, n - done)
        docs, versions_text, quotes = [], [], []
        while len(quotes) < size:
            doc_no += 1
            src = corpus.rng.randrange(len(corpus.sources))
            published = corpus.when()
            speaker = corpus.rng.randrange(len(speaker_ids))
            sentences = [corpus.sentence() for _ in range(corpus.rng.randint(1, 7))]
            text_ = " ".join(f'"{s}" said {corpus.speakers[speaker]}.' for s in sentences)
            docs.append(
                {
                    "url": f"https://{corpus.sources[src][0]}.example/{doc_no}",
                    "source_id": source_ids[src],
                    "kind": corpus.sources[src][2],
                    "title": sentences[0][:80],
                    "lang": "en",
                    "text": text_,
                    "published_at": published,
                    "published_precision": "second",
                    "published_from": "json-ld",
                    "first_seen_at": published,
                    "last_seen_at": published,
                }
            )
            versions_text.append((text_, sentences[0][:80], published))
            offset = 0
            for s in sentences[: size - len(quotes)]:
                start = text_.index(s, offset)
                offset = start + len(s)
                quotes.append((len(docs) - 1, s, start, speaker_ids[speaker], published))
        done += size
        yield docs, versions_text, quotes


def _write_batch(store, docs: list, versions_text: list, quotes: list) -> None:
    """One batch into the store in one transaction: what the load rate measures."""
    with store.engine.begin() as conn:
        doc_ids = insert_rows(conn, Document, docs)
        version_ids = insert_rows(
            conn,
            DocumentVersion,
            [
                {
                    "document_id": did,
                    "number": 1,
                    "fetched_at": when,
                    "content_sha256": hashlib.sha256(t.encode()).hexdigest(),
                    "title": title,
                    "text": t,
                }
                for did, (t, title, when) in zip(doc_ids, versions_text, strict=True)
            ],
        )
        rows = []
        for _, words, _, speaker_id, when in quotes:
            normalized = normalize_words(words)
            rows.append(
                {
                    "text": words,
                    "normalized": normalized,
                    "norm_hash": hashlib.sha1(normalized.encode()).hexdigest(),
                    "speaker_id": speaker_id,
                    "lang": "en",
                    "first_said_at": when,
                    "first_said_precision": "second",
                    "created_at": when,
                }
            )
        quote_ids = insert_rows(conn, Quotation, rows)
        insert_rows(
            conn,
            Occurrence,
            [
                {
                    "quotation_id": qid,
                    "document_id": doc_ids[d],
                    "version_id": version_ids[d],
                    "start": start,
                    "end": start + len(words),
                    "text": words,
                    "speaker_id": speaker_id,
                    "cue": "said",
                    "confidence": 0.9,
                    "context": words,
                    "said_at": when,
                    "said_precision": "second",
                    "kind": "full",
                    "created_at": when,
                }
                for qid, (d, words, start, speaker_id, when) in zip(quote_ids, quotes, strict=True)
            ],
        )


def sample_queries(store, corpus: Corpus, count: int) -> dict[str, list[SearchParams]]:
    """Queries built from what the corpus holds: words, phrases, and filtered searches."""
    rng = random.Random(7)
    stop = set(FUNCTION_WORDS)
    with store.session() as s:
        max_id = s.scalar(select(func.max(Quotation.id))) or 1
        texts = []
        while len(texts) < count * 6:
            q = s.get(Quotation, rng.randint(1, max_id))
            if q is not None:
                texts.append((q.text, q.speaker.name if q.speaker else None, q.first_said_at))
    queries: dict[str, list[SearchParams]] = {
        "word": [],
        "two_words": [],
        "phrase": [],
        "filtered": [],
    }
    for text_, speaker, said in texts:
        all_words = normalize_words(text_).split()
        words = [w for w in all_words if w not in stop]
        kind = min(queries, key=lambda k: len(queries[k]))  # fill the four kinds evenly
        if len(queries[kind]) >= count or not words:
            continue
        if kind == "word":
            queries[kind].append(SearchParams(rng.choice(words)))
        elif kind == "two_words" and len(words) >= 2:
            queries[kind].append(SearchParams(" ".join(rng.sample(words, 2))))
        elif kind == "phrase":
            # A fragment as people remember a quotation: 2 to 4 words that
            # begin and end with a content word ("Karabakh is Azerbaijan").
            size = rng.randint(2, 4)
            starts = [
                i
                for i in range(len(all_words) - size + 1)
                if all_words[i] not in stop and all_words[i + size - 1] not in stop
            ]
            if starts:
                i = rng.choice(starts)
                queries[kind].append(SearchParams('"' + " ".join(all_words[i : i + size]) + '"'))
        elif kind == "filtered" and speaker and said:
            queries[kind].append(
                SearchParams(
                    rng.choice(words),
                    speaker=speaker.split()[-1] if rng.random() < 0.5 else speaker,
                    since=said - timedelta(days=rng.randint(30, 730)),
                    until=said + timedelta(days=rng.randint(30, 730)),
                )
            )
    return queries


def time_queries(store, queries: dict[str, list[SearchParams]]) -> dict[str, dict[str, float]]:
    """Latency of search_quotations (count + first page + summaries) per query type."""
    results = {}
    with store.session() as s:
        for params in queries["word"][:5]:  # warm the caches
            search_quotations(s, params)
        for kind, batch in queries.items():
            times, totals = [], []
            for params in batch:
                t0 = time.perf_counter()
                page = search_quotations(s, params)
                times.append((time.perf_counter() - t0) * 1000)
                totals.append(page.total)
            times.sort()
            results[kind] = {
                "queries": len(times),
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
                "max_ms": round(times[-1], 1),
                "median_hits": int(statistics.median(totals)),
            }
            print(f"  {kind:<10} {results[kind]}", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="database URL (default: a new SQLite file in bench/out/)")
    parser.add_argument("--n", type=int, default=1_000_000, help="quotations to load")
    parser.add_argument("--queries", type=int, default=200, help="queries of each type")
    parser.add_argument("--reuse", action="store_true", help="skip the load (already loaded)")
    parser.add_argument("--json", action="store_true", help="last line: one JSON object")
    args = parser.parse_args()

    db = args.db
    if not db:
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        db = str(out / f"search-{args.n}.db")
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(db + suffix).unlink(missing_ok=True)
    store = open_store(db, upgrade=True)
    corpus = Corpus(seed=42)
    figures: dict[str, object] = {
        "benchmark": "search",
        "backend": store.backend,
        "n": args.n,
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    with store.session() as s:
        existing = s.scalar(select(func.count()).select_from(Quotation)) or 0
    if args.reuse:
        figures["load"] = None
    elif existing:
        sys.exit(f"{db} already holds {existing:,} quotations: give an empty database or --reuse")
    else:
        figures["load"] = load(store, corpus, args.n)
        if store.backend == "postgresql":
            with store.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
    figures["search"] = time_queries(store, sample_queries(store, corpus, args.queries))
    store.close()
    if args.json:
        print(json.dumps(figures))
    else:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
