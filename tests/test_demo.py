"""`onrecord demo`: the README's run command, end to end, on both backends."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import func, select

from store.db import Store
from store.models import Document, Link, Quotation


def demo(db_url: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "onrecord", "demo", "--db", db_url],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def test_the_demo_answers_who_said_it_first_and_who_reported_it(db_url: str, store: Store) -> None:
    out = demo(db_url)
    assert "Crawled: 14 new, 0 changed, 0 unchanged, 0 failed documents" in out
    # the President's words: first on Mastodon, then in his statement, then in the news
    assert "who:    Viktor Sorel" in out
    assert "first:  2024-05-07 05:40 UTC, sorel-mastodon (post)" in out
    assert "again:  2024-05-07 06:30 UTC, veloria-president (statement)" in out
    assert "reports  “Sorel: northern corridor to reopen on Monday”" in out
    assert "why: quotes" in out
    # an article that paraphrases him without quoting: "covers", with why
    assert "covers   “Families in the north wait and see after corridor promise”" in out
    assert "why: mentions Sorel; similar topic" in out
    with store.session() as s:
        kinds = dict(s.execute(select(Document.kind, func.count()).group_by(Document.kind)).all())
        assert kinds == {"statement": 5, "post": 4, "article": 5}
        # the football report is about nothing the officials said: linked only to the
        # coach's words it carries itself
        football = s.scalars(select(Document).where(Document.url.contains("football"))).one()
        linked = s.scalars(
            select(Quotation.text)
            .join(Link, Link.quotation_id == Quotation.id)
            .where(Link.document_id == football.id)
        ).all()
        assert linked == ["The boys played with their hearts tonight"]


def test_running_the_demo_again_stores_nothing_twice(db_url: str) -> None:
    demo(db_url)
    again = demo(db_url)
    assert "Crawled: 0 new, 0 changed, 14 unchanged, 0 failed documents; 0 quotations." in again
    assert "Linked: 0 near duplicates grouped, 0 'reports' and 0 'covers' links." in again
