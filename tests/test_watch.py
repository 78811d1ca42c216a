"""`build-decks watch`: one warm process rebuilds every output on a save, reports one line per
rebuild, and keeps the last good outputs when an edit is broken."""

from __future__ import annotations

import base64
import io
import os
import queue
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, make_content
from PIL import Image

from build_decks import cli
from build_decks.config import load_config
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.render import REGISTRY
from build_decks.render.pdf import DOCUMENTS
from build_decks.watch import run

TIMEOUT = 90
FILES = len(REGISTRY) - 1 + len(DOCUMENTS)  # one file per output, the PDFs one per document


@pytest.fixture
def content(qa_content: Path) -> Path:
    return qa_content


def test_watch_rebuilds_on_save_and_keeps_good_outputs_on_error(content: Path,
                                                                 tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    args = cli.parser().parse_args(["--content", str(content), "--dist", str(dist), "watch"])
    lines: queue.Queue[str] = queue.Queue()
    builds: queue.Queue[tuple] = queue.Queue()  # on_build's (content, errors)
    stop = threading.Event()
    watcher = threading.Thread(target=run, args=(args, lines.put, stop,
                                                 lambda *built: builds.put(built)), daemon=True)
    watcher.start()
    try:
        assert lines.get(timeout=TIMEOUT).startswith(f"rebuilt {FILES} files")
        built, errors = builds.get_nowait()  # told before the line
        assert errors == [] and [c.id for c in built.cards] == [
            c.id for c in load_content(content).cards]
        assert lines.get(timeout=TIMEOUT).startswith("watching")
        pack = dist / "study-pack.html"
        deck = content / "decks" / "qa.yaml"
        text = deck.read_text(encoding="utf-8")

        deck.write_text(text.replace("answer: |-", "answer: |-\n    Edited in watch mode.", 1),
                        encoding="utf-8")
        line = lines.get(timeout=TIMEOUT)
        assert line.startswith(f"rebuilt {FILES} files in "), line
        assert "Edited in watch mode." in pack.read_text(encoding="utf-8")
        good = {p.name: p.read_bytes() for p in dist.iterdir()}

        deck.write_text(text.replace("kind: qa", "kind: quiz", 1), encoding="utf-8")
        line = lines.get(timeout=TIMEOUT)
        assert line.startswith(f"error: {deck}:") and "`kind` must be one of" in line, line
        assert builds.get_nowait()[0] is not None  # the edit's build
        built, errors = builds.get_nowait()
        assert built is None and errors[0].startswith(f"{deck}:") and len(errors) == 1
        assert {p.name: p.read_bytes() for p in dist.iterdir()} == good

        (content / "sources" / "qa_variants.txt").write_text(
            "Q: What is watch mode?\nA: Rebuilding on save.\n", encoding="utf-8")
        deck.write_text(text, encoding="utf-8")
        line = lines.get(timeout=TIMEOUT)
        assert line.startswith(f"rebuilt {FILES} files"), line
        assert "What is watch mode?" in pack.read_text(encoding="utf-8")
        with pytest.raises(queue.Empty):  # the build's own writes start no other rebuild
            lines.get(timeout=1.5)
    finally:
        stop.set()
        watcher.join(timeout=TIMEOUT)
    assert not watcher.is_alive()


class Watching:
    """`watch` in a thread, its lines in a queue."""

    def __init__(self, content: Path, dist: Path, *only: str) -> None:
        argv = ["--content", str(content), "--dist", str(dist), "watch"]
        self.args = cli.parser().parse_args(argv + (["--only", *only] if only else []))
        self.lines: queue.Queue[str] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=run, args=(self.args, self.lines.put, self.stop),
                                       daemon=True)

    def __enter__(self) -> Watching:
        self.thread.start()
        assert self.next().startswith("rebuilt")
        assert self.next().startswith("watching")
        return self

    def next(self) -> str:
        line = self.lines.get(timeout=TIMEOUT)
        assert "internal error" not in line and "Traceback" not in line, line
        return line

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=TIMEOUT)
        assert not self.thread.is_alive()


def test_watch_waits_for_a_content_folder_that_disappears(content: Path, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    with Watching(content, dist, "html") as watching:
        away = tmp_path / "away"
        content.rename(away)
        assert watching.next() == (f"error: {content}: the content folder is gone; waiting for "
                                   "it to come back (Ctrl-C stops); outputs unchanged")
        away.rename(content)
        assert watching.next().startswith("rebuilt 1 file ")
        assert watching.next().startswith("watching")
        deck = content / "decks" / "qa.yaml"
        deck.write_text(deck.read_text(encoding="utf-8").replace(
            "answer: |-", "answer: |-\n    Back again.", 1), encoding="utf-8")
        assert watching.next().startswith("rebuilt 1 file ")
        assert "Back again." in (dist / "study-pack.html").read_text(encoding="utf-8")


def test_watch_rebuilds_a_file_saved_in_pieces_once_it_settles(content: Path,
                                                               tmp_path: Path) -> None:
    deck = content / "decks" / "qa.yaml"
    text = deck.read_text(encoding="utf-8").replace("answer: |-", "answer: |-\n    Settled.", 1)
    with Watching(content, tmp_path / "dist", "html") as watching, deck.open("w") as file:
        for start in range(0, len(text), 200):  # an editor writing in place, in pieces
            file.write(text[start:start + 200])
            file.flush()
            time.sleep(0.05)
        file.close()
        line = watching.next()
        while not line.startswith("rebuilt"):  # a rebuild of a half-written file may fail
            line = watching.next()
        assert "Settled." in (tmp_path / "dist" / "study-pack.html").read_text(encoding="utf-8")


def test_watch_shows_an_image_replaced_under_the_same_name(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"qa": FIXTURES / "sources" / "qa_variants.txt"})
    (content / "media").mkdir()
    image = content / "media" / "plot.png"
    Image.new("RGB", (40, 20), "red").save(image)
    import_sources(load_config(content))
    deck = content / "decks" / "qa.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace(
        "answer: |-", "answer: |-\n    ![plot](plot.png)", 1), encoding="utf-8")
    dist = tmp_path / "dist"
    with Watching(content, dist, "html", "pdf") as watching:
        before = {p.name: p.read_bytes() for p in dist.iterdir()}
        stamp = image.stat()
        with image.open("r+b") as file:  # new bytes under the same name, size and time
            replaced = io.BytesIO()
            Image.new("RGB", (40, 20), "blue").save(replaced, "PNG")
            file.write(replaced.getvalue())
            file.truncate()
        os.utime(image, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        assert watching.next().startswith("rebuilt 4 files")
        pack = (dist / "study-pack.html").read_text(encoding="utf-8")
        assert base64.b64encode(replaced.getvalue()).decode() in pack
        assert (dist / "flashcards.pdf").read_bytes() != before["flashcards.pdf"]
