"""`build-decks watch`: one warm process rebuilds every output on a save, reports one line per
rebuild, and keeps the last good outputs when an edit is broken."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import pytest

from build_decks import cli
from build_decks.watch import run

TIMEOUT = 90


@pytest.fixture
def content(qa_content: Path) -> Path:
    return qa_content


def test_watch_rebuilds_on_save_and_keeps_good_outputs_on_error(content: Path,
                                                                 tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    args = cli.parser().parse_args(["--content", str(content), "--dist", str(dist), "watch"])
    lines: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    watcher = threading.Thread(target=run, args=(args, lines.put, stop), daemon=True)
    watcher.start()
    try:
        assert lines.get(timeout=TIMEOUT).startswith("rebuilt 5 files")
        assert lines.get(timeout=TIMEOUT).startswith("watching")
        pack = dist / "study-pack.html"
        deck = content / "decks" / "qa.yaml"
        text = deck.read_text(encoding="utf-8")

        deck.write_text(text.replace("answer: |-", "answer: |-\n    Edited in watch mode.", 1),
                        encoding="utf-8")
        line = lines.get(timeout=TIMEOUT)
        assert line.startswith("rebuilt 5 files in "), line
        assert "Edited in watch mode." in pack.read_text(encoding="utf-8")
        good = {p.name: p.read_bytes() for p in dist.iterdir()}

        deck.write_text(text.replace("kind: qa", "kind: quiz", 1), encoding="utf-8")
        line = lines.get(timeout=TIMEOUT)
        assert line.startswith(f"error: {deck}:") and "`kind` must be one of" in line, line
        assert {p.name: p.read_bytes() for p in dist.iterdir()} == good

        (content / "sources" / "qa_variants.txt").write_text(
            "Q: What is watch mode?\nA: Rebuilding on save.\n", encoding="utf-8")
        deck.write_text(text, encoding="utf-8")
        line = lines.get(timeout=TIMEOUT)
        assert line.startswith("rebuilt 5 files"), line
        assert "What is watch mode?" in pack.read_text(encoding="utf-8")
        with pytest.raises(queue.Empty):  # the build's own writes start no other rebuild
            lines.get(timeout=1.5)
    finally:
        stop.set()
        watcher.join(timeout=TIMEOUT)
    assert not watcher.is_alive()
