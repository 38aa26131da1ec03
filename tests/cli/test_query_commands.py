"""``onrecord search``, ``quote``, ``speakers``: the JSON contract and the errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from seed import Corpus

SEARCH_FIELDS = {"id", "text", "speaker", "said_at", "url", "source"}
QUOTE_FIELDS = {
    "id",
    "text",
    "speaker",
    "said_at",
    "url",
    "source",
    "context",
    "occurrences",
    "links",
}


def test_search_json_items_have_the_contract_fields(onrecord, db_url: str, corpus: Corpus) -> None:
    run = onrecord("search", '"Karabakh is Azerbaijan"', "--db", db_url, "--json")
    assert run.code == 0, run.err
    items = json.loads(run.out)
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert set(item) >= SEARCH_FIELDS
    assert item["id"] == corpus.quotations["karabakh"]
    assert item["speaker"] == "Recep Tayyip Erdoğan"
    assert item["said_at"] == "2021-09-27T07:00:00+00:00"
    assert item["source"] == "president-tr"
    assert item["url"].startswith("https://www.tccb.gov.tr/")


def test_search_filters_from_the_command_line(onrecord, db_url: str, corpus: Corpus) -> None:
    def found(*args: str) -> list[int]:
        run = onrecord("--db", db_url, "search", *args, "--json")
        assert run.code == 0, run.err
        return [i["id"] for i in json.loads(run.out)]

    q = corpus.quotations
    assert found("karabakh", "--speaker", "erdogan") == [q["karabakh"]]
    assert found("karabakh", "--since", "2021-01-01") == [q["karabakh"]]
    assert found("karabakh", "--until", "2020-11-10") == [q["ours"]]  # the whole day counts
    assert found("karabakh", "--source", "president-az") == [q["ours"]]
    assert found("peace", "--kind", "post") == [q["peace-post"]]
    assert found("baris", "--lang", "tr") == [q["baris"]]
    assert len(found("karabakh", "--limit", "1")) == 1


def test_search_for_people_reads_well(onrecord, db_url: str, corpus: Corpus) -> None:
    run = onrecord("search", "karabakh", "--db", db_url)
    assert run.code == 0
    assert "“Karabakh is Azerbaijan.”" in run.out
    assert "Recep Tayyip Erdoğan" in run.out and "president-tr" in run.out
    assert "1-2 of 2" in run.out


def test_quote_json_has_occurrences_earliest_first_and_links(
    onrecord, db_url: str, corpus: Corpus
) -> None:
    run = onrecord("quote", str(corpus.quotations["karabakh"]), "--db", db_url, "--json")
    assert run.code == 0, run.err
    detail = json.loads(run.out)
    assert set(detail) >= QUOTE_FIELDS
    assert [o["source"] for o in detail["occurrences"]] == [
        "president-tr",
        "daily-news",
        "daily-news",
    ]
    assert all({"url", "said_at"} <= set(o) for o in detail["occurrences"])
    assert detail["links"] == []
    people = onrecord("quote", str(corpus.quotations["karabakh"]), "--db", db_url)
    assert "Occurrences (3, earliest first)" in people.out


def test_speakers_lists_aliases_handles_and_counts(onrecord, db_url: str, corpus: Corpus) -> None:
    run = onrecord("speakers", "--db", db_url, "--json")
    assert run.code == 0, run.err
    speakers = {s["name"]: s for s in json.loads(run.out)}
    erdogan = speakers["Recep Tayyip Erdoğan"]
    assert erdogan["quotations"] == 3 and erdogan["occurrences"] == 5
    assert erdogan["aliases"] == ["Cumhurbaşkanı Erdoğan"]
    assert erdogan["handles"] == {"x": ["RTErdogan"]}
    run = onrecord("speakers", "aliyev", "--db", db_url, "--json")
    assert [s["name"] for s in json.loads(run.out)] == ["İlham Əliyev"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["quote", "999999"], "no quotation with id 999999"),
        (["quote", "abc"], "'abc' is not a valid integer"),
        (["search", "peace", "--since", "yesterday-ish"], "bad date 'yesterday-ish'"),
        (["search", "peace", "--until", "2024-02-30"], "bad date '2024-02-30'"),
        (["search", "-", "--json"], "nothing to search for"),
        (["search", "peace", "--limit", "0"], "--limit"),
    ],
)
def test_bad_input_is_one_clear_line_and_a_failure(
    onrecord, db_url: str, args: list[str], message: str
) -> None:
    run = onrecord(*args, "--db", db_url)
    assert run.code != 0
    assert message in run.err
    assert "Traceback" not in run.err and run.out == ""


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://postgres@127.0.0.1:1/test", "cannot connect to postgresql"),
        ("mysql://root@localhost/x", "unsupported database 'mysql'"),
        ("/no/such/dir/onrecord.db", "does not exist"),
        ("postgresql://u@h:port/x", "not a database URL"),
    ],
)
def test_an_unusable_database_is_one_clear_line(onrecord, url: str, message: str) -> None:
    run = onrecord("search", "peace", "--db", url)
    assert run.code == 1
    assert message in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_the_environment_variable_chooses_the_database(
    onrecord, db_url: str, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONRECORD_DB", db_url)
    run = onrecord("search", "karabakh", "--json")
    assert len(json.loads(run.out)) == 2


def test_the_default_database_is_an_sqlite_file_created_on_first_use(
    onrecord, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ONRECORD_DB", raising=False)
    monkeypatch.setenv("ONRECORD_HOME", str(tmp_path / "home"))
    run = onrecord("search", "anything", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out) == []
    assert (tmp_path / "home" / "onrecord.db").is_file()


def test_the_installed_command_never_prints_a_traceback(tmp_path) -> None:
    # the real entry point, in a separate process: exit code and stderr as a shell sees them
    result = subprocess.run(
        [sys.executable, "-m", "onrecord", "quote", "42", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "onrecord: error: no quotation with id 42 (find ids with `onrecord search`)"
    )


def test_migrate_creates_then_reports_current(onrecord, tmp_path) -> None:
    db = str(tmp_path / "m.db")
    first = onrecord("migrate", "--db", db)
    assert first.code == 0 and "schema is current" in first.out
