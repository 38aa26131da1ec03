"""Text output for people (the ``--json`` twins are the dataclasses' to_json)."""

from __future__ import annotations

import textwrap

import click

from store.queries import QuoteDetail, QuoteItem, SpeakerItem


def when(iso_time: str | None, precision: str | None = None) -> str:
    """A time as people read it, no more precise than we know it."""
    if not iso_time:
        return "date unknown"
    day, _, rest = iso_time.partition("T")
    if precision in ("day", "month", "year") or not rest:
        return {"year": day[:4], "month": day[:7]}.get(precision or "", day)
    return f"{day} {rest[:5]} UTC"


def quote_item(item: QuoteItem) -> str:
    said = when(item.said_at, item.said_precision)
    head = f"#{item.id}  {said}  {item.speaker or '(speaker unknown)'}"
    body = textwrap.fill(
        f"“{item.text}”", width=96, initial_indent="    ", subsequent_indent="     "
    )
    where = f"    {item.source or '-'} · {item.url or '-'}"
    if item.occurrences > 1:
        where += f"  ({item.occurrences} occurrences)"
    return "\n".join([head, body, where])


def quote_detail(detail: QuoteDetail) -> str:
    lines = (
        []
        if detail.merged_from is None
        else [f"(#{detail.merged_from} was merged into #{detail.id}: the same words)"]
    )
    lines += [
        textwrap.fill(f"“{detail.text}”", width=96),
        f"  — {detail.speaker or '(speaker unknown)'}, first said "
        f"{when(detail.said_at, detail.said_precision)}",
    ]
    if detail.context:
        lines.append(
            textwrap.fill(
                detail.context, 96, initial_indent="  context: ", subsequent_indent="           "
            )
        )
    lines.append("")
    lines.append(f"Occurrences ({len(detail.occurrences)}, earliest first):")
    for n, o in enumerate(detail.occurrences, 1):
        flags = " [deleted at source]" if o.deleted else ""
        lines.append(
            f"  {n}. {when(o.said_at, o.said_precision)}  {o.source or '-'}  {o.url}{flags}"
        )
        cue = f"cue “{o.cue}”, " if o.cue else ""
        who = (
            f"{o.speaker_mention} → "
            if o.speaker_mention and o.speaker_mention != o.speaker
            else ""
        )
        speakers = o.speaker or "(unknown)"
        if o.co_speakers:
            speakers += " with " + ", ".join(o.co_speakers)  # a joint statement
        lines.append(f"     {who}{speakers}; {cue}confidence {o.confidence:.2f}")
    lines.append("")
    if detail.links:
        lines.append(f"Linked articles ({len(detail.links)}):")
        for link in detail.links:
            lines.append(
                f"  {link.kind:<8} {link.score:.2f}  {link.title or '(no title)'}  {link.url}"
            )
            lines.append(f"           why: {link.reason}")
    else:
        lines.append("Linked articles: none yet")
    return "\n".join(lines)


def speaker_item(item: SpeakerItem) -> str:
    line = f"#{item.id}  {item.name} ({item.kind})  {item.quotations} quotations"
    if item.occurrences != item.quotations:
        line += f", {item.occurrences} occurrences"
    extra = []
    if item.aliases:
        extra.append("also: " + ", ".join(item.aliases))
    for platform, handles in item.handles.items():
        extra.append(f"{platform}: " + ", ".join("@" + h.lstrip("@") for h in handles))
    if item.wikidata_id:
        extra.append(f"wikidata: {item.wikidata_id}")
    return line + "".join(f"\n     {e}" for e in extra)


def echo_blocks(blocks: list[str]) -> None:
    click.echo("\n\n".join(blocks))
