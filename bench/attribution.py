"""Attribution benchmark: documents/s and characters/s of extract_quotes, in one process.

Run by hand, never in CI:

    .venv/bin/python bench/attribution.py               # 2,000 synthetic news documents
    .venv/bin/python bench/attribution.py --docs 5000 --json   # last line: JSON figures

The documents are synthetic but shaped like news and press releases: a title, a
dateline, 8 to 20 paragraphs of narrative with names, titles and dates, and
quotations in every layout the parser reads (a cue after or before, split and
partial quotations, "according to", pronouns and descriptions, anonymous
sources, press-release signatures, the odd transcript), about one quotation per
700 characters, in English (80%) and the five other languages of the parser.
Everything is generated from templates here with a fixed seed; nothing is read
from ../shared. When ../shared/data/quotes is present its files are timed too.

A second figure is the stress case of the issue: one 5 MB paragraph of
quotations, stray and unclosed marks and apostrophes (worst case: every mark
an event, every quotation a speaker to resolve).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.attribution import extract_quotes  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "quotes"

FIRST = [
    "Selim",
    "Ayşe",
    "Viktor",
    "Dana",
    "Orhan",
    "Elena",
    "Nikos",
    "Rachel",
    "Tom",
    "Maria",
    "Daniel",
    "Lina",
    "Petros",
    "Kadri",
    "Jonas",
    "Claire",
    "Paul",
    "Andrés",
    "Lucía",
    "Igor",
]
LAST = [
    "Tarkan",
    "Korkmaz",
    "Sorel",
    "Marek",
    "Demirel",
    "Kostaki",
    "Varelas",
    "Moore",
    "Reilly",
    "Lund",
    "Okafor",
    "Haddad",
    "Lambrou",
    "Saar",
    "Kessler",
    "Vidal",
    "Renaud",
    "Ruiz",
    "Ortega",
    "Volkov",
]
TITLES = [
    "Foreign Minister",
    "Defence Minister",
    "Energy Minister",
    "President",
    "Senator",
    "Mayor",
    "Prime Minister",
    "Finance Minister",
    "Commissioner",
    "opposition leader",
]
ROLES = {
    "Foreign Minister": "the minister",
    "Defence Minister": "the minister",
    "Energy Minister": "the minister",
    "President": "the president",
    "Senator": "the senator",
    "Mayor": "the mayor",
    "Prime Minister": "the prime minister",
    "Finance Minister": "the minister",
    "Commissioner": "the commissioner",
    "opposition leader": "the opposition leader",
}
PLACES = [
    "Ankara",
    "Baku",
    "Athens",
    "Brussels",
    "Geneva",
    "Berlin",
    "Paris",
    "Madrid",
    "Istanbul",
    "Vienna",
    "Tbilisi",
    "Yerevan",
]
DAYS = ["on Monday", "on Tuesday", "yesterday", "last week", "on Friday", "on Thursday", ""]
SAYS = ["said", "told reporters", "added", "warned", "insisted", "wrote on X", "told parliament"]
CLAIMS = [
    "We will not wait for anyone's permission to build it",
    "Nothing is signed until everything is signed",
    "The talks are going better than anyone expected",
    "Our navy trains in international waters, as every navy does",
    "This agreement gives industry clear rules and a realistic timetable",
    "We remain ready for dialogue at any level",
    "The budget is balanced and it will stay balanced",
    "Every year we delay, rents go up and families leave",
    "No one will ever again decide our future for us",
    "Borders are not for sale, not one village and not one field",
    "The first gas will flow before the end of next year",
    "These numbers do not add up, and everyone knows it",
]
PARTIALS = [
    "a needless provocation",
    "reckless",
    "a fantasy",
    "a turning point for the region",
    "far apart on price",
    "technically sound",
    "a historic mistake",
    "premature",
]
NARRATIVE = [
    "The talks in {place} resumed after a pause of three weeks, officials said.",
    "The pipeline would carry up to 10 billion cubic metres of gas a year to {place}.",
    "Opposition parties have called for a vote in parliament before the end of the month.",
    "{title} {first} {last} arrived in {place} {day} for two days of meetings.",
    "Analysts expect the decision to weigh on markets in the coming weeks.",
    "The ministry has not published the full text of the agreement.",
    "Protesters gathered outside the embassy in {place}, where police closed two streets.",
    "The budget includes a rise in defence spending of four percent, the largest since 2015.",
    "The so-called “green levy” would add about two cents to a litre of fuel.",
    "Her memoir, “The Long Road Home,” sold more than 100,000 copies.",
    "It is the third such meeting this year, and the first since the elections in {place}.",
]
OTHER = {
    "de": (
        "„{q}“, sagte {title} {first} {last} {day}. Laut {last} ist die Lage „{p}“. "
        "Die Regierung in {place} äußerte sich zunächst nicht."
    ),
    "fr": (
        "« {q} », a déclaré {day} le ministre {first} {last}. Selon {last}, la situation est "
        "« {p} ». Le gouvernement à {place} n'a pas réagi."
    ),
    "es": (
        "«{q}», dijo {day} el ministro {first} {last}. Según {last}, la situación es "
        '"{p}". El Gobierno en {place} no respondió.'
    ),
    "ru": (
        "«{q}», — сказал министр {first} {last}. По словам {last}, ситуация «{p}». "
        "Правительство в {place} не ответило."
    ),
    "tr": (
        "Bakan {first} {last}, “{q}” dedi. {last}'a göre durum “{p}”. "
        "{place} hükümeti açıklama yapmadı."
    ),
}


def person(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(TITLES), rng.choice(FIRST), rng.choice(LAST)


def quote_paragraph(rng: random.Random, cast: list[tuple[str, str, str]]) -> str:
    title, first, last = rng.choice(cast)
    q, p = rng.choice(CLAIMS), rng.choice(PARTIALS)
    day, say = rng.choice(DAYS), rng.choice(SAYS)
    forms = [
        f"“{q},” {title} {first} {last} {say} {day}.",
        f"“{q},” {last} {say}. “{rng.choice(CLAIMS)}.”",
        f"{title} {first} {last} {say} {day}: “{q}.”",
        f"“{q},” said {first} {last}, the {title.lower()}, “and {rng.choice(CLAIMS).lower()}.”",
        f"{title} {first} {last} called the plan “{p}” and left {day}.",
        f"According to {title} {first} {last}, the talks were “{p}.”",
        f"He added that the outcome was “{p}.”",
        f"“{q},” {ROLES[title]} said.",
        f"A source close to the talks said the sides were “{p}.”",
        f"The ministry said in a statement {day} that “{q.lower()}.”",
        f"“{q}.” —{title} {first} {last}",
        f"“{q}.” That was how {last} put it {day}.",
    ]
    return rng.choice(forms)


def document(rng: random.Random, index: int) -> dict:
    cast = [person(rng) for _ in range(rng.randint(2, 4))]
    place = rng.choice(PLACES)
    lang = "en" if rng.random() < 0.8 else rng.choice(sorted(OTHER))
    title, first, last = cast[0]
    paragraphs = [
        f"{last} vows to press ahead with {place} talks",
        f"{place.upper()} — "
        + (
            f"{title} {first} {last} said {rng.choice(DAYS)} that the agreement was "
            f"“{rng.choice(PARTIALS)}.”"
        ),
    ]
    for _ in range(rng.randint(8, 20)):
        roll = rng.random()
        if lang != "en" and roll < 0.35:
            t, f, la = rng.choice(cast)
            paragraphs.append(
                OTHER[lang].format(
                    q=rng.choice(CLAIMS),
                    p=rng.choice(PARTIALS),
                    title=t,
                    first=f,
                    last=la,
                    day=rng.choice(DAYS),
                    place=place,
                )
            )
        elif roll < 0.45:
            paragraphs.append(quote_paragraph(rng, cast))
        elif roll < 0.47:
            t, f, la = cast[0]
            paragraphs.append(
                f"{f[0]}.{la}: Good afternoon. We have had a long and useful meeting.\n\n"
                f"Question: Will the corridor reopen this month?\n\n"
                f"{f[0]}.{la}: We hope so. The teams are at work.\n\n"
                f"{f[0]}.{la}: Thank you."
            )
        else:
            t, f, la = rng.choice(cast)
            sentences = [
                rng.choice(NARRATIVE).format(
                    title=t, first=f, last=la, place=place, day=rng.choice(DAYS)
                )
                for _ in range(rng.randint(2, 4))
            ]
            paragraphs.append(" ".join(sentences))
    return {
        "id": f"bench-{index}",
        "text": "\n\n".join(paragraphs),
        "lang": lang,
        "published": "2024-03-20",
    }


def stress_text(size: int) -> str:
    unit = (
        "“We will not retreat,” said Defence Minister Orhan Demirel on Monday. "
        "A stray mark ” here and an “ unclosed one there, and O'Neill's '90s. "
    )
    return unit * (size // len(unit) + 1)


def time_docs(docs: list[dict], repeat: int) -> dict:
    """Best of ``repeat`` passes over ``docs`` (the machine is shared; the best is the code)."""
    chars = sum(len(d["text"]) for d in docs)
    best = float("inf")
    quotes = 0
    for _ in range(repeat):
        started = time.perf_counter()
        quotes = 0
        for d in docs:
            quotes += len(
                extract_quotes(d["text"], published=d.get("published"), lang=d.get("lang"))
            )
        best = min(best, time.perf_counter() - started)
    return {
        "docs": len(docs),
        "chars": chars,
        "quotes": quotes,
        "seconds": round(best, 3),
        "docs_per_s": round(len(docs) / best),
        "chars_per_s": round(chars / best),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="synthetic documents")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best one counts")
    parser.add_argument("--stress-mb", type=float, default=5.0, help="size of the stress case")
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    args = parser.parse_args()

    rng = random.Random(20240320)
    docs = [document(rng, i) for i in range(args.docs)]
    extract_quotes(docs[0]["text"], lang="en")  # load the language data outside the timing
    result: dict = {
        "bench": "attribution",
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "synthetic": time_docs(docs, args.repeat),
    }
    stress = stress_text(int(args.stress_mb * 1_000_000))
    started = time.perf_counter()
    found = extract_quotes(stress, lang="en", published="2024-03-20")
    seconds = time.perf_counter() - started
    result["stress"] = {
        "chars": len(stress),
        "quotes": len(found),
        "seconds": round(seconds, 2),
        "chars_per_s": round(len(stress) / seconds),
    }
    if SHARED.is_dir():
        for path in sorted(SHARED.glob("*.jsonl")):
            with path.open(encoding="utf-8") as handle:
                shared = [json.loads(line) for line in handle if line.strip()]
            result[path.stem] = time_docs(shared, args.repeat)
    if not args.json:
        for key, block in result.items():
            if isinstance(block, dict):
                print(f"{key:28} " + ", ".join(f"{k} {v:,}" for k, v in block.items()))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
