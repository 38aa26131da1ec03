"""What users ask of the store: search, one quotation in full, speakers.

Each function takes a session and returns plain dataclasses whose
``to_json()`` gives the shapes of the CLI's ``--json`` and of the JSON API.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    case,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased, joinedload

from store.errors import InvalidQuery, NotFound
from store.models import (
    Document,
    Link,
    MergedQuotation,
    Occurrence,
    OccurrenceCoSpeaker,
    Quotation,
    Source,
    Speaker,
    SpeakerAlias,
)
from store.search import (
    RANK_WINDOW,
    Match,
    ParsedQuery,
    fuzzy_rewrite,
    parse_query,
    postgresql_match,
    sqlite_match,
)
from store.speakers import find_speakers

MAX_LIMIT = 1000


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class SearchParams:
    """A search as the user asked it (CLI options or API parameters)."""

    query: str
    speaker: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    sources: list[str] = field(default_factory=list)
    kind: str | None = None
    lang: str | None = None
    limit: int = 20
    offset: int = 0
    fuzzy: bool = True  # fall back to fuzzy matching when nothing matches exactly


@dataclass
class QuoteItem:
    """One search hit: a quotation with where it was first said."""

    id: int
    text: str
    speaker: str | None
    speaker_id: int | None
    said_at: str | None
    said_precision: str | None
    url: str | None
    source: str | None
    document_id: int | None
    title: str | None
    context: str | None
    kind: str | None
    lang: str | None
    occurrences: int
    score: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SearchPage:
    total: int  # exact up to RANK_WINDOW; above, "more than RANK_WINDOW" (total_exact false)
    items: list[QuoteItem]
    match: str = "exact"  # or "fuzzy" when only the fuzzy fallback found something
    note: str | None = None  # something the user should know (an unknown speaker...)
    total_exact: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "total_exact": self.total_exact,
            "items": [i.to_json() for i in self.items],
            "match": self.match,
            "note": self.note,
        }


# ------------------------------------------------------------------------ search


@dataclass
class _Filters:
    speaker_ids: list[int] | None  # None: any speaker
    conditions: list[ColumnElement[bool]]  # on Quotation
    note: str | None
    joint_ids: list[int] = field(default_factory=list)  # quotations they said with others


def _filters(session: Session, params: SearchParams) -> _Filters:
    """The filters as speaker ids and SQL conditions; a note when a filter matches nothing."""
    conditions: list[ColumnElement[bool]] = []
    note = None
    speaker_ids = None
    joint_ids: list[int] = []
    if params.speaker:
        speaker_ids = [s.id for s in find_speakers(session, params.speaker)]
        if not speaker_ids:
            note = f"no speaker matches {params.speaker!r} (see `onrecord speakers`)"
        else:
            joint_ids = joint_quotations(session, speaker_ids)
    if params.since:
        conditions.append(Quotation.first_said_at >= params.since)
    if params.until:
        conditions.append(Quotation.first_said_at <= params.until)
    if params.lang:
        conditions.append(Quotation.lang == params.lang)
    if params.sources or params.kind:
        sub = select(Occurrence.id).join(Document, Occurrence.document_id == Document.id)
        where = [Occurrence.quotation_id == Quotation.id]
        if params.kind:
            where.append(Document.kind == params.kind)
        if params.sources:
            sub = sub.join(Source, Document.source_id == Source.id)
            where.append(Source.name.in_(params.sources))
        conditions.append(exists(sub.where(*where)))
    return _Filters(speaker_ids, conditions, note, joint_ids)


def joint_quotations(session: Session, speaker_ids: list[int]) -> list[int]:
    """Quotations these speakers said with others, named after the first of them
    ("Reyes and Tully said": Tully's too)."""
    return list(
        session.scalars(
            select(Occurrence.quotation_id)
            .join(OccurrenceCoSpeaker, OccurrenceCoSpeaker.occurrence_id == Occurrence.id)
            .where(OccurrenceCoSpeaker.speaker_id.in_(speaker_ids))
            .distinct()
        )
    )


def _match(session: Session, parsed: ParsedQuery, filters: _Filters) -> tuple[Match, list[Any]]:
    """The backend's match for ``parsed`` and the extra conditions it leaves to SQL.

    A speaker filter is the index's own on SQLite (a doclist intersection), unless the
    speakers also spoke jointly: then, as on PostgreSQL, it is a condition on the rows.
    """
    conditions = list(filters.conditions)
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite and not filters.joint_ids:
        return sqlite_match(parsed, filters.speaker_ids), conditions
    if filters.speaker_ids is not None:
        own = Quotation.speaker_id.in_(filters.speaker_ids or [-1])
        conditions.append(
            or_(own, Quotation.id.in_(filters.joint_ids)) if filters.joint_ids else own
        )
    return (sqlite_match(parsed, None) if sqlite else postgresql_match(parsed)), conditions


def _fuzzy_match(
    session: Session, parsed: ParsedQuery, filters: _Filters
) -> tuple[Match, list[Any]] | None:
    """Near matches for misspelt words, or None when fuzzy matching has nothing to offer."""
    rewritten = fuzzy_rewrite(session.connection(), parsed)
    return _match(session, rewritten, filters) if rewritten else None


def _run(
    session: Session, match: Match, conditions: list[Any], params: SearchParams
) -> tuple[int, bool, list[tuple[int, float]]]:
    """(total, whether the total is exact, one page of (id, score)), best first.

    At most RANK_WINDOW matches are ranked: beyond that, the newest ones.
    """

    def matching(*columns: Any) -> Select[Any]:
        stmt = select(*columns).select_from(match.source).where(match.condition)
        if conditions and not match.is_quotation_table:
            stmt = stmt.join(Quotation, Quotation.id == match.id)
        return stmt.where(*conditions)

    capped = matching(literal(1)).limit(RANK_WINDOW + 1).subquery()
    total = session.scalar(select(func.count()).select_from(capped)) or 0
    if total == 0 or params.offset >= total:
        return total, total <= RANK_WINDOW, []
    ranked = matching(match.id.label("id"), match.score.label("score"))
    if total > RANK_WINDOW:
        # Too many to rank them all: rank the newest. Both backends walk their
        # matches newest first and stop at the window (FTS5 doclists are in
        # rowid order; PostgreSQL scans the primary key backwards).
        ranked = ranked.order_by(match.id.desc()).limit(RANK_WINDOW)
    window = ranked.subquery()
    rows = session.execute(
        select(window.c.id, window.c.score)
        .order_by(window.c.score.desc(), window.c.id.desc())
        .limit(params.limit)
        .offset(params.offset)
    ).all()
    return total, total <= RANK_WINDOW, [(row[0], float(row[1] or 0.0)) for row in rows]


def search_quotations(session: Session, params: SearchParams) -> SearchPage:
    """Quotations matching ``params.query`` and the filters, best first."""
    if not 1 <= params.limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit must be between 1 and {MAX_LIMIT}, got {params.limit}")
    if params.offset < 0:
        raise InvalidQuery(f"offset must not be negative, got {params.offset}")
    if params.since and params.until and params.since > params.until:
        raise InvalidQuery("--since is after --until: nothing can match")
    parsed = parse_query(params.query)
    filters = _filters(session, params)
    if filters.note:  # a filter that matches nothing
        return SearchPage(0, [], note=filters.note)
    total, exact, hits = _run(session, *_match(session, parsed, filters), params)
    match = "exact"
    if total == 0 and params.fuzzy:
        fuzzy = _fuzzy_match(session, parsed, filters)
        if fuzzy is not None:
            total, exact, hits = _run(session, *fuzzy, params)
            match = "fuzzy" if total else "exact"
    return SearchPage(total, summarize(session, hits), match, total_exact=exact)


# ------------------------------------------------------------- summaries / detail


def _first_order() -> list[Any]:
    """Earliest first; an official statement wins a tie; then the order we found them."""
    return [
        Occurrence.said_at.asc().nulls_last(),
        case((Source.role == "statements", 0), else_=1),
        Occurrence.id,
    ]


def first_occurrences(session: Session, quotation_ids: list[int]) -> dict[int, Occurrence]:
    """The earliest occurrence of each quotation."""
    if not quotation_ids:
        return {}
    numbered = (
        select(
            Occurrence.id,
            func.row_number()
            .over(partition_by=Occurrence.quotation_id, order_by=_first_order())
            .label("n"),
        )
        .join(Document, Occurrence.document_id == Document.id)
        .outerjoin(Source, Document.source_id == Source.id)
        .where(Occurrence.quotation_id.in_(quotation_ids))
        .subquery()
    )
    occurrences = session.scalars(
        select(Occurrence)
        .join(numbered, numbered.c.id == Occurrence.id)
        .where(numbered.c.n == 1)
        .options(joinedload(Occurrence.document).joinedload(Document.source))
    ).all()
    return {o.quotation_id: o for o in occurrences}


def summarize(session: Session, hits: list[tuple[int, float]]) -> list[QuoteItem]:
    """Search items for (quotation id, score) pairs, in the given order."""
    ids = [i for i, _ in hits]
    if not ids:
        return []
    quotations = {
        q.id: q
        for q in session.scalars(
            select(Quotation).where(Quotation.id.in_(ids)).options(joinedload(Quotation.speaker))
        )
    }
    counts = dict(
        session.execute(
            select(Occurrence.quotation_id, func.count())
            .where(Occurrence.quotation_id.in_(ids))
            .group_by(Occurrence.quotation_id)
        ).all()
    )
    firsts = first_occurrences(session, ids)
    items = []
    for qid, score in hits:
        q = quotations[qid]
        first = firsts.get(qid)
        doc = first.document if first else None
        items.append(
            QuoteItem(
                id=q.id,
                text=q.text,
                speaker=q.speaker.name if q.speaker else None,
                speaker_id=q.speaker_id,
                said_at=iso(q.first_said_at),
                said_precision=q.first_said_precision,
                url=doc.url if doc else None,
                source=doc.source.name if doc and doc.source else None,
                document_id=doc.id if doc else None,
                title=doc.title if doc else None,
                context=first.context if first else None,
                kind=doc.kind if doc else None,
                lang=q.lang,
                occurrences=counts.get(qid, 0),
                score=round(score, 6),
            )
        )
    return items


@dataclass
class OccurrenceItem:
    id: int
    url: str
    said_at: str | None
    said_precision: str | None
    source: str | None
    source_role: str | None
    document_id: int
    version: int
    title: str | None
    kind: str
    text: str
    context: str | None
    start: int
    end: int
    speaker: str | None
    speaker_mention: str | None
    cue: str | None
    confidence: float
    deleted: bool
    co_speakers: list[str] = field(default_factory=list)  # a joint statement's others


@dataclass
class LinkItem:
    url: str
    title: str | None
    kind: str
    score: float
    reason: str
    document_id: int
    published_at: str | None


@dataclass
class QuoteDetail:
    """One quotation in full: every occurrence (earliest first) and every link."""

    id: int
    text: str
    normalized: str
    speaker: str | None
    speaker_id: int | None
    said_at: str | None
    said_precision: str | None
    url: str | None
    source: str | None
    context: str | None
    lang: str | None
    occurrences: list[OccurrenceItem]
    links: list[LinkItem]
    merged_from: int | None = None  # the id asked for, when it was merged into this one

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def get_quotation(session: Session, quotation_id: int) -> QuoteDetail:
    """The quotation ``quotation_id`` (or the one it was merged into), or NotFound."""
    q = session.get(Quotation, quotation_id)
    merged_from = None
    if q is None:
        redirect = session.get(MergedQuotation, quotation_id)
        if redirect is not None:
            q, merged_from = session.get(Quotation, redirect.into_id), quotation_id
    if q is None:
        raise NotFound(f"no quotation with id {quotation_id} (find ids with `onrecord search`)")
    rows = session.execute(
        select(Occurrence, Document, Source)
        .join(Document, Occurrence.document_id == Document.id)
        .outerjoin(Source, Document.source_id == Source.id)
        .where(Occurrence.quotation_id == q.id)
        .order_by(*_first_order())
    ).all()
    occurrences = [
        OccurrenceItem(
            id=o.id,
            url=d.url,
            said_at=iso(o.said_at),
            said_precision=o.said_precision,
            source=s.name if s else None,
            source_role=s.role if s else None,
            document_id=d.id,
            version=o.version.number,
            title=d.title,
            kind=d.kind,
            text=o.text,
            context=o.context,
            start=o.start,
            end=o.end,
            speaker=o.speaker.name if o.speaker else None,
            speaker_mention=o.speaker_mention,
            cue=o.cue,
            confidence=o.confidence,
            deleted=d.deleted_at is not None,
            co_speakers=[c.name for c in o.co_speakers],
        )
        for o, d, s in rows
    ]
    linked = aliased(Document)
    links = [
        LinkItem(
            url=d.url,
            title=d.title,
            kind=link.kind,
            score=link.score,
            reason=link.reason,
            document_id=d.id,
            published_at=iso(d.published_at),
        )
        for link, d in session.execute(
            select(Link, linked)
            .join(linked, Link.document_id == linked.id)
            .where(Link.quotation_id == q.id)
            .order_by(case((Link.kind == "reports", 0), else_=1), Link.score.desc(), Link.id)
        ).all()
    ]
    first = occurrences[0] if occurrences else None
    return QuoteDetail(
        id=q.id,
        text=q.text,
        normalized=q.normalized,
        speaker=q.speaker.name if q.speaker else None,
        speaker_id=q.speaker_id,
        said_at=iso(q.first_said_at),
        said_precision=q.first_said_precision,
        url=first.url if first else None,
        source=first.source if first else None,
        context=first.context if first else None,
        lang=q.lang,
        occurrences=occurrences,
        links=links,
        merged_from=merged_from,
    )


# ----------------------------------------------------------------------- speakers


@dataclass
class SpeakerItem:
    id: int
    name: str
    kind: str
    aliases: list[str]
    handles: dict[str, list[str]]
    wikidata_id: str | None
    quotations: int
    occurrences: int
    first_said_at: str | None
    last_said_at: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def list_speakers(
    session: Session, query: str | None = None, limit: int = 100
) -> list[SpeakerItem]:
    """Speakers (all, or those matching ``query`` by any name), most quoted first."""
    if query:
        speakers = find_speakers(session, query)
    else:
        speakers = list(session.scalars(select(Speaker)))
    ids = [s.id for s in speakers]
    if not ids:
        return []
    stats = {
        row[0]: row[1:]
        for row in session.execute(
            select(
                Quotation.speaker_id,
                func.count(func.distinct(Quotation.id)),
                func.count(Occurrence.id),
                func.min(Quotation.first_said_at),
                func.max(Occurrence.said_at),
            )
            .join(Occurrence, Occurrence.quotation_id == Quotation.id)
            .where(Quotation.speaker_id.in_(ids))
            .group_by(Quotation.speaker_id)
        ).all()
    }
    aliases: dict[int, list[SpeakerAlias]] = {}
    for alias in session.scalars(
        select(SpeakerAlias).where(SpeakerAlias.speaker_id.in_(ids)).order_by(SpeakerAlias.id)
    ):
        aliases.setdefault(alias.speaker_id, []).append(alias)
    items = []
    for s in speakers:
        n_quotes, n_occ, first, last = stats.get(s.id, (0, 0, None, None))
        handles: dict[str, list[str]] = {}
        names = []
        for a in aliases.get(s.id, []):
            if a.platform:
                handles.setdefault(a.platform, []).append(a.alias)
            elif a.alias != s.name:
                names.append(a.alias)
        items.append(
            SpeakerItem(
                id=s.id,
                name=s.name,
                kind=s.kind,
                aliases=names,
                handles=handles,
                wikidata_id=s.wikidata_id,
                quotations=n_quotes,
                occurrences=n_occ,
                first_said_at=iso(first),
                last_said_at=iso(last),
            )
        )
    if not query:
        items.sort(key=lambda i: (-i.quotations, i.name))
    return items[:limit]


# ------------------------------------------------------------------------ sources


@dataclass
class SourceItem:
    """A source's health: when it last worked, when it last failed and why, what it holds."""

    id: int
    name: str
    kind: str
    role: str
    url: str
    default_speaker: str | None
    documents: int
    deleted: int
    quotations: int
    open_failures: int
    last_success_at: str | None
    last_failure_at: str | None
    last_failure_reason: str | None
    last_new_at: str | None
    stale: bool  # nothing new for stale_days (a layout change, a dead feed?)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def list_sources(session: Session, stale_days: int = 14) -> list[SourceItem]:
    """Every source with its counts and health, by name."""
    from datetime import timedelta

    from store.models import FetchFailure, utcnow

    docs = dict(
        session.execute(select(Document.source_id, func.count()).group_by(Document.source_id)).all()
    )
    deleted = dict(
        session.execute(
            select(Document.source_id, func.count())
            .where(Document.deleted_at.is_not(None))
            .group_by(Document.source_id)
        ).all()
    )
    quotes = dict(
        session.execute(
            select(Document.source_id, func.count(func.distinct(Occurrence.quotation_id)))
            .join(Occurrence, Occurrence.document_id == Document.id)
            .group_by(Document.source_id)
        ).all()
    )
    failures = dict(
        session.execute(
            select(FetchFailure.source_id, func.count())
            .where(FetchFailure.resolved_at.is_(None))
            .group_by(FetchFailure.source_id)
        ).all()
    )
    cutoff = utcnow() - timedelta(days=stale_days)
    items = []
    for source in session.scalars(
        select(Source).options(joinedload(Source.default_speaker)).order_by(Source.name)
    ):
        items.append(
            SourceItem(
                id=source.id,
                name=source.name,
                kind=source.kind,
                role=source.role,
                url=source.url,
                default_speaker=source.default_speaker.name if source.default_speaker else None,
                documents=docs.get(source.id, 0),
                deleted=deleted.get(source.id, 0),
                quotations=quotes.get(source.id, 0),
                open_failures=failures.get(source.id, 0),
                last_success_at=iso(source.last_success_at),
                last_failure_at=iso(source.last_failure_at),
                last_failure_reason=source.last_failure_reason,
                last_new_at=iso(source.last_new_at),
                stale=(source.last_new_at or source.created_at) < cutoff,
            )
        )
    return items


def most_repeated(session: Session, limit: int = 3) -> list[int]:
    """Ids of the quotations carried by the most documents and articles, most first."""
    occurrences = (
        select(Occurrence.quotation_id.label("id"), func.count().label("n"))
        .group_by(Occurrence.quotation_id)
        .subquery()
    )
    links = (
        select(Link.quotation_id.label("id"), func.count().label("n"))
        .group_by(Link.quotation_id)
        .subquery()
    )
    weight = occurrences.c.n + func.coalesce(links.c.n, 0)
    rows = session.execute(
        select(occurrences.c.id)
        .outerjoin(links, links.c.id == occurrences.c.id)
        .join(Quotation, Quotation.id == occurrences.c.id)
        .where(Quotation.speaker_id.is_not(None))
        .order_by(weight.desc(), Quotation.first_said_at, occurrences.c.id)
        .limit(limit)
    ).all()
    return [row[0] for row in rows]
