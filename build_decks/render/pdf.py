"""Printable PDFs with WeasyPrint: cheat sheet, duplex flashcards, practice worksheet.

Presentation lives in the pdf/ templates; this module decides what goes where: which text fits a
card (short forms, type scales), where each card sits on the front and back pages, and
whether anything still overflows after layout (reported, never clipped silently).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import weasyprint

from build_decks import atomic, formulas
from build_decks.inventory import inventory
from build_decks.model import Card, Content
from build_decks.render import cheatsheet
from build_decks.render.env import render
from build_decks.render.options import BuildOptions, Output
from build_decks.render.paper import (
    MM_TO_PX,
    PAPERS,
    Grid,
    Paper,
    PdfOptions,
    layout,
    page_context,
    topic_groups,
    write,
)
from build_decks.shorten import short_form, word_count

__all__ = ["PAPERS", "Grid", "Paper", "PdfOptions", "build", "lay_out", "stage", "stage_one",
           "start"]


# Worksheet ---------------------------------------------------------------------------------

def answer_lines(card: Card) -> int:
    """Room to write: about the reference answer's length, within sensible bounds (a cloze
    card is written in its blanks)."""
    if card.kind == "cloze":
        return 0
    return 6 if not card.back else max(3, min(9, word_count(card.back) // 20))


def worksheet_html(content: Content, options: BuildOptions, pdf: PdfOptions) -> str:
    groups, number = [], 0
    for topic, cards in topic_groups(content, {"qa", "prompt", "cloze"}):
        items = []
        for card in cards:
            number += 1
            items.append({"card": card, "number": number, "lines": answer_lines(card)})
        groups.append({"topic": topic, "entries": items})
    prompts = sum(1 for g in groups for i in g["entries"] if i["card"].kind == "prompt")
    return render(content.root, "pdf/worksheet.html", groups=groups, count=number, prompts=prompts,
                  answer_key=pdf.answer_key, **page_context(content, options, pdf))


# Flashcards --------------------------------------------------------------------------------

MAX_SCALE = 4


@dataclass(frozen=True)
class Face:
    card: Card
    topic: str
    x: float
    y: float
    scale: int
    text: str = ""
    shortened: bool = False


def front_scale(card: Card) -> int:
    return min(MAX_SCALE, sum(word_count(card.front) > n for n in (12, 20, 30)))


def back_scale(text: str) -> int:
    return min(MAX_SCALE, sum(word_count(text) > n for n in (30, 45, 65, 90)))


def slot_position(index: int, paper: Paper, grid: Grid) -> tuple[float, float]:
    left = (paper.width - grid.columns * grid.card_width) / 2
    top = (paper.height - grid.rows * grid.card_height) / 2
    row, column = divmod(index, grid.columns)
    return round(left + column * grid.card_width, 2), round(top + row * grid.card_height, 2)


def mirrored_index(index: int, grid: Grid, flip: str) -> int:
    """Where a card's back goes so it lands behind its front after a duplex flip."""
    row, column = divmod(index, grid.columns)
    if flip == "short":
        return (grid.rows - 1 - row) * grid.columns + column
    return row * grid.columns + (grid.columns - 1 - column)


def cut_marks(paper: Paper, grid: Grid) -> list[dict]:
    left, top = slot_position(0, paper, grid)
    right, bottom = left + grid.columns * grid.card_width, top + grid.rows * grid.card_height
    marks = []
    for c in range(grid.columns + 1):
        x = round(left + c * grid.card_width, 2)
        marks += [{"kind": "v", "x": x, "y": round(top - 6, 2)}, {"kind": "v", "x": x,
                                                                   "y": round(bottom + 1, 2)}]
    for r in range(grid.rows + 1):
        y = round(top + r * grid.card_height, 2)
        marks += [{"kind": "h", "x": round(left - 6, 2), "y": y}, {"kind": "h",
                                                                    "x": round(right + 1, 2),
                                                                    "y": y}]
    return marks


def _initial_faces(content: Content, pdf: PdfOptions,
                   learned: bool = False) -> list[tuple[Face, Face]]:
    titles = {t.id: t.title for t in content.topics}
    pairs = []
    cards = [c for _, cards in topic_groups(content, {"qa", "term", "cloze"}) for c in cards]
    for index, card in enumerate(cards):
        slot = index % pdf.grid.per_sheet
        fx, fy = slot_position(slot, pdf.paper, pdf.grid)
        bx, by = slot_position(mirrored_index(slot, pdf.grid, pdf.flip), pdf.paper, pdf.grid)
        bx, by = round(bx + pdf.back_offset[0], 2), round(by + pdf.back_offset[1], 2)
        text, shortened = card.back, False
        if card.kind == "cloze":  # the back shows the text filled in, then its extra
            text = f"{card.front}\n\n{card.back}".strip()
        elif back_scale(text) >= MAX_SCALE and word_count(text) > 110:
            text, shortened = short_form(card), short_form(card) != card.back
        topic = titles[card.topic]
        front = Face(card, topic, fx, fy, front_scale(card))
        back = Face(card, topic, bx, by, back_scale(text), text, shortened)
        if learned and (seen := FITTED.get(_fit_key(card, "front", pdf))):
            front = replace(front, scale=seen[0])
        if learned and (seen := FITTED.get(_fit_key(card, "back", pdf))):
            back = replace(back, scale=seen[0], text=seen[1], shortened=seen[2])
        pairs.append((front, back))
    return pairs


def flashcards_html(content: Content, options: BuildOptions, pdf: PdfOptions,
                    pairs: list[tuple[Face, Face]]) -> str:
    per = pdf.grid.per_sheet
    cuts = cut_marks(pdf.paper, pdf.grid)
    sheets = [{"fronts": [f for f, _ in pairs[i:i + per]],
               "backs": [b for _, b in pairs[i:i + per]], "cuts": cuts}
              for i in range(0, len(pairs), per)]
    return render(content.root, "pdf/flashcards.html", sheets=sheets, grid=pdf.grid, flip=pdf.flip,
                  **page_context(content, options, pdf))


def overflowing(document: weasyprint.Document, grid: Grid) -> set[str]:
    """Ids of faces (`front-…`/`back-…`) whose text runs past the card's inner bottom edge."""
    limit = (grid.card_height - grid.padding) * MM_TO_PX
    found = set()
    for page in document.pages:
        for anchor, (_, _, _, bottom) in page.anchors.items():
            if anchor.startswith(("front-body-", "back-body-")):
                face = anchor.replace("-body-", "-", 1)
                if bottom - page.anchors[face][1] > limit + 0.5:
                    found.add(face)
    return found


def fit_flashcards(content: Content, options: BuildOptions, pdf: PdfOptions,
                   ) -> tuple[weasyprint.Document, list[str]]:
    """Lay out, then shrink (or shorten) only the faces that overflow, and lay out again."""
    document, notes, _ = _fit(content, options, pdf)
    return document, notes


# What earlier fits in this process found (watch): a card whose text did not change starts
# at the type scale it needed last time, so the flashcards take one layout, not two or more.
FITTED: dict[tuple, tuple[int, str, bool]] = {}


def _fit_key(card: Card, side: str, pdf: PdfOptions) -> tuple:
    return (card.id, card.kind, card.front, card.back, card.summary, side, pdf.paper.name)


def _fitted(pairs: list[tuple[Face, Face]], pdf: PdfOptions) -> dict[tuple, tuple]:
    return {_fit_key(face.card, side, pdf): (face.scale, face.text, face.shortened)
            for pair in pairs for side, face in zip(("front", "back"), pair, strict=True)}


def _fit(content: Content, options: BuildOptions, pdf: PdfOptions,
         ) -> tuple[weasyprint.Document, list[str], list[tuple[Face, Face]]]:
    pairs = _initial_faces(content, pdf, learned=True)
    for _ in range(MAX_SCALE + 2):
        document = layout(flashcards_html(content, options, pdf, pairs),
                          page_context(content, options, pdf))
        over = overflowing(document, pdf.grid)
        if not over:
            return document, long_words(pairs), pairs
        changed = False
        for i, (front, back) in enumerate(pairs):
            if f"front-{front.card.id}" in over and front.scale < MAX_SCALE:
                front, changed = replace(front, scale=front.scale + 1), True
            if f"back-{back.card.id}" in over:
                if back.scale < MAX_SCALE:
                    back, changed = replace(back, scale=back.scale + 1), True
                elif (not back.shortened and back.card.kind != "cloze"
                      and short_form(back.card) != back.card.back):
                    text = short_form(back.card)
                    back, changed = replace(back, text=text, shortened=True,
                                            scale=back_scale(text)), True
            pairs[i] = (front, back)
        if not changed:
            break
    notes = [f"{face}: text does not fit the card even at the smallest type; shorten it "
             "(a `summary:` in the YAML)" for face in sorted(over)]
    notes += long_words(pairs)
    return document, notes, pairs


LONG_WORD = 40  # characters: wider than a card's line at the largest type


def long_words(pairs: list[tuple[Face, Face]]) -> list[str]:
    """Faces with a word too long for one line (a hash, a URL): it is broken across lines,
    never clipped, and the user is told."""
    notes = []
    for front, back in pairs:
        for side, text in (("front", front.card.front), ("back", back.text)):
            longest = max((len(w) for w in text.split()), default=0)
            if longest > LONG_WORD:
                notes.append(f"{side}-{front.card.id}: a {longest}-character word is broken "
                             "across lines to fit the card")
    return notes


# Entry point -------------------------------------------------------------------------------

DOCUMENTS = ("cheatsheet", "flashcards", "worksheet")
LONGEST_FIRST = ("worksheet", "cheatsheet", "flashcards")  # for the seed: 1.3, 0.9, 0.9 s


def output_path(name: str, options: BuildOptions, pdf: PdfOptions) -> Path:
    suffix = "" if pdf.paper.name == "a4" else f"-{pdf.paper.name}"
    key = "-key" if name == "worksheet" and pdf.answer_key else ""
    return options.dist / f"{name}{key}{suffix}.pdf"


def stage_one(name: str, content: Content, options: BuildOptions, pdf: PdfOptions) -> Output:
    """Lay out one of the DOCUMENTS in this process; its file is staged, not yet published."""
    if name == "cheatsheet":
        return _cheatsheet(content, options, pdf, _HereAndNow(), 1)()
    notes: list[str] = []
    learned: dict = {}
    if name == "flashcards":
        document, notes, pairs = _fit(content, options, pdf)
        learned = _fitted(pairs, pdf) if LAID_OUT.enabled else {}
    else:
        document = layout(worksheet_html(content, options, pdf),
                          page_context(content, options, pdf))
    path = output_path(name, options, pdf)
    return Output([path], notes, [write(document, path)], learned)


class Pending:
    """PDFs being laid out on the machine's cores while the caller goes on."""

    def __init__(self, documents: tuple[str, ...], jobs: dict[str, Callable[[], Output]],
                 pool: Executor) -> None:
        self.documents, self.jobs, self.pool = documents, jobs, pool

    def wait(self) -> Output:
        """Every document, staged. If one failed, the others are discarded and its error
        raised: a build publishes all of its files or none."""
        outputs, failure = [], None
        try:
            for name in self.documents:
                try:
                    outputs.append(self.jobs[name]())
                except BaseException as error:
                    failure = failure or error
        finally:
            self.pool.shutdown(cancel_futures=True)
        if failure is not None:
            for output in outputs:
                output.discard()
            raise failure
        return Output.joined(outputs)

    def cancel(self) -> None:
        """Another output failed: wait for the workers and throw their files away."""
        with contextlib.suppress(Exception):
            self.wait().discard()


def start(content: Content, options: BuildOptions, args: argparse.Namespace) -> Pending:
    """The registry's entry: every document, with the command line's PDF options."""
    return lay_out(content, options, PdfOptions(
        paper=PAPERS[args.paper], flip=args.flip,
        back_offset=(args.back_offset_x, args.back_offset_y), answer_key=args.answer_key))


def lay_out(content: Content, options: BuildOptions, pdf: PdfOptions | None = None,
            documents: tuple[str, ...] = DOCUMENTS) -> Pending:
    """Start the documents on the machine's cores; `wait()` on the result collects them.

    WeasyPrint lays out on one core, so the documents (and the parts of a long cheat sheet)
    render in forked workers while the caller goes on, for example with the Anki deck.
    """
    pdf = pdf or PdfOptions()
    draw_formulas(content)
    cores = os.cpu_count() or 1
    pool: Executor = _HereAndNow() if cores < 2 else ProcessPoolExecutor(
        cores, mp_context=multiprocessing.get_context("fork"))
    pending: dict[str, Callable[[], Output]] = {}
    for name in sorted(documents, key=LONGEST_FIRST.index):  # the longest job starts first
        path = output_path(name, options, pdf)
        key = _decided_by(name, content, options, pdf, cores) if LAID_OUT.enabled else ""
        if key and (kept := LAID_OUT.get(path, key)):
            pending[name] = kept
        elif name == "cheatsheet":
            pending[name] = LAID_OUT.remembered(
                _cheatsheet(content, options, pdf, pool, cores), path, key)
        else:
            pending[name] = LAID_OUT.remembered(
                pool.submit(stage_one, name, content, options, pdf).result, path, key)
    return Pending(documents, pending, pool)


class _LaidOut:
    """Documents laid out earlier in this process, for `watch`: a document whose HTML is the
    same as last time (a one-card edit leaves the worksheet's questions as they were) is not
    laid out again. Off for one-shot builds, which would only pay for the keys."""

    def __init__(self) -> None:
        self.enabled = False
        self.documents: dict[Path, tuple[str, bytes, list[str]]] = {}

    def get(self, path: Path, key: str) -> Callable[[], Output] | None:
        kept = self.documents.get(path)
        if kept is None or kept[0] != key:
            return None
        return lambda: Output([path], list(kept[2]), [atomic.stage(path, kept[1])])

    def remembered(self, job: Callable[[], Output], path: Path,
                   key: str) -> Callable[[], Output]:
        if not key:
            return job

        def run() -> Output:
            output = job()
            self.documents[path] = (key, output.staged[0].tmp.read_bytes(), list(output.notes))
            FITTED.update(output.learned)  # learned in a worker: kept here, in the parent
            return output
        return run


LAID_OUT = _LaidOut()


def _decided_by(name: str, content: Content, options: BuildOptions, pdf: PdfOptions,
                cores: int) -> str:
    """A digest of what a document's layout depends on: its HTML before layout, built with
    the time left out (a PDF whose text did not change keeps its earlier creation date)."""
    timeless = replace(options, now=0)
    if name == "worksheet":
        html = worksheet_html(content, timeless, pdf)
    elif name == "flashcards":
        html = flashcards_html(content, timeless, pdf, _initial_faces(content, pdf))
    else:
        context = cheatsheet.sheet_context(content, timeless, pdf)
        geometry = cheatsheet.Geometry(pdf.paper)
        parts = cheatsheet.plan(content, cheatsheet.part_count(context["count"], cores))
        html = "".join(cheatsheet.part_html(part, context, geometry, 0) for part in parts)
        html += cheatsheet.frame_html(context, geometry, 1, 0)
    return hashlib.sha256(f"{name}\n{pdf!r}\n{html}".encode()).hexdigest()


def draw_formulas(content: Content) -> None:
    """Draw every formula once, here, before the workers fork: they inherit the drawings
    (formulas.svg_image is cached) instead of each drawing them again."""
    for card in content.cards:
        for text in (card.front, card.back):
            for formula in inventory(text).formulas:
                if not formula.problem:
                    formulas.drawing(formula.tex.strip(), formula.display)


def stage(content: Content, options: BuildOptions, pdf: PdfOptions | None = None,
          documents: tuple[str, ...] = DOCUMENTS) -> Output:
    return lay_out(content, options, pdf, documents).wait()


def build(content: Content, options: BuildOptions, pdf: PdfOptions | None = None,
          documents: tuple[str, ...] = DOCUMENTS) -> Output:
    return stage(content, options, pdf, documents).publish()


def _cheatsheet(content: Content, options: BuildOptions, pdf: PdfOptions, pool: Executor,
                cores: int) -> Callable[[], Output]:
    """Lay out the cheat sheet's parts on `pool`; the returned call places them on paper."""
    context = cheatsheet.sheet_context(content, options, pdf)
    geometry = cheatsheet.Geometry(pdf.paper)
    parts = cheatsheet.part_count(context["count"], cores)
    futures = [pool.submit(cheatsheet.lay_out_part, part, context, geometry)
               for part in cheatsheet.plan(content, parts)]

    def finish() -> Output:
        path = output_path("cheatsheet", options, pdf)
        return Output([path], staged=[cheatsheet.assemble([f.result() for f in futures],
                                                          context, geometry, path)])
    return finish


class _HereAndNow(Executor):
    """Runs each call at once in this process: the one-core machine's pool."""

    def submit(self, fn, /, *args, **kwargs) -> Future:  # type: ignore[override]
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:
            future.set_exception(error)
        return future
