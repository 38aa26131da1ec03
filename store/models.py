"""The data model: sources, documents and their versions, speakers, quotations.

A Document is the current state of one item fetched at one canonical URL;
every distinct content it ever had is a DocumentVersion (raw bytes kept,
compressed and content-addressed in RawBlob), so an edit never overwrites.
A Quotation is the same words of one speaker wherever they appear; each
appearance is an Occurrence that points at the exact version and span.

Search indexes (SQLite FTS5, PostgreSQL tsvector and trigrams) are built by
the migrations, not declared here: they differ per backend (see store.search).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, WriteOnlyMapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Values of the string "enums" (kept as plain strings so that adding one needs no migration).
SOURCE_KINDS = ("feed", "sitemap", "listing", "page", "x", "bluesky", "mastodon", "telegram")
SOURCE_ROLES = ("statements", "news")
DOCUMENT_KINDS = ("statement", "post", "article", "page")
SPEAKER_KINDS = ("person", "organisation")
PRECISIONS = ("second", "minute", "hour", "day", "week", "month", "year")  # finest first


def finer(precision: str | None, than: str | None) -> bool:
    """True when ``precision`` says more than ``than`` ("second" is finer than "day")."""
    rank = {p: i for i, p in enumerate(PRECISIONS)}
    return rank.get(precision or "", len(rank)) < rank.get(than or "", len(rank))


LINK_KINDS = ("reports", "covers")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes in, UTC out, on every backend.

    SQLite has no timezone type: values are stored as naive UTC and given back
    aware, so comparisons and JSON output are the same on both backends.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: onrecord stores aware datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Source(Base):
    """A configured place we crawl: a feed, a site, an account."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20), default="statements")
    default_speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speaker.id", ondelete="SET NULL")
    )
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)  # from the sources file
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)  # crawl cursors (since_id, ...)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_success_at: Mapped[datetime | None]
    last_failure_at: Mapped[datetime | None]
    last_failure_reason: Mapped[str | None] = mapped_column(Text)
    last_new_at: Mapped[datetime | None]  # last time a crawl brought a new document or version

    default_speaker: Mapped[Speaker | None] = relationship()
    documents: Mapped[list[Document]] = relationship(back_populates="source")


class Speaker(Base):
    """A person or organisation that says things."""

    __tablename__ = "speaker"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))  # canonical, the fullest form
    kind: Mapped[str] = mapped_column(String(20), default="person")
    wikidata_id: Mapped[str | None] = mapped_column(String(20), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerAlias.id"
    )


class SpeakerAlias(Base):
    """Another name of a speaker, or a platform handle (``platform`` set).

    ``folded`` is the name case- and diacritic-folded (store.text.normalize_words),
    which is what lookups compare: "Erdogan" finds "Erdoğan".
    """

    __tablename__ = "speaker_alias"
    __table_args__ = (UniqueConstraint("speaker_id", "platform", "folded"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speaker.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    folded: Mapped[str] = mapped_column(String(300), index=True)
    platform: Mapped[str] = mapped_column(String(20), default="")  # "" for a name; x, bluesky...

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class RawBlob(Base):
    """Fetched bytes, compressed, stored once per distinct content (sha256 of the raw bytes)."""

    __tablename__ = "raw_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    compression: Mapped[str] = mapped_column(String(10), default="zlib")
    size: Mapped[int] = mapped_column(Integer)  # uncompressed
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Document(Base):
    """One item fetched (statement, post, article) at its canonical URL: its current state."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)  # canonical
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("source.id", ondelete="SET NULL"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(  # the page a post was embedded in
        ForeignKey("document.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(20), default="article")
    external_id: Mapped[str | None] = mapped_column(String(300), unique=True)  # "x:1234"
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")  # text of the latest version
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    published_precision: Mapped[str | None] = mapped_column(String(10))
    published_from: Mapped[str | None] = mapped_column(String(40))  # json-ld, feed, api, ...
    modified_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    source: Mapped[Source | None] = relationship(back_populates="documents")
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="DocumentVersion.number",
    )


class DocumentVersion(Base):
    """One distinct content of a document, as fetched at one time."""

    __tablename__ = "document_version"
    __table_args__ = (
        UniqueConstraint("document_id", "number"),
        Index("ix_document_version_document_id_content_sha256", "document_id", "content_sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... in fetch order
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    content_sha256: Mapped[str] = mapped_column(String(64))  # of title + text: what "edited" means
    raw_sha256: Mapped[str | None] = mapped_column(ForeignKey("raw_blob.sha256"), index=True)
    content_type: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")

    document: Mapped[Document] = relationship(back_populates="versions")
    raw: Mapped[RawBlob | None] = relationship()


class Quotation(Base):
    """The same words of one speaker, however many documents carry them."""

    __tablename__ = "quotation"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)  # as first said
    normalized: Mapped[str] = mapped_column(Text)  # store.text.normalize_words(text)
    norm_hash: Mapped[str] = mapped_column(String(40), index=True)  # sha1 of normalized
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speaker.id", ondelete="SET NULL"), index=True
    )
    lang: Mapped[str | None] = mapped_column(String(20))
    first_said_at: Mapped[datetime | None] = mapped_column(index=True)
    first_said_precision: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    speaker: Mapped[Speaker | None] = relationship()
    # write_only: a quotation repeated a thousand times must not load a
    # thousand rows whenever one more occurrence is added.
    occurrences: WriteOnlyMapped[Occurrence] = relationship(
        back_populates="quotation", cascade="all, delete-orphan", passive_deletes=True
    )
    links: WriteOnlyMapped[Link] = relationship(
        back_populates="quotation", cascade="all, delete-orphan", passive_deletes=True
    )


class MergedQuotation(Base):
    """A quotation merged into another (the same words): its old id still leads there."""

    __tablename__ = "merged_quotation"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # the old id
    into_id: Mapped[int] = mapped_column(ForeignKey("quotation.id", ondelete="CASCADE"), index=True)
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)


class Occurrence(Base):
    """Where a quotation appears: a span of one version of one document."""

    __tablename__ = "occurrence"
    __table_args__ = (UniqueConstraint("version_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quotation_id: Mapped[int] = mapped_column(
        ForeignKey("quotation.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int] = mapped_column(ForeignKey("document_version.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)  # character offsets in the version's text
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # the words as this document gives them
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speaker.id", ondelete="SET NULL"))
    speaker_mention: Mapped[str | None] = mapped_column(Text)  # "the minister", "he", ...
    cue: Mapped[str | None] = mapped_column(String(200))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    context: Mapped[str | None] = mapped_column(Text)  # the sentence around it
    said_at: Mapped[datetime | None]
    said_precision: Mapped[str | None] = mapped_column(String(10))
    kind: Mapped[str | None] = mapped_column(String(20))  # full, partial, turn, post, headline
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    quotation: Mapped[Quotation] = relationship(back_populates="occurrences")
    document: Mapped[Document] = relationship()
    version: Mapped[DocumentVersion] = relationship()
    speaker: Mapped[Speaker | None] = relationship()
    co_speakers: Mapped[list[Speaker]] = relationship(
        secondary="occurrence_co_speaker", order_by="Speaker.id", viewonly=True
    )


class OccurrenceCoSpeaker(Base):
    """Another speaker of a joint statement ("Reyes and Tully said"): the occurrence's
    ``speaker`` is the first named; these said it with them."""

    __tablename__ = "occurrence_co_speaker"

    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("occurrence.id", ondelete="CASCADE"), primary_key=True
    )
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speaker.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Link(Base):
    """A quotation tied to an article that reports or covers it, with the reason why."""

    __tablename__ = "link"
    __table_args__ = (UniqueConstraint("quotation_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quotation_id: Mapped[int] = mapped_column(ForeignKey("quotation.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # reports | covers
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    quotation: Mapped[Quotation] = relationship(back_populates="links")
    document: Mapped[Document] = relationship()


class FetchFailure(Base):
    """A fetch or parse that failed: why, how often, and the raw bytes when there were any.

    Kept for retry; ``resolved_at`` is set when a later fetch of the URL succeeds.
    """

    __tablename__ = "fetch_failure"
    __table_args__ = (UniqueConstraint("source_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    http_status: Mapped[int | None] = mapped_column(Integer)
    raw_sha256: Mapped[str | None] = mapped_column(ForeignKey("raw_blob.sha256"))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_failed_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_failed_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]

    source: Mapped[Source | None] = relationship()


class CrawlRun(Base):
    """One pass over one source: when, how it ended, what it brought."""

    __tablename__ = "crawl_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")  # ok | failed | running
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)  # new, changed, unchanged, ...
    error: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source] = relationship()


class JobState(Base):
    """Where a recurring job got to (a watermark), so a run handles only what is new."""

    __tablename__ = "job_state"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Subscription(Base):
    """What a media monitor follows, and where and when the digest goes."""

    __tablename__ = "subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    speakers: Mapped[list[str]] = mapped_column(default=list)
    query: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[list[str]] = mapped_column(default=list)
    schedule: Mapped[str] = mapped_column(String(100), default="0 8 * * *")  # cron
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    emails: Mapped[list[str]] = mapped_column(default=list)
    webhooks: Mapped[list[str]] = mapped_column(default=list)
    atom: Mapped[bool] = mapped_column(Boolean, default=False)
    watermark: Mapped[int] = mapped_column(Integer, default=0)  # last occurrence id delivered
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="subscription", cascade="all, delete-orphan"
    )


class Delivery(Base):
    """One digest sent (or failed) on one channel."""

    __tablename__ = "delivery"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscription.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(20))  # email | webhook | atom
    target: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))  # sent | failed
    error: Mapped[str | None] = mapped_column(Text)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    first_item_id: Mapped[int | None] = mapped_column(Integer)
    last_item_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    subscription: Mapped[Subscription] = relationship(back_populates="deliveries")
