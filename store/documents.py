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

from sqlalchemy import select
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
    sha = hashlib.sha256(raw).hexdigest()
    if session.get(RawBlob, sha) is None:
        session.add(RawBlob(sha256=sha, size=len(raw), data=zlib.compress(raw, 6)))
    return sha


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


def _new_version(
    session: Session, doc: Document, item: DocumentInput, number: int
) -> DocumentVersion:
    version = DocumentVersion(
        document=doc,
        number=number,
        fetched_at=item.fetched_at or utcnow(),
        content_sha256=content_hash(item.title, item.text),
        raw_sha256=store_raw(session, item.raw) if item.raw is not None else None,
        content_type=item.content_type,
        title=item.title,
        text=item.text,
    )
    session.add(version)
    return version


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
    now = item.fetched_at or utcnow()
    doc = find_document(session, item.url, item.external_id)
    if doc is None:
        doc = Document(url=item.url, first_seen_at=now, last_seen_at=now)
        _apply_current(doc, item)
        session.add(doc)
        version = _new_version(session, doc, item, 1)
        session.flush()
        return SaveResult(doc, version, "new")
    doc.last_seen_at = now
    doc.deleted_at = None  # seen again: it exists
    latest = latest_version(session, doc)
    if latest is not None and latest.content_sha256 == content_hash(item.title, item.text):
        session.flush()
        return SaveResult(doc, latest, "unchanged")
    _apply_current(doc, item)
    version = _new_version(session, doc, item, (latest.number if latest else 0) + 1)
    session.flush()
    return SaveResult(doc, version, "changed")


def mark_deleted(session: Session, document: Document, when: datetime | None = None) -> None:
    """The source removed it: say so and keep every word."""
    if document.deleted_at is None:
        document.deleted_at = when or utcnow()
