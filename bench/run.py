"""`make bench`: time every stage on synthetic content, next to the bare libraries.

Writes build/bench/results.json and results.md and prints the table. Figures, not asserts:
the machine's load changes them; the ratios (ours / bare, measured in the same run) are what
to compare across runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import tables as tables_bench
from reader_scale import reader_rows
from synthetic import make_content

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench"
SIZES = (100, 1_000, 10_000)
CHEATSHEET_CARDS = 2_000
PDF_UP_TO = 1_000  # all three PDFs of 10,000 cards would take most of an hour
RICH_CARDS = 200
ROUNDS = 3  # runs of each Markdown stage and its bare counterpart (see best_of_rounds)
PAIRS = (("anki", "bare-anki", "bare Python-Markdown (same extensions) + nh3 + genanki", 1.3),
         ("html", "bare-html", "bare Python-Markdown (same extensions) + nh3 + Jinja", 1.3),
         ("pdf", "bare-pdf", "bare WeasyPrint on the same HTML, one document after another", 1.2))


def stage(name: str, content: Path) -> dict:
    print(f"bench: {name} on {content.parent.name}", file=sys.stderr, flush=True)
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "stages.py"), name,
                             str(content), str(WORK / "out" / name)],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"bench: stage {name} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def best_of_rounds(names: list[str], content: Path) -> dict[str, dict]:
    """Each stage ROUNDS times, in turns with its bare counterpart, the fastest run kept: on a
    shared machine the load changes between runs, and taking turns lets both sides meet it."""
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for _ in range(ROUNDS):
        for name in names:
            runs[name].append(stage(name, content))
    return {name: min(found, key=lambda f: f["seconds"]) for name, found in runs.items()}


def content_for(cards: int, documents: int = 1, rich: bool = False) -> Path:
    folder = WORK / f"cards-{cards}-{documents}{'-rich' if rich else ''}"
    shutil.rmtree(folder, ignore_errors=True)
    return make_content(folder, cards, ROOT / "content" / "topics.yaml", documents, rich)


def rich_figures(rows: list[str], results: dict) -> None:
    """What formulas and images cost: the same cards with and without two formulas and a
    diagram each, through every output."""
    measured: dict[str, dict] = {}
    for rich in (False, True):
        content = content_for(RICH_CARDS, rich=rich)
        stage("import", content)
        measured["rich" if rich else "plain"] = {name: stage(name, content)
                                                 for name in ("anki", "html", "pdf")}
    results["rich"] = measured
    for name in ("anki", "html", "pdf"):
        plain, rich = measured["plain"][name]["seconds"], measured["rich"][name]["seconds"]
        extra = (rich - plain) / RICH_CARDS * 1000
        rows.append(f"| {RICH_CARDS} | {name}, 2 formulas + 1 image per card | {rich:.2f} s | "
                    f"{rich / plain:.2f}× the same cards without them ({plain:.2f} s): "
                    f"+{extra:.1f} ms per card | {measured['rich'][name]['peak_mb']:.0f} MB |")


def hostile_figures(rows: list[str], results: dict) -> None:
    """Input that used to be quadratic: reworded questions, near-duplicates across decks."""
    reworded = stage("reimport-reworded", content_for(10_000))
    content = content_for(10_000, documents=2)
    stage("import", content)
    check = stage("check", content)
    results["hostile"] = {"reimport_reworded": reworded, "check": check}
    rows.append(f"| 10000 | re-import, every question reworded | {reworded['seconds']:.2f} s | "
                f"target < 5 s | {reworded['peak_mb']:.0f} MB |")
    rows.append(f"| 10000 | ids kept: an article added (`What is the …?`) | "
                f"{reworded['kept']:,} of {reworded['cards']:,} | "
                f"{reworded['kept'] / reworded['cards']:.1%} | |")
    for name, how in (("reimport-explained", "`What is X?` -> `Explain X.`"),
                      ("reimport-reordered", "the same words reordered")):
        other = results["hostile"][name] = stage(name, content_for(10_000))
        rows.append(f"| 10000 | ids kept: {how} | {other['kept']:,} of {other['cards']:,} | "
                    f"{other['kept'] / other['cards']:.1%} ({other['seconds']:.2f} s) | |")
    rows.append(f"| 10000 | `check` (2 decks, near-duplicates) | {check['seconds']:.2f} s | "
                f"target < 5 s | {check['peak_mb']:.0f} MB |")


def watch_figures(rows: list[str], results: dict) -> None:
    """`watch` after a one-card edit: the seed with every output, 10,000 cards for the deck
    and the pack against the bare libraries building the same from scratch."""
    seed = WORK / "seed-watch" / "content"
    shutil.rmtree(seed.parent, ignore_errors=True)
    shutil.copytree(ROOT / "content", seed)
    every = stage("watch-all", seed)
    content = content_for(10_000)
    stage("import", content)
    warm = stage("watch-anki-html", content)
    reload = stage("watch-reload-anki-html", content)
    bare = stage("bare-anki", content)["seconds"] + stage("bare-html", content)["seconds"]
    results["watch"] = {"seed_all": every, "cards_10000_anki_html": warm,
                        "cards_10000_with_reload": reload, "bare_s": bare}
    rows.append(f"| seed | `watch`: one card edited -> all five outputs | {every['seconds']:.2f} s"
                f" | target < 1 s | {every['peak_mb']:.0f} MB |")
    rows.append(f"| 10000 | `watch`: one card edited -> anki + html | {warm['seconds']:.2f} s | "
                f"{warm['seconds'] / bare:.2f}× the bare libraries (anki + html) from scratch"
                f" ({bare:.2f} s; target ≤ 0.3×) | {warm['peak_mb']:.0f} MB |")
    rows.append(f"| 10000 | the same with the YAML loaded again, as `watch` does | "
                f"{reload['seconds']:.2f} s | {reload['seconds'] / bare:.2f}× | "
                f"{reload['peak_mb']:.0f} MB |")


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - started


def browser_figures(cards: int) -> dict:
    """Open a pack of `cards` cards in Chromium: time to first list, and to a search result."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import launch_options
    from playwright.sync_api import sync_playwright

    pack = WORK / "out" / "html" / "study-pack.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(pack.as_uri())
        page.wait_for_selector("#bd-list article")
        opened = time.perf_counter() - started
        script = """async (query) => {
            const before = document.getElementById('bd-count').textContent;
            const box = document.getElementById('bd-search');
            const t0 = performance.now();
            box.value = query; box.dispatchEvent(new Event('input'));
            while (document.getElementById('bd-count').textContent === before) {
                await new Promise(r => setTimeout(r, 5));
            }
            return performance.now() - t0 - 120;  // minus the typing debounce
        }"""
        search_ms = page.evaluate(script, "canary rollout")
        longest = page.evaluate("""() => new Promise(resolve => {
            let worst = 0;
            new PerformanceObserver(list => { for (const e of list.getEntries())
                worst = Math.max(worst, e.duration); }).observe({type: 'longtask', buffered: true});
            setTimeout(() => resolve(worst), 300);
        })""")
        browser.close()
    return {"cards": cards, "open_s": opened, "search_ms": search_ms, "longest_task_ms": longest}


def make_figures(rows: list[str], results: dict) -> None:
    """The seed content through Make (first: `make clean` empties build/, this folder too).
    The code is byte-compiled first, as Python does on a user's first run: a machine that
    sets PYTHONDONTWRITEBYTECODE (this one does) would compile it again in every process."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "build_decks")],
                   capture_output=True, check=True)
    subprocess.run(["make", "all"], cwd=ROOT, capture_output=True, check=True)
    noop = min(timed(["make", "all"]) for _ in range(3))
    clean = min(clean_build() for _ in range(ROUNDS))
    edit = min(one_card_edit(number) for number in range(3))
    results["make"] = {"noop_s": noop, "clean_build_s": clean, "one_card_edit_s": edit}
    rows.append(f"| seed | no-op `make all` | {noop * 1000:.0f} ms | target < 200 ms | |")
    rows.append(f"| seed | `make all` from clean | {clean:.2f} s | target < 3 s | |")
    rows.append(f"| seed | one card edited -> `make all`, laid-out PDF parts kept on disk | "
                f"{edit:.2f} s | target < 1.5 s ({edit / clean:.2f}× from clean) | |")


def clean_build() -> float:
    """`make all` after `make clean` (the fastest of ROUNDS is reported, as for every row
    whose run the machine's load moves)."""
    subprocess.run(["make", "clean"], cwd=ROOT, capture_output=True, check=True)
    return timed(["make", "all"])


def one_card_edit(number: int) -> float:
    """`make all` after one answer of the seed was edited (the PDFs' parts of the build
    before kept under build/); the deck and the lock it changed are put back and built
    again afterwards (they are the user's: committed)."""
    deck = sorted((ROOT / "content" / "decks").glob("*.yaml"))[0]
    lock = ROOT / "content" / "anki-lock.json"
    original, locked = deck.read_bytes(), lock.read_bytes() if lock.exists() else None
    text = original.decode("utf-8")
    edited = re.sub(r"^(\s+answer: (\|-\n\s+)?)", rf"\1Edited for the benchmark ({number}). ",
                    text, count=1, flags=re.MULTILINE)
    try:
        deck.write_text(edited, encoding="utf-8")
        return timed(["make", "all"])
    finally:
        deck.write_bytes(original)
        if locked is not None:
            lock.write_bytes(locked)
        (ROOT / "dist" / ".built").unlink(missing_ok=True)
        subprocess.run(["make", "all"], cwd=ROOT, capture_output=True, check=True)


def main() -> int:
    rows, results = [], {"sizes": {}, "machine": {"cpus": os.cpu_count()}}
    make_figures(rows, results)
    WORK.mkdir(parents=True, exist_ok=True)
    for cards in SIZES:
        content = content_for(cards)
        names = ["import", "load"] + (["pdf", "bare-pdf"] if cards <= PDF_UP_TO else [])
        figures = {name: stage(name, content) for name in names}
        figures |= best_of_rounds(["anki", "bare-anki", "html", "bare-html"], content)
        results["sizes"][cards] = figures
        rows.append(f"| {cards} | import | {figures['import']['seconds']:.2f} s | | "
                    f"{figures['import']['peak_mb']:.0f} MB |")
        rows.append(f"| {cards} | load+validate | {figures['load']['seconds']:.2f} s | | "
                    f"{figures['load']['peak_mb']:.0f} MB |")
        for ours, bare, label, target in PAIRS:
            if ours not in figures:
                continue
            ratio = figures[ours]["seconds"] / figures[bare]["seconds"]
            rows.append(f"| {cards} | {ours} | {figures[ours]['seconds']:.2f} s | "
                        f"{ratio:.2f}× {label} ({figures[bare]['seconds']:.2f} s; target ≤ "
                        f"{target}×) | {figures[ours]['peak_mb']:.0f} MB |")
        if cards == SIZES[-1]:
            results["browser"] = browser_figures(cards)

    content = content_for(CHEATSHEET_CARDS)
    stage("import", content)
    sheet = {name: stage(name, content) for name in
             ("cheatsheet", "cheatsheet-one-core", "bare-weasyprint", "naive-cheatsheet")}
    results["cheatsheet"] = sheet
    ours, one, bare, naive = (sheet[k] for k in
                              ("cheatsheet", "cheatsheet-one-core", "bare-weasyprint",
                               "naive-cheatsheet"))
    rows.append(f"| {CHEATSHEET_CARDS} | cheat sheet, one core | {one['seconds']:.2f} s | "
                f"{one['seconds'] / bare['seconds']:.2f}× bare WeasyPrint on the same HTML "
                f"({bare['seconds']:.2f} s; target ≤ 1.2×) | {one['peak_mb']:.0f} MB |")
    rows.append(f"| {CHEATSHEET_CARDS} | cheat sheet, parts on {os.cpu_count()} cores | "
                f"{ours['seconds']:.2f} s | {ours['seconds'] / bare['seconds']:.2f}× bare "
                f"WeasyPrint | {ours['peak_mb']:.0f} MB, all processes (target < 400 MB) |")
    rows.append(f"| {CHEATSHEET_CARDS} | naive 2-column sheet | {naive['seconds']:.2f} s | ours "
                f"is {naive['seconds'] / ours['seconds']:.2f}× faster (target ≥ 1.5×) | "
                f"{naive['peak_mb']:.0f} MB |")

    hostile_figures(rows, results)
    reader_rows(rows, results, stage, ROUNDS)
    rich_figures(rows, results)
    watch_figures(rows, results)
    results["tables"] = tables_bench.figures(WORK / "tables")
    rows += tables_bench.rows_of(results["tables"])
    browser = results["browser"]
    rows.append(f"| {browser['cards']} | pack in Chromium | opens in {browser['open_s']:.2f} s; "
                f"search {browser['search_ms']:.0f} ms | longest task "
                f"{browser['longest_task_ms']:.0f} ms | |")

    table = "\n".join(["| cards | stage | time | against | peak memory |",
                       "| ---: | --- | ---: | --- | ---: |", *rows])
    (WORK / "results.json").write_text(json.dumps(results, indent=1))
    (WORK / "results.md").write_text(table + "\n")
    print(table)
    print(f"\nwritten to {WORK / 'results.md'} and results.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
