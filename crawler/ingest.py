"""Documents into the store: deduplicate, keep versions, attribute quotations.

Called by the store pipeline for each draft, and usable without Scrapy (tests,
re-parsing). Everything for one draft happens in the caller's transaction:
a document is never stored without the quotations found in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crawler.attribution import Quote, extract_quotes
from crawler.items import DocumentDraft, FailureItem, GoneItem
from crawler.sources import SourceConfig
from store.documents import (
    DocumentInput,
    VersionRef,
    find_document,
    mark_deleted,
    save_documents,
    store_raw,
)
from store.models import DocumentVersion, FetchFailure, Source, utcnow
from store.quotations import OccurrenceInput, record_occurrences
from store.speakers import get_or_create_speaker
from store.text import normalize_words

# Context kept around a quotation: the sentence(s) it sits in, at most this long.
MAX_CONTEXT_CHARS = 600
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’']?\s+|\n\s*")
# Words that make a capitalised speaker string a description, not a name.
_TITLES_ONLY = set(
    (
        "president minister prime foreign deputy spokesman spokeswoman spokesperson "
        "official officials source sources senator governor secretary general ambassador "
        "chairman chairwoman mayor chancellor leader the a an mr mrs ms dr he she they it "
        "we i"
    ).split()
)
_ORGANISATION_WORDS = set(
    (
        "ministry office council party government committee agency department embassy "
        "presidency parliament administration commission service bank union organization "
        "organisation assembly court police army forces kremlin pentagon mfa un nato eu"
    ).split()
)
# Parser precision words -> store precisions.
_PRECISION = {"time": None, "week": "week", "day": "day", "month": "month", "year": "year"}


@dataclass
class SourceContext:
    """What ingest needs of a source, read once per crawl rather than per document."""

    id: int | None = None
    role: str = "news"
    account: str | None = None
    default_speaker_id: int | None = None
    default_speaker_name: str | None = None
    speaker_ids: dict[str, int | None] = field(default_factory=dict)  # name -> id, this crawl
    open_failures: set[str] = field(default_factory=set)  # URLs with an unresolved failure
    changed: bool = False  # something new or edited arrived

    @classmethod
    def load(cls, session: Session, source: Source | None) -> SourceContext:
        if source is None:
            return cls()
        speaker = source.default_speaker
        return cls(
            id=source.id,
            role=source.role,
            account=(source.config or {}).get("account"),
            default_speaker_id=speaker.id if speaker else None,
            default_speaker_name=speaker.name if speaker else None,
            open_failures=set(
                session.scalars(
                    select(FetchFailure.url).where(
                        FetchFailure.source_id == source.id, FetchFailure.resolved_at.is_(None)
                    )
                )
            ),
        )


@dataclass
class IngestResult:
    status: str  # new | changed | unchanged
    document_id: int
    quotations: int  # occurrences recorded from this draft (embedded posts included)


def sync_sources(session: Session, configs: list[SourceConfig]) -> dict[str, Source]:
    """Create or update the Source rows of ``configs`` (the file is the truth)."""
    existing = {
        s.name: s
        for s in session.scalars(select(Source).where(Source.name.in_([c.name for c in configs])))
    }
    for config in configs:
        source = existing.get(config.name)
        if source is None:
            source = Source(name=config.name, kind=config.kind, url=config.url, state={})
            session.add(source)
            existing[config.name] = source
        source.kind, source.url, source.role = config.kind, config.url, config.role
        source.config = config.to_config()
        handles = {config.kind: config.account} if config.account else None
        source.default_speaker = (
            get_or_create_speaker(
                session, config.speaker, kind=speaker_kind(config.speaker), handles=handles
            )
            if config.speaker
            else None
        )
    session.flush()
    return existing


def context_sentence(text: str, start: int, end: int) -> str:
    """The sentence(s) holding ``text[start:end]``, trimmed to MAX_CONTEXT_CHARS."""
    left = max(0, start - MAX_CONTEXT_CHARS)
    for match in _SENTENCE_END.finditer(text, left, max(left, start - 1)):
        left = match.end()
    right = min(len(text), end + MAX_CONTEXT_CHARS)
    found = _SENTENCE_END.search(text, end, right)
    if found:
        right = found.start() + len(found.group(0).rstrip())
    context = text[left:right].strip()
    if len(context) > MAX_CONTEXT_CHARS:
        middle = (start + end) // 2 - left
        half = MAX_CONTEXT_CHARS // 2
        lo = max(0, middle - half)
        context = ("…" if lo else "") + context[lo : lo + MAX_CONTEXT_CHARS] + "…"
    return context


def looks_like_name(speaker: str) -> bool:
    """True for "Recep Tayyip Erdoğan" or "Ministry of Defence", false for "the minister"."""
    words = re.findall(r"[\w'’.-]+", speaker)
    return any(w[:1].isupper() and w.lower().strip(".") not in _TITLES_ONLY for w in words)


def speaker_kind(name: str) -> str:
    words = {w.lower() for w in re.findall(r"\w+", name)}
    return "organisation" if words & _ORGANISATION_WORDS else "person"


def _speaker_id(session: Session, name: str | None, ctx: SourceContext) -> int | None:
    """The id of the speaker called ``name``; part of the source speaker's name is that speaker.

    ("President Sorel" on the presidency's site is its Viktor Sorel, even when
    the statement never spells out his first name.)
    """
    if not name or not looks_like_name(name):
        return None
    if name not in ctx.speaker_ids:
        words = set(normalize_words(name).split())
        own = set(normalize_words(ctx.default_speaker_name or "").split())
        if ctx.default_speaker_id is not None and words and words <= own:
            ctx.speaker_ids[name] = ctx.default_speaker_id
        else:
            ctx.speaker_ids[name] = get_or_create_speaker(session, name, kind=speaker_kind(name)).id
    return ctx.speaker_ids[name]


def _said_at(quote: Quote, draft: DocumentDraft) -> tuple[datetime | None, str | None]:
    """When the words were said: a date the text gives, else the document's time."""
    published = draft.published
    if quote.said_at and quote.said_from != "document":
        try:
            parsed = datetime.fromisoformat(quote.said_at)
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            precision = _PRECISION.get(quote.said_precision or "", "day")
            return parsed.astimezone(UTC), precision or "second"
    if published is None:
        return None, None
    return published.at, published.precision


def _post_author(session: Session, draft: DocumentDraft, ctx: SourceContext) -> int | None:
    """Whose statement a post is: its (original) author, never the account that reposted it."""
    handles = {draft.platform: draft.post_handle} if draft.platform and draft.post_handle else None
    own_account = (
        draft.reposted_by is None
        and ctx.default_speaker_name is not None
        and draft.post_handle is not None
        and (ctx.account or "").lstrip("@").lower() == draft.post_handle.lstrip("@").lower()
    )
    if own_account and ctx.default_speaker_name:
        return get_or_create_speaker(session, ctx.default_speaker_name, handles=handles).id
    name = draft.post_author or draft.post_handle
    if not name:
        return ctx.default_speaker_id
    return get_or_create_speaker(session, name, kind=speaker_kind(name), handles=handles).id


def _occurrences(
    session: Session,
    draft: DocumentDraft,
    version: DocumentVersion | VersionRef,
    ctx: SourceContext,
) -> list[tuple[OccurrenceInput, int | None]]:
    """The quotations of one stored version, each with its speaker's id."""
    text = version.text
    found: list[tuple[OccurrenceInput, int | None]] = []
    published = draft.published
    default_speaker = None
    if draft.kind == "post":
        author = _post_author(session, draft, ctx)
        stripped = text.strip()
        if author is not None and stripped:
            start = text.index(stripped)
            whole = OccurrenceInput(
                start=start,
                end=start + len(stripped),
                text=stripped,
                context=None,
                speaker_mention=draft.post_handle or draft.post_author,
                cue=f"posted on {draft.platform}" if draft.platform else "posted",
                confidence=1.0,
                said_at=published.at if published else None,
                said_precision=published.precision if published else None,
                kind="post",
                lang=draft.lang,
            )
            found.append((whole, author))
        default_speaker = draft.post_author or draft.post_handle  # "I told them: “…”"
    elif ctx.role == "statements" and ctx.default_speaker_name:
        default_speaker = ctx.default_speaker_name
    quotes = draft.quotes
    if quotes is None:  # not found in a worker (crawler.prepare): find them here
        quotes = extract_quotes(
            text,
            published=published.at if published else None,
            lang=draft.lang,
            default_speaker=default_speaker,
        )
    for quote in quotes:
        if draft.kind == "post" and quote.start <= 1 and quote.end >= len(text.strip()) - 1:
            continue  # the whole post, already recorded as its author's
        said_at, precision = _said_at(quote, draft)
        mention = (
            text[quote.speaker_start : quote.speaker_end]
            if quote.speaker_start is not None and quote.speaker_end is not None
            else quote.speaker
        )
        occurrence = OccurrenceInput(
            start=quote.start,
            end=quote.end,
            text=quote.text,
            context=context_sentence(text, quote.start, quote.end),
            speaker_mention=mention,
            cue=quote.cue,
            confidence=quote.confidence,
            said_at=said_at,
            said_precision=precision,
            kind=quote.kind,
            lang=draft.lang,
            co_speaker_ids=tuple(
                i
                for i in (_speaker_id(session, name, ctx) for name in quote.co_speakers)
                if i is not None
            ),
        )
        found.append((occurrence, _speaker_id(session, quote.speaker, ctx)))
    return found


def _input(draft: DocumentDraft, ctx: SourceContext, parent_id: int | None) -> DocumentInput:
    published = draft.published
    return DocumentInput(
        url=draft.url,
        text=draft.text,
        kind=draft.kind,
        title=draft.title,
        author=draft.author,
        lang=draft.lang,
        published_at=published.at if published else None,
        published_precision=published.precision if published else None,
        published_from=published.source if published else None,
        modified_at=draft.modified_at,
        external_id=draft.external_id,
        source_id=ctx.id,
        parent_id=parent_id,
        raw=draft.raw,
        content_type=draft.content_type,
        fetched_at=draft.fetched_at,
    )


def ingest_documents(
    session: Session,
    drafts: list[DocumentDraft],
    ctx: SourceContext,
    parent_ids: list[int | None] | None = None,
) -> list[IngestResult]:
    """Store ``drafts`` (each new, a new version, or unchanged) and their quotations.

    A batch costs a few queries and flushes, not a few per document.
    """
    if not drafts:
        return []
    parents = parent_ids or [None] * len(drafts)
    saved = save_documents(
        session, [_input(d, ctx, p) for d, p in zip(drafts, parents, strict=True)]
    )
    entries: list[tuple[DocumentVersion | VersionRef, OccurrenceInput, int | None]] = []
    quotations: list[int] = []
    for draft, result in zip(drafts, saved, strict=True):
        found = []
        if result.status != "unchanged":
            found = _occurrences(session, draft, result.version, ctx)
            ctx.changed = True
        entries += [(result.version, item, speaker) for item, speaker in found]
        quotations.append(len(found))
        if draft.url in ctx.open_failures:
            _resolve_failure(session, ctx, draft.url)
    record_occurrences(session, entries)
    posts = [
        (post, n, r.document.id)
        for n, (d, r) in enumerate(zip(drafts, saved, strict=True))
        for post in d.embedded
    ]
    if posts:
        embedded = ingest_documents(
            session, [p for p, _, _ in posts], ctx, [parent for _, _, parent in posts]
        )
        for (_, n, _), post_result in zip(posts, embedded, strict=True):
            quotations[n] += post_result.quotations
    return [
        IngestResult(result.status, result.document.id, count)
        for result, count in zip(saved, quotations, strict=True)
    ]


def ingest_document(
    session: Session,
    draft: DocumentDraft,
    ctx: SourceContext,
    parent_id: int | None = None,
) -> IngestResult:
    """Store one ``draft`` and its quotations (see ingest_documents)."""
    return ingest_documents(session, [draft], ctx, [parent_id])[0]


def _resolve_failure(session: Session, ctx: SourceContext, url: str) -> None:
    session.execute(
        update(FetchFailure)
        .where(
            FetchFailure.source_id == ctx.id,
            FetchFailure.url == url,
            FetchFailure.resolved_at.is_(None),
        )
        .values(resolved_at=utcnow())
    )
    ctx.open_failures.discard(url)


def record_failure(session: Session, item: FailureItem, ctx: SourceContext) -> None:
    """Remember a failed fetch on its source, with the raw bytes kept for retry."""
    raw_sha = store_raw(session, item.body) if item.body else None
    failure = session.scalar(
        select(FetchFailure).where(FetchFailure.source_id == ctx.id, FetchFailure.url == item.url)
    )
    if failure is None:
        failure = FetchFailure(
            source_id=ctx.id,
            url=item.url,
            reason=item.reason,
            first_failed_at=item.when,
            attempts=0,
        )
        session.add(failure)
    failure.reason = item.reason
    failure.http_status = item.http_status
    failure.raw_sha256 = raw_sha or failure.raw_sha256
    failure.attempts = (failure.attempts or 0) + 1
    failure.last_failed_at = item.when
    failure.resolved_at = None
    ctx.open_failures.add(item.url)
    if ctx.id is not None:
        session.execute(
            update(Source)
            .where(Source.id == ctx.id)
            .values(last_failure_at=item.when, last_failure_reason=f"{item.url}: {item.reason}")
        )
    session.flush()


def record_gone(session: Session, item: GoneItem) -> bool:
    """Mark a vanished document deleted (its text stays); False if we never had it."""
    document = find_document(session, item.url, item.external_id)
    if document is None:
        return False
    mark_deleted(session, document, item.when)
    return True
