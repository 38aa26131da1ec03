"""Crawl benchmark: end-to-end pages/s next to plain Scrapy on the same pages.

Run by hand, never in CI:

    python bench/crawl.py                 # 5,000 statement pages, SQLite
    python bench/crawl.py --pages 1000 --json
    python bench/crawl.py --db postgresql://postgres@127.0.0.1/bench_crawl

A local static server (Twisted, in its own process) serves N generated
statement pages (about 40 KB each: navigation, the statement with quotations,
footer) and one RSS feed listing them all. Then, in one run:

1. plain Scrapy fetches the feed and every page, doing nothing with them;
2. `onrecord crawl` does the same with everything on: extract, attribute,
   store (raw kept, versions, quotations).

Both use the same concurrency and no throttling (it is our own server); the
figure is pages per second of crawl time (Scrapy's elapsed_time_seconds), so
interpreter start-up is not counted in either. Each is run ``--repeat`` times,
alternating, and the medians are compared. Goal: end-to-end at least half
the plain rate.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_SETTINGS = [
    "AUTOTHROTTLE_ENABLED=false",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS=32",
    "CONCURRENT_REQUESTS_PER_DOMAIN=32",
    "ROBOTSTXT_OBEY=false",
    "LOG_LEVEL=ERROR",
]

FIRST = ["Viktor", "Leyla", "Anna", "Tomas", "Irina", "Daniel", "Elena", "Rauf", "Ines", "Paul"]
LAST = ["Sorel", "Mammadova", "Lindqvist", "Brandt", "Kovac", "Okafor", "Varga", "Karimli"]
TITLES = ["President", "Foreign Minister", "Prime Minister", "Defence Minister", "Speaker"]
SENTENCES = [
    "The talks will resume in Geneva next week",
    "Every displaced family will be able to return home before winter",
    "We will rebuild every school and every hospital in the north",
    "Dialogue is the only road to a lasting peace",
    "Such provocations undermine the peace process and will not go unanswered",
    "This budget puts families first",
    "No household will pay more for heating this winter",
    "The corridor will reopen on Monday for civilian traffic",
]
FILLER = (
    "The meeting also discussed cooperation in energy, transport and education, and the "
    "parties agreed to continue consultations at the level of deputy ministers. "
)


def statement_page(n: int, rng: random.Random, base: str, day: datetime) -> str:
    speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    title = rng.choice(TITLES)
    paragraphs = [f"<p>{title} {speaker} held a meeting on {day:%d %B %Y}. {FILLER}</p>"]
    for _ in range(rng.randint(2, 5)):
        quote = rng.choice(SENTENCES)
        paragraphs.append(
            rng.choice(
                [
                    f'<p>"{quote}," {speaker.split()[-1]} said. {FILLER}</p>',
                    f"<p>{title} {speaker} stressed that “{quote.lower()}”. {FILLER}</p>",
                    f'<p>"{quote}," the {title.lower()} added.</p>',
                ]
            )
        )
        paragraphs.append(f"<p>{FILLER * rng.randint(1, 3)}</p>")
    nav = "".join(f'<li><a href="{base}/section/{i}">Section {i}</a></li>' for i in range(120))
    footer = "".join(f'<a href="{base}/doc/{i}">Document {i}</a> ' for i in range(150))
    script = "var analytics = {" + ",".join(f'"k{i}": {i}' for i in range(400)) + "};"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} {speaker} held a meeting | Government of the Republic</title>
<link rel="canonical" href="{base}/statements/{n}">
<meta property="article:published_time" content="{day.isoformat()}">
<script>{script}</script></head>
<body><header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title} {speaker} held a meeting</h1>{"".join(paragraphs)}</article></main>
<footer>{footer}</footer></body></html>"""


def build_site(directory: Path, pages: int, port: int) -> None:
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(11)
    (directory / "statements").mkdir(parents=True)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    items = []
    for n in range(pages):
        day = start + timedelta(hours=3 * n)
        (directory / "statements" / f"{n}.html").write_text(
            statement_page(n, rng, base, day), encoding="utf-8"
        )
        items.append(
            f"<item><title>Statement {n}</title><link>{base}/statements/{n}.html</link>"
            f"<pubDate>{day:%a, %d %b %Y %H:%M:%S} +0000</pubDate></item>"
        )
    (directory / "feed.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>'
        f"<link>{base}/</link><description>bench</description>{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


PLAIN_SPIDER = """
import re, sys, json, scrapy
from scrapy.crawler import CrawlerProcess

class Plain(scrapy.Spider):
    name = "plain"
    start_urls = [sys.argv[1]]
    def parse(self, response):
        for url in re.findall(rb"<link>([^<]+/statements/[^<]+)</link>", response.body):
            yield scrapy.Request(url.decode(), callback=self.page)
    def page(self, response):
        pass

settings = {k: v for k, v in (s.split("=", 1) for s in json.loads(sys.argv[2]))}
process = CrawlerProcess(settings=settings)
crawler = process.create_crawler(Plain)
process.crawl(crawler)
process.start()
stats = crawler.stats.get_stats()
print(json.dumps({"pages": stats.get("response_received_count", 0) - 1,
                  "seconds": stats["elapsed_time_seconds"]}))
"""


def run_plain(feed: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", PLAIN_SPIDER, feed, json.dumps(SHARED_SETTINGS)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["pages_per_second"] = round(result["pages"] / result["seconds"], 1)
    return result


def run_onrecord(feed: str, db: str, workdir: Path, extra: list[str]) -> dict[str, float]:
    sources = workdir / "bench-sources.toml"
    sources.write_text(
        f'[[source]]\nname = "bench"\nkind = "feed"\nurl = "{feed}"\nspeaker = "Viktor Sorel"\n',
        encoding="utf-8",
    )
    args = [
        sys.executable,
        "-m",
        "onrecord",
        "crawl",
        "--sources",
        str(sources),
        "--db",
        db,
        "--json",
    ]
    for setting in [*SHARED_SETTINGS, *extra]:
        args += ["-s", setting]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"onrecord crawl failed:\n{done.stderr[-3000:]}")
    summary = json.loads(done.stdout)
    source = summary["sources"][0]
    return {
        "pages": source["new"] + source["unchanged"] + source["changed"],
        "failed": source["failed"],
        "quotations": source["quotations"],
        "seconds": source["elapsed_seconds"],
        "pages_per_second": round(
            (source["new"] + source["unchanged"]) / source["elapsed_seconds"], 1
        ),
    }


def median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    """The run with the median rate (runs on a shared machine vary by tens of percent)."""
    ordered = sorted(runs, key=lambda r: r["pages_per_second"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["all_pages_per_second"] = [r["pages_per_second"] for r in runs]  # type: ignore[assignment]
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    parser.add_argument("--json", action="store_true", help="last line: one JSON object")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each (alternating); the medians are compared"
    )
    parser.add_argument(
        "-s",
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra setting for onrecord crawl only",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="onrecord-bench-") as tmp:
        workdir = Path(tmp)
        port = free_port()
        site = workdir / "site"
        build_site(site, args.pages, port)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "twisted",
                "web",
                "--listen",
                f"tcp:{port}:interface=127.0.0.1",
                "--path",
                str(site),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            feed = f"http://127.0.0.1:{port}/feed.xml"
            plains, onrecords = [], []
            for n in range(args.repeat):
                plains.append(run_plain(feed))
                print(f"  plain Scrapy: {plains[-1]}", file=sys.stderr)
                db = args.db or str(workdir / f"bench-{n}.db")
                if args.db and n:
                    sys.exit("--db with --repeat above 1 would crawl into a full database")
                onrecords.append(run_onrecord(feed, db, workdir, args.settings))
                print(f"  onrecord crawl: {onrecords[-1]}", file=sys.stderr)
            plain = median_run(plains)
            onrecord = median_run(onrecords)
        finally:
            server.terminate()
            server.wait()
    figures = {
        "benchmark": "crawl",
        "pages": args.pages,
        "backend": "postgresql" if args.db and args.db.startswith("postgres") else "sqlite",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "plain": plain,
        "onrecord": onrecord,
        "ratio": round(onrecord["pages_per_second"] / plain["pages_per_second"], 3),
    }
    print(json.dumps(figures) if args.json else json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
