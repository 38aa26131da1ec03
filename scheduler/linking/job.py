"""The linking job: group near-duplicate quotations, then link quotations to news articles.

Incremental through watermarks in JobState "linking" (the highest quotation,
occurrence and document version ids handled):

1. quotations created or given an occurrence since the last run are grouped
   with their speaker's quotations (scheduler.linking.merging);
2. those quotations, and the survivors of merges, are linked against every
   news article published in their time windows, old or new (pass A);
3. news articles new or edited since the last run are linked against every
   older quotation said in their time windows (pass B);
4. articles in which the parser found a quotation report it, whenever
   published (occurrences in news documents).

The first run is the full run: every quotation against every article, in
one pass over the articles. A run with nothing new reads three maximum ids
and stops; running twice changes nothing.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scheduler.linking.evidence import (
    ArticleMatcher,
    Found,
    QuoteProfile,
    article_window,
    merge_intervals,
    quotation_window,
    quoted_in,
)
from scheduler.linking.links import save_links
from scheduler.linking.loading import (
    article_ids,
    article_times,
    changed_article_ids,
    load_profiles,
    occurrence_pairs,
    read_articles,
)
from scheduler.linking.merging import group_quotations, touched_since
from scheduler.linking.vocabulary import Vocabulary, load_vocabulary
from store.db import Store
from store.models import DocumentVersion, JobState, Occurrence, Quotation, utcnow

JOB_NAME = "linking"
log = logging.getLogger("onrecord.linking")


@dataclass
class LinkingReport:
    """What one run did, for people (the CLI summary) and programs (``--json``)."""

    full: bool = False  # the first run: everything against everything
    nothing_new: bool = False
    quotations_examined: int = 0  # new or changed quotations grouped
    quotations_merged: int = 0  # near duplicates merged into another quotation
    groups: int = 0  # quotations that absorbed near duplicates
    quotations_linked: int = 0  # quotations linked against all articles (pass A)
    articles_examined: int = 0  # articles read, in both passes
    new_articles: int = 0  # articles new or edited since the last run (pass B)
    links_added: dict[str, int] = field(default_factory=lambda: {"reports": 0, "covers": 0})
    links_updated: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    watermarks: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@contextmanager
def _stage(report: LinkingReport, name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        report.stages[name] = round(report.stages.get(name, 0.0) + time.perf_counter() - start, 3)
        log.info("linking: %s done in %.1f s", name, report.stages[name])


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The article scan makes millions of short-lived tuples and no cycles:
    the cycle collector would only rescan the indexes, again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _snapshot(session: Session) -> dict[str, int]:
    return {
        "quotation_id": session.scalar(select(func.max(Quotation.id))) or 0,
        "occurrence_id": session.scalar(select(func.max(Occurrence.id))) or 0,
        "version_id": session.scalar(select(func.max(DocumentVersion.id))) or 0,
    }


def _scan(matcher: ArticleMatcher, session: Session, ids: list[int]) -> list[Found]:
    found: list[Found] = []
    with _no_cyclic_gc():
        for n, article in enumerate(read_articles(session, ids), 1):
            found.extend(matcher.match(article))
            if n % 50000 == 0:
                log.info("linking: %d of %d articles read", n, len(ids))
    return found


def _quoted(
    profiles: dict[int, QuoteProfile], pairs: list[tuple[int, int, str, Any]]
) -> list[Found]:
    return [
        quoted_in(profiles[qid], doc_id, text, when)
        for qid, doc_id, text, when in pairs
        if qid in profiles
    ]


def _link_quotations(
    session: Session, report: LinkingReport, vocabulary: Vocabulary, ids: set[int] | None
) -> tuple[list[Found], set[int]]:
    """Pass A: quotations ``ids`` (None: all) against every article in their windows."""
    with _stage(report, "read quotations"):
        profiles, names = load_profiles(session, vocabulary, ids=ids)
        report.quotations_linked = len(profiles)
        if not profiles:
            return [], set()
        if ids is None:
            articles = article_ids(session, None)
        else:
            windows = [article_window(p.time) for p in profiles if p.time is not None]
            articles = article_ids(session, merge_intervals(windows))
        report.articles_examined += len(articles)
        matcher = ArticleMatcher(profiles, names, vocabulary.common_words())
    with _stage(report, "scan articles"):
        found = _scan(matcher, session, articles)
    with _stage(report, "read occurrences"):
        by_id = {p.id: p for p in profiles}
        found = _quoted(by_id, occurrence_pairs(session, quotation_ids=ids)) + found
    return found, set(by_id)


def _link_articles(
    session: Session, report: LinkingReport, vocabulary: Vocabulary, ids: list[int], done: set[int]
) -> list[Found]:
    """Pass B: new articles ``ids`` against every older quotation in their windows."""
    windows = merge_intervals(quotation_window(t) for t in article_times(session, ids))
    profiles, names = load_profiles(session, vocabulary, intervals=windows, exclude=done)
    report.articles_examined += len(ids)
    matcher = ArticleMatcher(profiles, names, vocabulary.common_words())
    found = _scan(matcher, session, ids) if profiles else []
    pairs = [p for p in occurrence_pairs(session, document_ids=ids) if p[0] not in done]
    by_id = {p.id: p for p in profiles}
    missing = {qid for qid, *_ in pairs} - set(by_id)
    if missing:  # quotations said long before: linked by the parser's finding alone
        by_id.update({p.id: p for p in load_profiles(session, vocabulary, ids=missing)[0]})
    return _quoted(by_id, pairs) + found


def _run(session: Session) -> LinkingReport:
    report = LinkingReport()
    started = time.perf_counter()
    session.flush()
    job = session.get(JobState, JOB_NAME)
    previous = dict(job.state) if job is not None else {}
    snapshot = _snapshot(session)
    report.watermarks = snapshot
    if previous and all(previous.get(k, 0) >= v for k, v in snapshot.items()):
        report.nothing_new = True
        report.seconds = round(time.perf_counter() - started, 3)
        return report
    report.full = not previous
    found: list[Found] = []
    with _stage(report, "grouping"):
        touched = (
            None
            if report.full
            else touched_since(session, previous["quotation_id"], previous["occurrence_id"])
        )
        grouping = group_quotations(session, touched)
        report.quotations_examined = grouping.examined
        report.quotations_merged = len(grouping.merged_ids)
        report.groups = len(grouping.groups)
    with _stage(report, "vocabulary"):
        vocabulary = load_vocabulary(session)
    to_link = None if touched is None else (touched - grouping.merged_ids)
    if to_link is not None:
        to_link |= grouping.survivor_ids
    done: set[int] = set()
    if to_link is None or to_link:
        found, done = _link_quotations(session, report, vocabulary, to_link)
    if not report.full:
        with _stage(report, "new articles"):
            new_articles = changed_article_ids(session, previous["version_id"])
            report.new_articles = len(new_articles)
            if new_articles:
                found += _link_articles(session, report, vocabulary, new_articles, done)
    with _stage(report, "write links"):
        saved = save_links(session, found)
        report.links_added = saved.added
        report.links_updated = saved.updated
        if job is None:
            session.add(JobState(name=JOB_NAME, state=snapshot))
        else:
            job.state = snapshot
            job.updated_at = utcnow()
        session.flush()
    session.expire_all()  # rows changed under the ORM's feet (Core updates)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def run_linking(target: Store | Session) -> LinkingReport:
    """Run the linking job once: in a session of its own for a Store, or in the caller's."""
    if isinstance(target, Store):
        with target.session() as session:
            return _run(session)
    return _run(target)
