"""Saving fetched documents: deduplicated by canonical URL, edits kept as versions.

The same content fetched twice is "unchanged" (one document, one version);
new content at the same URL is a new version ("changed"), never an
overwrite. Raw bytes are compressed and stored once per sha256.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from store.models import PRECISIONS, Document, DocumentVersion, RawBlob, utcnow

SaveStatus = Literal["new", "changed", "unchanged"]


@dataclass
class DocumentInput:
    """What the crawler knows about one fetched item."""

    url: str  # canonical
    text: str
    kind: str = "article"
    title: str | None = None
    author: str | None = None
    lang: str | None = None
    published_at: datetime | None = None
    published_precision: str | None = None
    published_from: str | None = None
    modified_at: datetime | None = None
    external_id: str | None = None
    source_id: int | None = None
    parent_id: int | None = None
    raw: bytes | None = None
    content_type: str | None = None
    fetched_at: datetime | None = None


@dataclass
class SaveResult:
    document: Document
    version: DocumentVersion  # the version now current (new, or the unchanged latest)
    status: SaveStatus


def content_hash(title: str | None, text: str) -> str:
    """What "the same content" means: title and text, whitespace folded."""
    canonical = " ".join((title or "").split()) + "\n" + " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def store_raw(session: Session, raw: bytes) -> str:
    """Keep ``raw`` compressed under its sha256 (once); return the hash."""
    return store_raws(session, [raw])[0]


def store_raws(session: Session, raws: list[bytes]) -> list[str]:
    """Keep each of ``raws`` compressed under its sha256 (once); return the hashes in order."""
    shas = [hashlib.sha256(raw).hexdigest() for raw in raws]
    known = set(session.scalars(select(RawBlob.sha256).where(RawBlob.sha256.in_(set(shas)))))
    for sha, raw in zip(shas, raws, strict=True):
        if sha not in known:
            session.add(RawBlob(sha256=sha, size=len(raw), data=zlib.compress(raw, 6)))
            known.add(sha)
    return shas


def load_raw(session: Session, sha256: str) -> bytes:
    """The original bytes of a stored blob."""
    blob = session.get(RawBlob, sha256)
    if blob is None:
        raise KeyError(sha256)
    return zlib.decompress(blob.data) if blob.compression == "zlib" else blob.data


def find_document(session: Session, url: str, external_id: str | None = None) -> Document | None:
    """The stored document with this canonical URL or stable platform id."""
    doc = session.scalar(select(Document).where(Document.url == url))
    if doc is None and external_id:
        doc = session.scalar(select(Document).where(Document.external_id == external_id))
    return doc


def latest_version(session: Session, document: Document) -> DocumentVersion | None:
    return session.scalar(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document.id)
        .order_by(DocumentVersion.number.desc())
        .limit(1)
    )


def _latest_versions(session: Session, document_ids: list[int]) -> dict[int, DocumentVersion]:
    if not document_ids:
        return {}
    newest = (
        select(DocumentVersion.document_id, func.max(DocumentVersion.number).label("number"))
        .where(DocumentVersion.document_id.in_(document_ids))
        .group_by(DocumentVersion.document_id)
        .subquery()
    )
    return {
        v.document_id: v
        for v in session.scalars(
            select(DocumentVersion).join(
                newest,
                and_(
                    DocumentVersion.document_id == newest.c.document_id,
                    DocumentVersion.number == newest.c.number,
                ),
            )
        )
    }


def _new_version(
    doc: Document, item: DocumentInput, number: int, raw_sha: str | None
) -> DocumentVersion:
    # The id, not the relationship, for a stored document: no loading of its versions.
    link = {"document": doc} if doc.id is None else {"document_id": doc.id}
    return DocumentVersion(
        **link,
        number=number,
        fetched_at=item.fetched_at or utcnow(),
        content_sha256=content_hash(item.title, item.text),
        raw_sha256=raw_sha,
        content_type=item.content_type,
        title=item.title,
        text=item.text,
    )


def finer(precision: str | None, than: str | None) -> bool:
    """True when ``precision`` says more than ``than`` ("second" is finer than "day")."""
    rank = {p: i for i, p in enumerate(PRECISIONS)}
    return rank.get(precision or "", len(rank)) < rank.get(than or "", len(rank))


def _apply_current(doc: Document, item: DocumentInput) -> None:
    """Copy the latest content and metadata onto the document, keeping what was known."""
    doc.text = item.text
    doc.title = item.title if item.title is not None else doc.title
    doc.author = item.author or doc.author
    doc.lang = item.lang or doc.lang
    doc.kind = item.kind or doc.kind
    doc.external_id = item.external_id or doc.external_id
    doc.source_id = item.source_id or doc.source_id
    doc.parent_id = item.parent_id or doc.parent_id
    doc.modified_at = item.modified_at or doc.modified_at
    if item.published_at is not None and (
        doc.published_at is None or finer(item.published_precision, doc.published_precision)
    ):
        doc.published_at = item.published_at
        doc.published_precision = item.published_precision
        doc.published_from = item.published_from


def save_document(session: Session, item: DocumentInput) -> SaveResult:
    """Store one fetched item: new document, new version of an edited one, or unchanged."""
    return save_documents(session, [item])[0]


def save_documents(session: Session, items: list[DocumentInput]) -> list[SaveResult]:
    """Store fetched items (see save_document) with a few queries and one flush for all."""
    urls = {item.url for item in items}
    external_ids = {item.external_id for item in items if item.external_id}
    found = session.scalars(
        select(Document).where(
            or_(Document.url.in_(urls), Document.external_id.in_(external_ids))
            if external_ids
            else Document.url.in_(urls)
        )
    ).all()
    by_url = {d.url: d for d in found}
    by_external = {d.external_id: d for d in found if d.external_id}
    latest = _latest_versions(session, [d.id for d in found])
    raw_shas = store_raws(session, [item.raw for item in items if item.raw is not None])
    raw_of = iter(raw_shas)
    results = []
    in_batch: dict[int, DocumentVersion] = {}  # id(document) -> its version from this batch
    for item in items:
        raw_sha = next(raw_of) if item.raw is not None else None
        now = item.fetched_at or utcnow()
        doc = by_url.get(item.url) or (by_external.get(item.external_id or ""))
        if doc is None:
            doc = Document(url=item.url, first_seen_at=now, last_seen_at=now)
            _apply_current(doc, item)
            session.add(doc)
            version = _new_version(doc, item, 1, raw_sha)
            session.add(version)
            results.append(SaveResult(doc, version, "new"))
        else:
            doc.last_seen_at = now
            doc.deleted_at = None  # seen again: it exists
            current = in_batch.get(id(doc)) or (latest.get(doc.id) if doc.id is not None else None)
            if current is not None and current.content_sha256 == content_hash(
                item.title, item.text
            ):
                results.append(SaveResult(doc, current, "unchanged"))
                continue
            _apply_current(doc, item)
            version = _new_version(doc, item, (current.number if current else 0) + 1, raw_sha)
            session.add(version)
            results.append(SaveResult(doc, version, "changed"))
        # the same URL twice in one batch: the second sees the first
        by_url[item.url] = doc
        if item.external_id:
            by_external[item.external_id] = doc
        in_batch[id(doc)] = version
    session.flush()
    return results


def mark_deleted(session: Session, document: Document, when: datetime | None = None) -> None:
    """The source removed it: say so and keep every word."""
    if document.deleted_at is None:
        document.deleted_at = when or utcnow()
