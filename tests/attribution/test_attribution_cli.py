"""``onrecord extract``: JSON Lines in, JSON Lines out; one HTML page with --html."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

DOCS = [
    {
        "id": "a1",
        "text": "“We will not retreat,” Defence Minister Orhan Demirel said on Monday.",
        "published": "2024-03-20",
        "lang": "en",
    },
    {
        "id": "a2",
        "text": "“Wir bauen jedes Dorf wieder auf.”",
        "lang": "de",
        "default_speaker": "Ilham Aliyev",
    },
    {"id": 3, "text": "No quotation at all."},
]


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    return path


def test_json_lines_in_json_lines_out(onrecord, tmp_path: Path) -> None:
    run = onrecord("extract", str(write_jsonl(tmp_path / "in.jsonl", DOCS)))
    assert run.code == 0, run.err
    lines = [json.loads(line) for line in run.out.splitlines()]
    assert [line["id"] for line in lines] == ["a1", "a2", 3]
    (first,) = lines[0]["quotes"]
    text = DOCS[0]["text"]
    assert text[first["start"] : first["end"]] == first["text"] == "We will not retreat"
    assert first["speaker"] == "Orhan Demirel"
    assert first["said_at"] == "2024-03-18" and first["said_precision"] == "day"
    assert first["cue"] == "said" and 0 < first["confidence"] <= 1
    assert {"speaker_start", "speaker_end", "cue_start", "normalized", "kind"} <= set(first)
    assert lines[1]["quotes"][0]["speaker"] == "Ilham Aliyev"
    assert lines[2]["quotes"] == []


def test_stdin_and_options_as_defaults(onrecord, monkeypatch) -> None:
    doc = {"id": "s", "text": "“We will rebuild every village.”"}
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(doc) + "\n\n"))
    run = onrecord("extract", "-", "--default-speaker", "Ilham Aliyev", "--published", "2024-01-02")
    assert run.code == 0, run.err
    (quote,) = json.loads(run.out)["quotes"]
    assert quote["speaker"] == "Ilham Aliyev" and quote["said_at"] == "2024-01-02"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": 1, "text": "ok"}\n{"id": 2, "text": \n', "line 2: not JSON"),
        ('{"text": "no id"}\n', 'line 1: no "id"'),
        ('{"id": 1, "text": 5}\n', 'line 1: "text" must be a string'),
        ('["a list"]\n', "line 1: expected a JSON object"),
        ('{"id": 1, "text": "x", "published": "someday"}\n', "line 1: published: not an ISO"),
    ],
)
def test_bad_input_is_one_line_naming_the_line(
    onrecord, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    run = onrecord("extract", str(path))
    assert run.code != 0
    assert message in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert "Traceback" not in run.err


def test_an_unreadable_file_is_one_clear_line(onrecord, tmp_path: Path) -> None:
    run = onrecord("extract", str(tmp_path / "missing.jsonl"))
    assert run.code != 0
    assert run.err.startswith("onrecord: error: cannot read") and "missing.jsonl" in run.err


def test_html_page_gives_one_line_with_its_text_and_quotes(onrecord) -> None:
    page = PAGES / "news_jsonld_graph.html"
    run = onrecord("extract", "--html", str(page))
    assert run.code == 0, run.err
    (line,) = [json.loads(x) for x in run.out.splitlines()]
    assert line["id"] == line["url"] and line["url"].startswith("https://")
    text = line["text"]
    assert line["quotes"]
    for quote in line["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    speakers = {q["text"]: q["speaker"] for q in line["quotes"]}
    assert speakers["We will not be the ones who shut the door on families"] == "Viktor Sorel"


def test_html_transcript_turns(onrecord) -> None:
    run = onrecord("extract", "--html", str(PAGES / "kremlin_transcript.html"))
    assert run.code == 0, run.err
    quotes = json.loads(run.out)["quotes"]
    assert {q["kind"] for q in quotes} == {"turn"}
    assert {q["speaker"] for q in quotes} == {"V.Putin", "A.Lebedev"}


def test_url_without_html_is_refused(onrecord, tmp_path: Path) -> None:
    run = onrecord("extract", str(write_jsonl(tmp_path / "in.jsonl", DOCS)), "--url", "https://x")
    assert run.code != 0 and "--url applies to --html only" in run.err


def test_the_installed_command_streams_and_never_prints_a_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "onrecord"
    good = write_jsonl(tmp_path / "in.jsonl", DOCS)
    done = subprocess.run([exe, "extract", good], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 3
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    done = subprocess.run([exe, "extract", bad], capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
