"""Finding and creating speakers by any of their names or handles.

Names are compared folded (store.text.normalize_words), so "Erdogan",
"ERDOĞAN" and "Erdoğan" are one name, and a query's words may be a part of a
longer name: "Erdogan" finds "Recep Tayyip Erdoğan".
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from store.models import Speaker, SpeakerAlias
from store.text import normalize_words

# A new name is merged into an existing speaker by word containment only when
# it has at least this many words: "Tayyip Erdoğan" joins "Recep Tayyip
# Erdoğan", but "Clinton" alone never guesses between Bill and Hillary.
MIN_WORDS_TO_MERGE = 2


def find_speakers(session: Session, name: str) -> list[Speaker]:
    """Speakers whose name, an alias or a handle contains all the words of ``name``.

    A number is taken as a speaker id. An exact name comes first.
    """
    name = name.strip()
    if name.isdigit():
        speaker = session.get(Speaker, int(name))
        return [speaker] if speaker else []
    folded = normalize_words(name.lstrip("@"))
    if not folded:
        return []
    padded = literal(" ") + SpeakerAlias.folded + literal(" ")
    conditions = [padded.like(f"% {word} %") for word in folded.split()]
    rows = session.execute(
        select(
            SpeakerAlias.speaker_id,
            func.max(case((SpeakerAlias.folded == folded, 1), else_=0)),
        )
        .where(and_(*conditions))
        .group_by(SpeakerAlias.speaker_id)
    ).all()
    exact = {speaker_id for speaker_id, is_exact in rows if is_exact}
    ids = sorted({speaker_id for speaker_id, _ in rows}, key=lambda i: (i not in exact, i))
    speakers = {s.id: s for s in session.scalars(select(Speaker).where(Speaker.id.in_(ids)))}
    return [speakers[i] for i in ids]


def speaker_by_handle(session: Session, platform: str, handle: str) -> Speaker | None:
    """The speaker who owns ``handle`` on ``platform`` (x, bluesky, mastodon, telegram)."""
    folded = normalize_words(handle.lstrip("@"))
    return session.scalar(
        select(Speaker)
        .join(SpeakerAlias)
        .where(SpeakerAlias.platform == platform, SpeakerAlias.folded == folded)
    )


def _merge_candidate(session: Session, folded: str) -> Speaker | None:
    """The one existing speaker this name is a shorter or longer form of, if unambiguous."""
    words = folded.split()
    if len(words) < MIN_WORDS_TO_MERGE:
        return None
    padded = literal(" ") + SpeakerAlias.folded + literal(" ")
    contains_new = and_(*[padded.like(f"% {w} %") for w in words])
    # Existing names that are part of the new one: compare in Python (few rows).
    rows = session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.folded).where(
            SpeakerAlias.platform == "",
            or_(
                contains_new,
                literal(f" {folded} ").like(literal("% ") + SpeakerAlias.folded + " %"),
            ),
        )
    ).all()
    candidates = {
        speaker_id
        for speaker_id, alias in rows
        if len(alias.split()) >= MIN_WORDS_TO_MERGE
        and (set(words) <= set(alias.split()) or set(alias.split()) <= set(words))
    }
    if len(candidates) != 1:
        return None
    return session.get(Speaker, candidates.pop())


def add_alias(session: Session, speaker: Speaker, alias: str, platform: str = "") -> None:
    """Give ``speaker`` another name (or handle), once."""
    folded = normalize_words(alias.lstrip("@") if platform else alias)
    if not folded:
        return
    exists = session.scalar(
        select(SpeakerAlias.id).where(
            SpeakerAlias.speaker_id == speaker.id,
            SpeakerAlias.platform == platform,
            SpeakerAlias.folded == folded,
        )
    )
    if exists is None:
        session.add(
            SpeakerAlias(speaker=speaker, alias=alias.strip(), folded=folded, platform=platform)
        )
        session.flush()


def get_or_create_speaker(
    session: Session,
    name: str,
    *,
    kind: str = "person",
    handles: dict[str, str] | None = None,
) -> Speaker:
    """The speaker called ``name`` (or owning one of ``handles``), created if new.

    The canonical name is the fullest form seen: when "Recep Tayyip Erdoğan"
    arrives after "Tayyip Erdoğan", the speaker is renamed and keeps both.
    """
    folded = normalize_words(name)
    if not folded:
        raise ValueError(f"a speaker needs a name, got {name!r}")
    speaker = None
    for platform, handle in (handles or {}).items():
        speaker = speaker_by_handle(session, platform, handle)
        if speaker:
            break
    if speaker is None:
        speaker = session.scalar(
            select(Speaker)
            .join(SpeakerAlias)
            .where(SpeakerAlias.platform == "", SpeakerAlias.folded == folded)
            .order_by(Speaker.id)
            .limit(1)
        )
    if speaker is None:
        speaker = _merge_candidate(session, folded)
    if speaker is None:
        speaker = Speaker(name=name.strip(), kind=kind)
        session.add(speaker)
        session.flush()
    elif len(folded.split()) > len(normalize_words(speaker.name).split()):
        speaker.name = name.strip()
    add_alias(session, speaker, name)
    for platform, handle in (handles or {}).items():
        add_alias(session, speaker, handle, platform)
    return speaker
