"""Reader rows of `make bench`: one document of 2,000 and of 10,000 `## question` items.

The import must stay linear (the 10,000 within 6x the 2,000), and our import + anki must beat
a peer doing the same conversion: markdown-anki-decks (PyPI; it needs `click<8.1`), installed
into a throwaway virtual environment under build/bench at bench time, never into .venv. Both
are timed on their work alone, in their own process (ours by bench/stages.py, the peer's by
bench/peer_markdown_anki_decks.py), in turns, the fastest of a few rounds kept.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench"
PEER = WORK / "peer-venv"
PEER_PACKAGES = ("markdown-anki-decks==1.1.1", "click<8.1")
SIZES = (2_000, 10_000)
WORDS = ("model serving latency drift canary rollout registry pipeline feature store batch "
         "stream container cluster replica monitor alert metric version rollback").split()


def document(items: int, seed: int = 11) -> str:
    """`# Title`, then `## What is ...?` headings, each with a paragraph of answer."""
    rng = random.Random(seed)
    parts = ["# Scale questions", ""]
    for i in range(items):
        answer = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30)))
        parts += [f"## What is {rng.choice(WORDS)} {rng.choice(WORDS)} number {i}?", "",
                  answer.capitalize() + ".", ""]
    return "\n".join(parts)


def content_for(items: int) -> Path:
    folder = WORK / f"reader-{items}"
    shutil.rmtree(folder, ignore_errors=True)
    content = folder / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "scale.md").write_text(document(items), encoding="utf-8")
    shutil.copy(ROOT / "content" / "topics.yaml", content / "topics.yaml")
    (content / "config.yaml").write_text("title: Scale\n", encoding="utf-8")
    return content


def peer_python() -> Path | None:
    """The peer's interpreter, its environment made on first use (None: it cannot be)."""
    python = PEER / "bin" / "python"
    if not python.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(PEER)], capture_output=True,
                              check=False)
        installed = made.returncode == 0 and subprocess.run(
            [str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], capture_output=True,
            check=False).returncode == 0
        if not installed:
            shutil.rmtree(PEER, ignore_errors=True)
            return None
    return python


def peer_seconds(python: Path, source: Path) -> float:
    result = subprocess.run([str(python), "-W", "ignore", str(ROOT / "bench" /
                             "peer_markdown_anki_decks.py"), str(source),
                             str(WORK / "out" / "peer.apkg")],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


def reader_rows(rows: list[str], results: dict, stage: Callable[[str, Path], dict],
                rounds: int = 1) -> None:
    """Each size `rounds` times, ours and the peer's in turns, the fastest run of each kept
    (as run.py's best_of_rounds does for the other ratios: the machine's load moves between
    runs, and taking turns lets both sides meet it). Every round imports a fresh document."""
    (WORK / "out").mkdir(parents=True, exist_ok=True)
    python = peer_python()
    measured: dict[int, dict] = {}
    for items in SIZES:
        runs: dict[str, list[dict]] = {"import": [], "anki": [], "peer": []}
        for _ in range(rounds):
            content = content_for(items)
            runs["import"].append(stage("import", content))
            runs["anki"].append(stage("anki", content))
            if python is not None:
                runs["peer"].append(
                    {"seconds": peer_seconds(python, content / "sources" / "scale.md")})
        measured[items] = {name: min(found, key=lambda f: f["seconds"])
                           for name, found in runs.items() if found}
    results["reader_scale"] = measured
    small = measured[SIZES[0]]["import"]["seconds"]
    for items in SIZES:
        found = measured[items]
        against = (f"{found['import']['seconds'] / small:.2f}× the {SIZES[0]:,} (target ≤ 6×)"
                   if items != SIZES[0] else "")
        rows.append(f"| {items} | import: one document of `## question` items | "
                    f"{found['import']['seconds']:.2f} s | {against} | "
                    f"{found['import']['peak_mb']:.0f} MB |")
        ours = found["import"]["seconds"] + found["anki"]["seconds"]
        peer = (f"{ours / found['peer']['seconds']:.2f}× markdown-anki-decks converting the "
                f"same document to an .apkg ({found['peer']['seconds']:.2f} s; target < 1×)"
                if "peer" in found else "peer not installed (markdown-anki-decks from PyPI)")
        rows.append(f"| {items} | import + anki, the same document | {ours:.2f} s | {peer} | |")
