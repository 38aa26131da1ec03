"""``onrecord link``: the summary, the --json report, errors on one line."""

from __future__ import annotations

import json

from seed import Corpus


def test_link_json_report_then_nothing_new(onrecord, db_url: str, corpus: Corpus) -> None:
    run = onrecord("link", "--db", db_url, "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["full"] is True
    assert report["links_added"]["reports"] >= 2  # the two news reports of "Karabakh is Azerbaijan"
    assert set(report["stages"]) >= {"grouping", "scan articles", "write links"}

    again = json.loads(onrecord("link", "--db", db_url, "--json").out)
    assert again["nothing_new"] is True and again["links_added"] == {"reports": 0, "covers": 0}

    quote = json.loads(
        onrecord("quote", str(corpus.quotations["karabakh"]), "--db", db_url, "--json").out
    )
    assert {link["kind"] for link in quote["links"]} == {"reports"}
    assert all(link["reason"] for link in quote["links"])


def test_link_summary_for_people(onrecord, db_url: str, corpus: Corpus) -> None:
    run = onrecord("--db", db_url, "link")
    assert run.code == 0, run.err
    assert run.out.startswith("Full run: ")
    assert "Links: " in run.out and "reports" in run.out
    assert onrecord("--db", db_url, "link").out.startswith("Nothing new since the last run")


def test_link_errors_are_one_line(onrecord, tmp_path) -> None:
    run = onrecord("link", "--db", str(tmp_path / "missing-dir" / "x.db"))
    assert run.code == 1
    assert run.err.startswith("onrecord: error: ") and run.err.count("\n") == 1
    assert "Traceback" not in run.err
