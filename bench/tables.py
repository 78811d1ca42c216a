"""Bench rows for the tabular readers: linear in the rows, and HTML fields against bare
markdownify doing the same conversions.

    python bench/tables.py   ->  prints the rows (run.py adds them to its table)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from markdownify import markdownify

from build_decks.readers import read_source

ROWS = (2_000, 20_000)
HTML_ROWS = 2_000
FRONT = "What does <b>TCP</b> guarantee, case {n}?<br>"
BACK = ("Ordered, reliable <b>delivery</b>:<ul><li>acknowledgements</li><li>retransmission "
        "with <code>RTO</code></li></ul><br>See <a href='https://x.org/{n}'>RFC {n}</a>.")


def _seconds(path: Path) -> float:
    started = time.perf_counter()
    read_source(path)
    return time.perf_counter() - started


def figures(folder: Path) -> dict:
    """Seconds to read a 4-column bank (two category columns) at two sizes, and an Anki HTML
    export against markdownify alone on its fields."""
    folder.mkdir(parents=True, exist_ok=True)
    warm = folder / "warm.csv"  # the first read imports the readers: not part of a figure
    warm.write_text("question,answer\nWhat is it?,This.\n", encoding="utf-8")
    read_source(warm)
    found: dict = {"category_bank": {}}
    for rows in ROWS:
        path = folder / f"bank-{rows}.csv"
        path.write_text("question,answer,area,level\n" + "".join(
            f"What is item {n}?,It is the answer to {n}.,area {n % 7},{('easy', 'hard')[n % 2]}\n"
            for n in range(rows)), encoding="utf-8")
        found["category_bank"][rows] = _seconds(path)
    path = folder / "html-export.txt"
    fields = [(FRONT.format(n=n), BACK.format(n=n)) for n in range(HTML_ROWS)]
    path.write_text("#separator:tab\n#html:true\n" + "".join(
        f"{front}\t{back}\n" for front, back in fields), encoding="utf-8")
    found["html_export"] = _seconds(path)
    started = time.perf_counter()
    for front, back in fields:
        markdownify(front)
        markdownify(back)
    found["bare_markdownify"] = time.perf_counter() - started
    return found


def rows_of(found: dict) -> list[str]:
    small, large = (found["category_bank"][n] for n in ROWS)
    return [
        f"| {ROWS[0]} | CSV, 4 columns, 2 of categories | {small:.2f} s | | |",
        f"| {ROWS[1]} | the same, 10× the rows | {large:.2f} s | {large / small:.1f}× the "
        f"{ROWS[0]:,} rows (linear: 10×; each row once re-checked the first 2,000: 100×) | |",
        f"| {HTML_ROWS} | Anki HTML export (2 HTML fields a row) | {found['html_export']:.2f} s | "
        f"{found['html_export'] / found['bare_markdownify']:.2f}× bare markdownify on the same "
        f"fields ({found['bare_markdownify']:.2f} s) | |",
    ]


if __name__ == "__main__":
    result = figures(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/bench/tables"))
    print("\n".join(rows_of(result)))
    print(json.dumps(result))
