"""How fast ``extract_page`` is, on the fixture pages and on pages of realistic size.

Run by hand, never in CI:

    .venv/bin/python bench/extract.py [--seconds 3] [--json]

The fixture pages (tests/fixtures/pages) are small, 1-9 KB. Real article
pages are mostly 50-150 KB, nearly all of it navigation, scripts, styles
and teaser lists; the "padded" set adds such boilerplate to every fixture
until it weighs about ``--padded-kb`` KB, so the figures reflect what the
crawler will meet. Besides whole-page figures it times the stages alone
(parse, metadata, text, embeds, htmldate), and the alternatives we chose
against: trafilatura with its readability/jusText fallback (``fast=False``)
and htmldate's extensive search.

The last line of output is one JSON object of figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from htmldate import find_date

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.extract import extract_page  # noqa: E402
from crawler.extract.embeds import find_embedded_posts  # noqa: E402
from crawler.extract.evidence import gather_evidence  # noqa: E402
from crawler.extract.html import parse_html  # noqa: E402
from crawler.extract.metadata import find_authors, find_site_name, find_title, find_url  # noqa: E402
from crawler.extract.text import extract_text  # noqa: E402
from crawler.extract.timestamps import find_modified, find_published  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"


def boilerplate(kb: int) -> tuple[str, str]:
    """Head and body filler of about ``kb`` KB in the proportions of a news site."""
    script = "<script>" + "window.__APP__=" + json.dumps({"k": ["v" * 40] * 60}) + ";</script>\n"
    style = "<style>" + ".c{margin:0;padding:0;color:#333}\n" * 60 + "</style>\n"
    menu = (
        "<nav class='mega-menu'><ul>"
        + "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(80))
        + "</ul></nav>\n"
    )
    teasers = (
        "<section class='related'><h2>More stories</h2>"
        + "".join(
            f"<article class='teaser'><a href='/story/{i}'><h3>Story headline number {i}</h3></a>"
            f"<p>Short teaser text for story {i}.</p><time datetime='2024-01-0{i % 9 + 1}'>"
            "Jan</time></article>"
            for i in range(30)
        )
        + "</section>\n"
    )
    footer = (
        "<footer>" + "".join(f"<a href='/f/{i}'>Link {i}</a> " for i in range(60)) + "</footer>"
    )
    head, body = style, menu
    while len(head) + len(body) < kb * 1024:
        head += script
        body += teasers if len(body) < len(head) else script
    return head, body + footer


def padded(html: str, kb: int) -> str:
    head, body = boilerplate(kb)
    html = html.replace("</head>", head + "</head>", 1)
    if "<body" in html:
        start = html.index(">", html.index("<body")) + 1
        html = html[:start] + body + html[start:]
    return html


def timed(function: Callable[[], object], seconds: float) -> list[float]:
    """Run ``function`` repeatedly for about ``seconds``; durations in ms."""
    function()  # warm-up
    durations, deadline = [], time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(durations) < 3:
        start = time.perf_counter()
        function()
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def figures(durations: list[float]) -> dict[str, float]:
    ordered = sorted(durations)
    return {
        "ms_mean": round(statistics.fmean(ordered), 3),
        "ms_p50": round(ordered[len(ordered) // 2], 3),
        "ms_p95": round(ordered[int(len(ordered) * 0.95)], 3),
    }


def run_set(pages: dict[str, str], seconds: float) -> dict[str, object]:
    """Whole-page and per-stage times over a set of pages (each page equally weighted)."""
    per_page = {
        name: timed(lambda html=html: extract_page(html, URL), seconds)
        for name, html in pages.items()
    }
    means = [statistics.fmean(d) for d in per_page.values()]
    stage_times: dict[str, list[float]] = {}
    for html in pages.values():
        tree = parse_html(html).tree
        assert tree is not None
        evidence = gather_evidence(tree, URL)

        def metadata(evidence=evidence) -> None:
            site = find_site_name(evidence)
            find_url(evidence), find_title(evidence, site), find_authors(evidence, site)
            find_published(evidence), find_modified(evidence)

        stages = {
            "parse": lambda html=html: parse_html(html),
            "evidence": lambda tree=tree: gather_evidence(tree, URL),
            "metadata": metadata,
            "text_fast": lambda tree=tree: extract_text(tree, URL, fast=True),
            "text_full": lambda tree=tree: extract_text(tree, URL, fast=False),
            "embeds": lambda tree=tree: find_embedded_posts(tree),
            "htmldate": lambda tree=tree: find_date(
                tree, extensive_search=False, original_date=True, url=""
            ),
            "htmldate_extensive": lambda tree=tree: find_date(
                tree, extensive_search=True, original_date=True, url=""
            ),
        }
        for stage, function in stages.items():
            stage_times.setdefault(stage, []).append(
                statistics.fmean(timed(function, seconds / len(stages)))
            )
    mean_ms = statistics.fmean(means)
    return {
        "pages": len(pages),
        "kb_mean": round(statistics.fmean(len(h.encode()) for h in pages.values()) / 1024, 1),
        "pages_per_s": round(1000 / mean_ms, 1),
        **figures([d for durations in per_page.values() for d in durations]),
        "page_ms_mean": {name: round(m, 3) for name, m in zip(per_page, means, strict=True)},
        "stage_ms_mean": {stage: round(statistics.fmean(t), 3) for stage, t in stage_times.items()},
    }


URL = "https://news.example/world/2024/05/07/story"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=1.0, help="seconds per page and per stage set"
    )
    parser.add_argument("--padded-kb", type=int, default=80, help="size of the padded pages")
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    args = parser.parse_args()

    fixtures = {p.stem: p.read_text(encoding="utf-8") for p in sorted(PAGES.glob("*.html"))}
    realistic = {name: padded(html, args.padded_kb) for name, html in fixtures.items()}
    result = {
        "bench": "extract",
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "fixtures": run_set(fixtures, args.seconds),
        "padded": run_set(realistic, args.seconds),
    }
    if not args.json:
        for key in ("fixtures", "padded"):
            block = result[key]
            print(
                f"{key:9} {block['pages']} pages, {block['kb_mean']} KB mean: "
                f"{block['pages_per_s']} pages/s, {block['ms_mean']} ms mean, "
                f"p50 {block['ms_p50']} ms, p95 {block['ms_p95']} ms"
            )
            stages = ", ".join(f"{k} {v}" for k, v in block["stage_ms_mean"].items())
            print(f"          stages (ms): {stages}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
