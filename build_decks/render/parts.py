"""PDFs laid out in parts, each part kept by a digest of its HTML.

A part is a stretch of a PDF that fills pages of its own: a flashcard sheet, one entry of the
cheat sheet, one question of the worksheet. Its layout depends only on its HTML and its
galley's style (and on this code and WeasyPrint), so it is kept under a digest of those: in
memory for the rest of the process (`watch`), and on disk under build/ for the next `make
all`. A one-card edit then lays out one part, and the document is put together again from the
kept ones (impose.py) in milliseconds.

Parts not kept are laid out together, one WeasyPrint document per batch (WeasyPrint's fixed
cost, some 60 ms, is paid per document, not per part), and split again into one small PDF per
part. Kept parts are never trusted blindly: a file on disk carries its key and a digest of
its content, and one that does not match (cut short, corrupted, from another version) is
deleted and the part laid out again. Both stores are bounded (least recently used go first).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from build_decks import atomic
from build_decks.canonical import sorted_json

if TYPE_CHECKING:
    import weasyprint

FORMAT = b"build_decks laid-out part 1\n"
SUFFIX = ".part"
MEMORY_LIMIT = 64 << 20  # bytes of PDF kept in this process: the seed's parts take 3 MB
DISK_LIMIT = 256 << 20  # bytes kept under build/: about 10,000 cards' worth


@cache
def code_version() -> str:
    """What a kept part was made by: the renderers' code, WeasyPrint and pydyf."""
    digest = hashlib.sha256(f"{version('weasyprint')} {version('pydyf')}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Galley:
    """The pages a document's parts are laid out on: their style (the `@page` size included)
    and the page context, which says what images the layout may read."""

    style: str
    context: dict

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{code_version()}\n{self.context['language']}\n{self.style}"
                              .encode()).hexdigest()

    def document(self, fragments: list[str]) -> str:
        """One HTML document of these parts, each starting a page and marked by an anchor."""
        parts = "".join(f'<div class="part" id="part-{i}">{f}</div>\n'
                        for i, f in enumerate(fragments))
        return (f'<!DOCTYPE html>\n<html lang="{html.escape(self.context["language"])}"><head>'
                f'<meta charset="utf-8"><style>{self.style}\n'
                ".part { display: flow-root; } .part + .part { break-before: page; }"
                f"</style></head><body>{parts}</body></html>")


@dataclass(frozen=True)
class Part:
    """A part's HTML, and the digest it is kept under (its galley's, its own, and what else
    its layout reads: the bytes of its images)."""

    html: str
    key: str

    @classmethod
    def of(cls, galley: Galley, fragment: str, *extra: bytes) -> Part:
        digest = hashlib.sha256(f"{galley.digest}\n{fragment}".encode())
        for data in extra:
            digest.update(hashlib.sha256(data).digest())
        return cls(fragment, digest.hexdigest())


@dataclass(frozen=True)
class Page:
    """One page of a part, as the layout left it (CSS px from the page's top left)."""

    bottom: float  # where the part's content ends on this page
    anchors: dict[str, tuple[float, float, float, float]]  # id -> box (x1, y1, x2, y2)
    bookmarks: tuple[tuple[int, str, float], ...]  # level, label, y


@dataclass(frozen=True)
class LaidOut:
    """A part as laid out: its pages `first`... of the PDF of the batch it was laid out in
    (the parts of one batch share that PDF, and so its fonts, in memory, on disk and in the
    finished document)."""

    pdf: bytes
    first: int
    pages: tuple[Page, ...]
    notes: tuple[str, ...] = ()
    memo: tuple = ()  # what the part's maker wants back

    def header(self) -> dict:
        return {"first": self.first,
                "pages": [[p.bottom, p.anchors, p.bookmarks] for p in self.pages],
                "notes": list(self.notes), "memo": list(self.memo)}

    @classmethod
    def from_header(cls, pdf: bytes, header: dict) -> LaidOut:
        pages = tuple(Page(float(bottom), {k: tuple(v) for k, v in anchors.items()},
                           tuple((int(b[0]), str(b[1]), float(b[2])) for b in bookmarks))
                      for bottom, anchors, bookmarks in header["pages"])
        return cls(pdf, int(header["first"]), pages, tuple(header["notes"]),
                   tuple(header["memo"]))


def lay_out(galley: Galley, fragments: list[str]) -> list[LaidOut]:
    """Lay out the fragments in one document, written once; each part knows its pages."""
    from build_decks.render.weasy import layout, pdf_bytes  # WeasyPrint: see weasy.py

    document = layout(galley.document(fragments), galley.context)
    owners: list[list[tuple[int, weasyprint.Page]]] = [[] for _ in fragments]
    owner = 0
    for number, page in enumerate(document.pages):
        marks = [int(a.removeprefix("part-")) for a in page.anchors if a.startswith("part-")]
        owner = marks[0] if marks else owner  # a page with no anchor continues the last part
        owners[owner].append((number, page))
    data = pdf_bytes(document)
    found = []
    for index, pages in enumerate(owners):
        found.append(LaidOut(data, pages[0][0], tuple(
            Page(round((page.anchors.get(f"part-{index}") or (0, 0, 0, 0))[3], 3),
                 {k: tuple(round(v, 3) for v in box)
                  for k, box in page.anchors.items() if not k.startswith("part-")},
                 tuple((level, label, round(y, 3)) for level, label, (_, y), _
                       in page.bookmarks))
            for _, page in pages)))
    return found


class Kept:
    """Laid-out parts by key: in this process (bounded), and on disk in a folder if given
    (`<key>.part` for each part, `<digest>.pdf` for the batch PDFs they are pages of)."""

    def __init__(self, memory_limit: int = MEMORY_LIMIT, disk_limit: int = DISK_LIMIT) -> None:
        self.memory: OrderedDict[str, LaidOut] = OrderedDict()
        self.memory_limit, self.disk_limit = memory_limit, disk_limit
        self.held: Counter[int] = Counter()  # batch PDFs in memory: parts using each
        self.size = 0
        self.read: dict[str, bytes] = {}  # batch PDFs read from disk in this build

    def clear(self) -> None:
        """Forget every part held in memory (the disk keeps its own)."""
        self.memory.clear()
        self.held.clear()
        self.size = 0

    def get(self, key: str, folder: Path | None) -> LaidOut | None:
        found = self.memory.get(key)
        if found is not None:
            self.memory.move_to_end(key)
            return found
        if folder is not None and (found := _read(folder, key, self.read)):
            self._remember(key, found)
        return found

    def put(self, key: str, laid: LaidOut, folder: Path | None) -> None:
        self._remember(key, laid)
        if folder is not None:
            _write(folder, key, laid)

    def _remember(self, key: str, laid: LaidOut) -> None:
        if key in self.memory:
            self._forget(key)
        self.memory[key] = laid
        self.held[id(laid.pdf)] += 1
        self.size += len(laid.pdf) if self.held[id(laid.pdf)] == 1 else 0
        while len(self.memory) > 1 and self.size > self.memory_limit:
            self._forget(next(iter(self.memory)))

    def _forget(self, key: str) -> None:
        laid = self.memory.pop(key)
        self.held[id(laid.pdf)] -= 1
        if not self.held[id(laid.pdf)]:
            del self.held[id(laid.pdf)]
            self.size -= len(laid.pdf)

    def done(self, folder: Path | None, grew: bool) -> None:
        """A build is over: forget the batch PDFs read for it; keep the folder bounded."""
        self.read.clear()
        if grew:
            self.prune(folder)

    def prune(self, folder: Path | None) -> None:
        """Keep the folder under its limit, the least recently used parts going first, and
        no batch PDF that no kept part is a page of."""
        if folder is None or not folder.is_dir():
            return
        atomic.sweep(folder)
        entries = []
        for path in folder.glob(f"*{SUFFIX}"):
            with contextlib.suppress(OSError, ValueError, KeyError):
                entries.append((path.stat().st_mtime_ns, path,
                                json.loads(path.read_bytes()[len(FORMAT):])["blob"]))
        sizes = {}
        for path in folder.glob("*.pdf"):
            with contextlib.suppress(OSError):
                sizes[path.stem] = path.stat().st_size
        users = Counter(blob for _, _, blob in entries)
        total = sum(sizes.get(blob, 0) for blob in users)
        for _, path, blob in sorted(entries):
            if total <= self.disk_limit:
                break
            with contextlib.suppress(OSError):
                path.unlink()
            users[blob] -= 1
            if not users[blob]:
                total -= sizes.get(blob, 0)
                del users[blob]
        for blob in set(sizes) - set(users):
            with contextlib.suppress(OSError):
                (folder / f"{blob}.pdf").unlink()


KEPT = Kept()


def _digest(header: dict) -> str:
    return hashlib.sha256(sorted_json(header).encode()).hexdigest()


def _write(folder: Path, key: str, laid: LaidOut) -> None:
    """Best effort: a part that cannot be kept is laid out again next time."""
    blob = hashlib.sha256(laid.pdf).hexdigest()
    header = {"key": key, "blob": blob, **laid.header()}
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / f"{blob}.pdf").exists():
            atomic.write_atomic(folder / f"{blob}.pdf", laid.pdf)
        atomic.write_atomic(folder / f"{key}{SUFFIX}", FORMAT + json.dumps(
            {**header, "digest": _digest(header)}, sort_keys=True).encode())


def _read(folder: Path, key: str, blobs: dict[str, bytes]) -> LaidOut | None:
    """A kept part, or None (and its file removed) unless it and its batch PDF are whole
    and are this key's."""
    path = folder / f"{key}{SUFFIX}"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        if not data.startswith(FORMAT):
            raise ValueError("not a kept part")
        header = json.loads(data[len(FORMAT):])
        digest = header.pop("digest")
        if header["key"] != key or digest != _digest(header):
            raise ValueError("cut short or changed")
        pdf = blobs.get(header["blob"])
        if pdf is None:
            pdf = (folder / f"{header['blob']}.pdf").read_bytes()
            if hashlib.sha256(pdf).hexdigest() != header["blob"]:
                (folder / f"{header['blob']}.pdf").unlink()
                raise ValueError("its batch PDF is cut short or changed")
            blobs[header["blob"]] = pdf
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return LaidOut.from_header(pdf, header)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        with contextlib.suppress(OSError):
            path.unlink()
        return None
