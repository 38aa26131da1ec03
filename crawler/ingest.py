"""Documents into the store: deduplicate, keep versions, attribute quotations.

Called by the store pipeline for each draft, and usable without Scrapy (tests,
re-parsing). Everything for one draft happens in the caller's transaction:
a document is never stored without the quotations found in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crawler.attribution import Quote, extract_quotes
from crawler.items import DocumentDraft, FailureItem, GoneItem
from crawler.sources import SourceConfig
from store.documents import DocumentInput, find_document, mark_deleted, save_document, store_raw
from store.models import FetchFailure, Source, Speaker, utcnow
from store.quotations import OccurrenceInput, add_occurrence
from store.speakers import get_or_create_speaker
from store.text import normalize_words

# Context kept around a quotation: the sentence(s) it sits in, at most this long.
MAX_CONTEXT_CHARS = 600
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’']?\s+|\n\s*")
# Words that make a capitalised speaker string a description, not a name.
_TITLES_ONLY = {
    "president",
    "minister",
    "prime",
    "foreign",
    "deputy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "source",
    "sources",
    "senator",
    "governor",
    "secretary",
    "general",
    "ambassador",
    "chairman",
    "chairwoman",
    "mayor",
    "chancellor",
    "leader",
    "the",
    "a",
    "an",
    "mr",
    "mrs",
    "ms",
    "dr",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
}
_ORGANISATION_WORDS = {
    "ministry",
    "office",
    "council",
    "party",
    "government",
    "committee",
    "agency",
    "department",
    "embassy",
    "presidency",
    "parliament",
    "administration",
    "commission",
    "service",
    "bank",
    "union",
    "organization",
    "organisation",
    "assembly",
    "court",
    "police",
    "army",
    "forces",
    "kremlin",
    "pentagon",
    "mfa",
    "un",
    "nato",
    "eu",
}
# Parser precision words -> store precisions.
_PRECISION = {"time": None, "week": "week", "day": "day", "month": "month", "year": "year"}


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
            get_or_create_speaker(session, config.speaker, handles=handles)
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


def _speaker(
    session: Session,
    name: str | None,
    cache: dict[str, Speaker | None],
    default: Speaker | None,
) -> Speaker | None:
    """The speaker called ``name``; a part of the source's own speaker's name is that speaker.

    ("President Sorel" on the presidency's site is its Viktor Sorel, even when
    the statement never spells out his first name.)
    """
    if not name or not looks_like_name(name):
        return None
    if name not in cache:
        words = set(normalize_words(name).split())
        if default is not None and words and words <= set(normalize_words(default.name).split()):
            cache[name] = default
        else:
            cache[name] = get_or_create_speaker(session, name, kind=speaker_kind(name))
    return cache[name]


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


def _post_author(session: Session, draft: DocumentDraft, source: Source | None) -> Speaker | None:
    """Whose statement a post is: its (original) author, never the account that reposted it."""
    handles = {draft.platform: draft.post_handle} if draft.platform and draft.post_handle else None
    own_account = (
        source is not None
        and draft.reposted_by is None
        and source.default_speaker is not None
        and draft.post_handle is not None
        and (source.config or {}).get("account", "").lstrip("@").lower()
        == draft.post_handle.lstrip("@").lower()
    )
    if own_account and source is not None:
        return get_or_create_speaker(session, source.default_speaker.name, handles=handles)
    name = draft.post_author or draft.post_handle
    if not name:
        return source.default_speaker if source is not None else None
    return get_or_create_speaker(session, name, kind=speaker_kind(name), handles=handles)


def _attribute(
    session: Session,
    draft: DocumentDraft,
    version_id: int,
    source: Source | None,
) -> int:
    """Record the quotations of one stored version; returns how many."""
    from store.models import DocumentVersion

    version = session.get(DocumentVersion, version_id)
    assert version is not None
    text = version.text
    count = 0
    cache: dict[str, Speaker | None] = {}
    published = draft.published
    default_speaker = None
    if draft.kind == "post":
        author = _post_author(session, draft, source)
        if author is not None and text.strip():
            stripped = text.strip()
            start = text.index(stripped)
            add_occurrence(
                session,
                version,
                OccurrenceInput(
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
                ),
                author,
            )
            count += 1
    elif source is not None and source.role == "statements" and source.default_speaker:
        default_speaker = source.default_speaker.name
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
        add_occurrence(
            session,
            version,
            OccurrenceInput(
                start=quote.start,
                end=quote.end,
                text=quote.text,
                context=context_sentence(text, quote.start, quote.end),
                speaker_mention=(
                    text[quote.speaker_start : quote.speaker_end]
                    if quote.speaker_start is not None and quote.speaker_end is not None
                    else quote.speaker
                ),
                cue=quote.cue,
                confidence=quote.confidence,
                said_at=said_at,
                said_precision=precision,
                kind=quote.kind,
                lang=draft.lang,
            ),
            _speaker(session, quote.speaker, cache, source.default_speaker if source else None),
        )
        count += 1
    return count


def ingest_document(
    session: Session,
    draft: DocumentDraft,
    source: Source | None,
    parent_id: int | None = None,
) -> IngestResult:
    """Store ``draft`` (new, a new version, or unchanged) and its quotations."""
    published = draft.published
    result = save_document(
        session,
        DocumentInput(
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
            source_id=source.id if source is not None else None,
            parent_id=parent_id,
            raw=draft.raw,
            content_type=draft.content_type,
            fetched_at=draft.fetched_at,
        ),
    )
    quotations = 0
    if result.status != "unchanged":
        quotations = _attribute(session, draft, result.version.id, source)
        if source is not None:
            source.last_new_at = utcnow()
    _resolve_failure(session, source, draft.url)
    for post in draft.embedded:
        embedded = ingest_document(session, post, source, parent_id=result.document.id)
        quotations += embedded.quotations
    return IngestResult(result.status, result.document.id, quotations)


def _resolve_failure(session: Session, source: Source | None, url: str) -> None:
    if source is None:
        return
    session.execute(
        update(FetchFailure)
        .where(
            FetchFailure.source_id == source.id,
            FetchFailure.url == url,
            FetchFailure.resolved_at.is_(None),
        )
        .values(resolved_at=utcnow())
    )


def record_failure(session: Session, item: FailureItem, source: Source | None) -> None:
    """Remember a failed fetch on its source, with the raw bytes kept for retry."""
    raw_sha = store_raw(session, item.body) if item.body else None
    failure = session.scalar(
        select(FetchFailure).where(
            FetchFailure.source_id == (source.id if source else None), FetchFailure.url == item.url
        )
    )
    if failure is None:
        failure = FetchFailure(
            source_id=source.id if source else None,
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
    if source is not None:
        source.last_failure_at = item.when
        source.last_failure_reason = f"{item.url}: {item.reason}"
    session.flush()


def record_gone(session: Session, item: GoneItem) -> bool:
    """Mark a vanished document deleted (its text stays); False if we never had it."""
    document = find_document(session, item.url, item.external_id)
    if document is None:
        return False
    mark_deleted(session, document, item.when)
    return True


def as_datetime(value: date | datetime | None) -> datetime | None:
    """An aware UTC datetime for a date or datetime (dates are midnight UTC)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
