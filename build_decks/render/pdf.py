"""Printable PDFs with WeasyPrint: cheat sheet, duplex flashcards, practice worksheet.

Presentation lives in templates/pdf; this module decides what goes where: which text fits a
card (short forms, type scales), where each card sits on the front and back pages, and
whether anything still overflows after layout (reported, never clipped silently).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import weasyprint

from build_decks.atomic import atomic_path
from build_decks.model import Card, Content
from build_decks.render.env import TEMPLATES, render
from build_decks.render.options import BuildOptions, Output
from build_decks.shorten import short_form, word_count

MM_TO_PX = 96 / 25.4


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # mm
    height: float

    @property
    def css(self) -> str:
        return f"{self.width}mm {self.height}mm"


PAPERS = {"a4": Paper("a4", 210, 297), "letter": Paper("letter", 215.9, 279.4)}


@dataclass(frozen=True)
class Grid:
    """The flashcard grid: cards abut, so one cut separates two cards."""

    columns: int = 2
    rows: int = 4
    card_width: float = 90
    card_height: float = 62
    padding: float = 4

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


@dataclass(frozen=True)
class PdfOptions:
    paper: Paper = PAPERS["a4"]
    flip: str = "long"  # duplex flip edge: "long" or "short"
    back_offset: tuple[float, float] = (0.0, 0.0)  # mm, for printers that shift the back
    answer_key: bool = False
    grid: Grid = Grid()


def _created(options: BuildOptions) -> str:
    return datetime.fromtimestamp(options.now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _common(content: Content, options: BuildOptions, pdf: PdfOptions) -> dict:
    return {"title": content.title, "author": content.author, "language": content.language,
            "created": _created(options), "paper": pdf.paper}


def layout(html: str) -> weasyprint.Document:
    return weasyprint.HTML(string=html, base_url=str(TEMPLATES)).render()


def write(document: weasyprint.Document, path: Path) -> None:
    with atomic_path(path) as tmp:
        document.write_pdf(tmp)


def _groups(content: Content, kinds: set[str]) -> list[tuple]:
    return [(topic, cards) for topic in content.topics
            if (cards := [c for c in content.cards if c.topic == topic.id and c.kind in kinds])]


# Cheat sheet -------------------------------------------------------------------------------

def cheatsheet_html(content: Content, options: BuildOptions, pdf: PdfOptions) -> str:
    groups = [{"topic": topic, "entries": [
        {"card": card, "text": short_form(card), "shortened": short_form(card) != card.back}
        for card in cards]} for topic, cards in _groups(content, {"qa", "term"})]
    references = list({r.url: r for d in content.decks for r in d.references}.values())
    return render("pdf/cheatsheet.html", groups=groups, references=references,
                  count=sum(len(g["entries"]) for g in groups), **_common(content, options, pdf))


# Worksheet ---------------------------------------------------------------------------------

def answer_lines(card: Card) -> int:
    """Room to write: about the reference answer's length, within sensible bounds."""
    return 6 if not card.back else max(3, min(9, word_count(card.back) // 20))


def worksheet_html(content: Content, options: BuildOptions, pdf: PdfOptions) -> str:
    groups, number = [], 0
    for topic, cards in _groups(content, {"qa", "prompt"}):
        items = []
        for card in cards:
            number += 1
            items.append({"card": card, "number": number, "lines": answer_lines(card)})
        groups.append({"topic": topic, "entries": items})
    prompts = sum(1 for g in groups for i in g["entries"] if i["card"].kind == "prompt")
    return render("pdf/worksheet.html", groups=groups, count=number, prompts=prompts,
                  answer_key=pdf.answer_key, **_common(content, options, pdf))


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


def _initial_faces(content: Content, pdf: PdfOptions) -> list[tuple[Face, Face]]:
    titles = {t.id: t.title for t in content.topics}
    pairs = []
    cards = [c for _, cards in _groups(content, {"qa", "term"}) for c in cards]
    for index, card in enumerate(cards):
        slot = index % pdf.grid.per_sheet
        fx, fy = slot_position(slot, pdf.paper, pdf.grid)
        bx, by = slot_position(mirrored_index(slot, pdf.grid, pdf.flip), pdf.paper, pdf.grid)
        bx, by = round(bx + pdf.back_offset[0], 2), round(by + pdf.back_offset[1], 2)
        text, shortened = card.back, False
        if back_scale(text) >= MAX_SCALE and word_count(text) > 110:
            text, shortened = short_form(card), short_form(card) != card.back
        topic = titles[card.topic]
        pairs.append((Face(card, topic, fx, fy, front_scale(card)),
                      Face(card, topic, bx, by, back_scale(text), text, shortened)))
    return pairs


def flashcards_html(content: Content, options: BuildOptions, pdf: PdfOptions,
                    pairs: list[tuple[Face, Face]]) -> str:
    per = pdf.grid.per_sheet
    cuts = cut_marks(pdf.paper, pdf.grid)
    sheets = [{"fronts": [f for f, _ in pairs[i:i + per]],
               "backs": [b for _, b in pairs[i:i + per]], "cuts": cuts}
              for i in range(0, len(pairs), per)]
    return render("pdf/flashcards.html", sheets=sheets, grid=pdf.grid, flip=pdf.flip,
                  **_common(content, options, pdf))


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
    pairs = _initial_faces(content, pdf)
    for _ in range(MAX_SCALE + 2):
        document = layout(flashcards_html(content, options, pdf, pairs))
        over = overflowing(document, pdf.grid)
        if not over:
            return document, []
        changed = False
        for i, (front, back) in enumerate(pairs):
            if f"front-{front.card.id}" in over and front.scale < MAX_SCALE:
                front, changed = replace(front, scale=front.scale + 1), True
            if f"back-{back.card.id}" in over:
                if back.scale < MAX_SCALE:
                    back, changed = replace(back, scale=back.scale + 1), True
                elif not back.shortened and short_form(back.card) != back.card.back:
                    text = short_form(back.card)
                    back, changed = replace(back, text=text, shortened=True,
                                            scale=back_scale(text)), True
            pairs[i] = (front, back)
        if not changed:
            break
    notes = [f"{face}: text does not fit the card even at the smallest type; shorten it "
             "(a `summary:` in the YAML)" for face in sorted(over)]
    return document, notes


# Entry point -------------------------------------------------------------------------------

DOCUMENTS = ("cheatsheet", "flashcards", "worksheet")


def build_one(name: str, content: Content, options: BuildOptions, pdf: PdfOptions) -> Output:
    """Lay out and write one of the DOCUMENTS."""
    suffix = "" if pdf.paper.name == "a4" else f"-{pdf.paper.name}"
    notes: list[str] = []
    if name == "cheatsheet":
        document = layout(cheatsheet_html(content, options, pdf))
    elif name == "flashcards":
        document, notes = fit_flashcards(content, options, pdf)
    else:
        document = layout(worksheet_html(content, options, pdf))
        name += "-key" if pdf.answer_key else ""
    path = options.dist / f"{name}{suffix}.pdf"
    write(document, path)
    return Output([path], notes)


def start(content: Content, options: BuildOptions, pdf: PdfOptions | None = None,
          ) -> Callable[[], Output]:
    """Start the three documents on the machine's cores; the returned call waits for them.

    WeasyPrint lays out on one core, so the documents render in forked workers while the
    caller goes on (for example with the Anki and HTML outputs).
    """
    pdf = pdf or PdfOptions()
    workers = min(len(DOCUMENTS), os.cpu_count() or 1)
    if workers < 2:
        outputs = [build_one(name, content, options, pdf) for name in DOCUMENTS]
        return lambda: _merge(outputs)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    futures = [pool.submit(build_one, name, content, options, pdf) for name in DOCUMENTS]

    def wait() -> Output:
        try:
            return _merge([f.result() for f in futures])
        finally:
            pool.shutdown()
    return wait


def _merge(outputs: list[Output]) -> Output:
    return Output([p for o in outputs for p in o.paths], [n for o in outputs for n in o.notes])


def build(content: Content, options: BuildOptions, pdf: PdfOptions | None = None) -> Output:
    return start(content, options, pdf)()
