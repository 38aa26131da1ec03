"""Incremental runs: only what is new, against everything; twice changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from labelled import predicted_links, read_corpus, store_corpus
from sqlalchemy import select

from store.models import JobState, Link, Occurrence, Quotation

PEACE = "Vardenia supports every effort to bring a lasting peace to the Tellin valley."


def _tables(store) -> tuple[list[tuple], ...]:
    with store.session() as session:
        return (
            sorted(session.execute(select(Quotation.id, Quotation.text, Quotation.first_said_at))),
            sorted(session.execute(select(Occurrence.id, Occurrence.quotation_id))),
            sorted(
                session.execute(
                    select(Link.quotation_id, Link.document_id, Link.kind, Link.score, Link.reason)
                )
            ),
            sorted((j.name, str(j.state), j.updated_at) for j in session.scalars(select(JobState))),
        )


def test_a_second_run_changes_nothing(newsroom, link, store) -> None:
    newsroom.post("president", "2024-03-04 09:00", f"“{PEACE}”", [(PEACE, "Viktor Sorel")])
    newsroom.post(
        "wire",
        "2024-03-04 12:00",
        f"Sorel said “{PEACE.lower()}” — and “supports every effort to bring a lasting peace”.",
        [("supports every effort to bring a lasting peace", "Viktor Sorel")],
    )
    first = link()
    assert first.full and sum(first.links_added.values()) == 1 and first.quotations_merged == 1
    before = _tables(store)

    second = link()

    assert second.nothing_new
    assert second.links_added == {"reports": 0, "covers": 0}
    assert _tables(store) == before


def test_an_article_published_after_the_run_is_linked_by_the_next(newsroom, link) -> None:
    statement = newsroom.post(
        "president", "2024-03-04 09:00", f"“{PEACE}”", [(PEACE, "Viktor Sorel")]
    )
    link()
    assert newsroom.links() == {}

    article = newsroom.post(
        "wire",
        "2024-03-05 10:00",
        f"President Viktor Sorel said: {PEACE} Talks resume in Geneva.",
    )
    report = link()

    assert not report.full and report.new_articles == 1 and report.quotations_linked == 0
    kind, _, reason = newsroom.links()[(newsroom.quotation_of(statement), article.document_id)]
    assert kind == "reports" and reason.startswith("contains all 13 words")


def test_a_new_quotation_is_linked_to_articles_already_there(newsroom, link) -> None:
    article = newsroom.post(
        "wire",
        "2024-03-05 10:00",
        f"President Viktor Sorel said: {PEACE} Talks resume in Geneva.",
    )
    link()
    # The official statement of the day before is crawled only now.
    statement = newsroom.post(
        "president", "2024-03-04 09:00", f"“{PEACE}”", [(PEACE, "Viktor Sorel")]
    )

    report = link()

    assert report.quotations_linked == 1 and report.new_articles == 0
    assert (newsroom.quotation_of(statement), article.document_id) in newsroom.links()


def test_an_edited_article_is_read_again(newsroom, link, store) -> None:
    statement = newsroom.post(
        "president", "2024-03-04 09:00", f"“{PEACE}”", [(PEACE, "Viktor Sorel")]
    )
    url = "https://wire.example/sorel-talks"
    first = newsroom.post("wire", "2024-03-05 10:00", "Talks resume in Geneva on Monday.", url=url)
    link()
    assert newsroom.links() == {}

    edited = newsroom.post(
        "wire",
        "2024-03-05 10:00",
        f"Talks resume in Geneva on Monday. President Viktor Sorel said: {PEACE}",
        url=url,
    )
    assert edited.document_id == first.document_id  # a new version of the same article
    link()

    assert (newsroom.quotation_of(statement), first.document_id) in newsroom.links()


def test_runs_in_two_halves_find_what_one_full_run_finds(store, link) -> None:
    """The labelled set stored in two crawls (by publication date) and linked after each
    gives the links of one run over all of it.

    Reports exactly; covers up to a borderline link or two, as the idf weights
    of a run are those of the articles known then.
    """
    labelled = read_corpus()
    cut = datetime(2024, 5, 1, tzinfo=UTC)
    early = [d for d in labelled.documents if d.published < cut]
    late = [d for d in labelled.documents if d.published >= cut]
    with store.session() as session:
        stored = store_corpus(session, labelled, early)
    link()
    with store.session() as session:
        stored_late = store_corpus(session, labelled, late)
    stored.documents.update(stored_late.documents)
    stored.occurrences.update(stored_late.occurrences)
    second = link()
    assert not second.full and second.new_articles == len(
        [d for d in late if labelled.sources[d.source][0] == "news"]
    )
    with store.session() as session:
        incremental = predicted_links(session, stored)
        session.execute(Link.__table__.delete())
        session.execute(JobState.__table__.delete())
    link()
    with store.session() as session:
        full = predicted_links(session, stored)

    def of_kind(links: set[tuple[str, str, str]], kind: str) -> set[tuple[str, str, str]]:
        return {x for x in links if x[2] == kind}

    assert of_kind(incremental, "reports") == of_kind(full, "reports")
    covers_full = of_kind(full, "covers")
    assert len(of_kind(incremental, "covers") ^ covers_full) <= 0.05 * len(covers_full)
    assert len(full) > 80
