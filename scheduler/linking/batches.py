"""Small helpers for running queries over many ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# Ids per IN (...) list: far under SQLite's limit of 32,766 bound parameters,
# and PostgreSQL plans lists of this size well.
CHUNK = 5000


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size``."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def sorted_ids(ids: Iterable[int]) -> Sequence[int]:
    return sorted(set(ids))
