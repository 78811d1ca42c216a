"""A flashcard sheet and the fitting of its type sizes: the faces on a sheet, their first
guesses, and the job that lays a sheet out, measures each face and chooses its sizes again
(flashcards.py plans the document and renders the sheets' HTML).

The PDF workers import this module before they fork (workers.py, server.py), so it imports
only what a sheet's layout needs: a sheet is laid out from the HTML the build planned it
with, and only a sheet laid out again after fitting renders its HTML (or a back's short
form) in the worker, with the modules that takes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

from build_decks.model import Card
from build_decks.render.geometry import MM_TO_PX, CardSize, Paper
from build_decks.render.parts import Galley, LaidOut, lay_out

FRONT_SIZES = (14.0, 12.0, 10.5, 9.0, 8.0)  # pt, largest first
BACK_SIZES = (11.0, 9.5, 8.5, 7.6, 6.8, 6.1)
READABLE = 3  # BACK_SIZES[3], 7.6 pt: a full answer set smaller prints its short form instead
SIZES_PER_SIDE = 2  # a sheet's side reads evenly in one size, or two where the texts differ
PADDING = 4.0  # mm inside each card
META = 3.6  # mm: the topic line above each face's text
SAFETY = 0.96  # a size is predicted to fit when the text takes at most this much of the room
LINE_HEIGHT = 1.3  # the faces' CSS line-height
PASSES = 4  # layouts of one sheet at most (the sizes only ever get smaller after the second)
LONG_WORD = 40  # characters: wider than a card's line at the largest type


@dataclass(frozen=True)
class Grid:
    """Cards on a sheet: `columns` × `rows` of them (per half of a folded sheet)."""

    paper: Paper  # the sheet as printed (landscape for some folded layouts)
    card: CardSize
    columns: int
    rows: int
    fold: str = ""  # "", or "vertical" / "horizontal": the line the sheet is folded along

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


@dataclass(frozen=True)
class Face:
    card: Card
    topic: str
    side: str  # "front" or "back"
    x: float  # mm, the card's top left on its page
    y: float
    size: int  # index into the side's ladder
    text: str = ""  # a back's Markdown: the answer, its short form, or the filled cloze
    shortened: bool = False

    @property
    def anchor(self) -> str:
        return f"{self.side}-{self.card.id}"


@dataclass(frozen=True)
class Sheet:
    number: int
    total: int
    fronts: tuple[Face, ...]
    backs: tuple[Face, ...]  # empty when printing fronts only


@dataclass(frozen=True)
class Layout:
    """What a worker needs to render and fit sheets: the grid and the print options."""

    grid: Grid
    flip: str
    cards: str
    fronts_only: bool
    root: Path  # the content folder (its template overrides)


# Type sizes ---------------------------------------------------------------------------------

def room(grid: Grid) -> tuple[float, float]:
    """The text's box inside a card (mm): width, and height under the topic line."""
    return grid.card.width - 2 * PADDING, grid.card.height - 2 * PADDING - META


IMAGE = re.compile(r"!\[|<img\b", re.IGNORECASE)
DISPLAY_MATH = re.compile(r"\$\$|\\\[")
IMAGE_SHARE = 0.42  # of the card's height: the tallest an image is set (flashcards.css.j2)


def fixed_height(text: str, grid: Grid) -> float:
    """What in a face's text does not grow with the type (mm): images at their largest, and
    displayed formulas (drawn at their own size) at about a line of 14 pt each."""
    images = len(IMAGE.findall(text)) * grid.card.height * IMAGE_SHARE
    return images + len(DISPLAY_MATH.findall(text)) / 2 * 7


def estimated_height(text: str, size: float, width: float, bold: bool = False) -> float:
    """About how tall (mm) Markdown text sets at `size` pt in `width` mm: DejaVu Sans averages
    half an em a character (bold a little more). A first guess, which layout then corrects."""
    per_line = max(1, int(width / (size * (0.56 if bold else 0.5) * 25.4 / 72)))
    blocks = [b for b in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)", text) if b.strip()]
    lines = sum(math.ceil(len(" ".join(b.split())) / per_line) for b in blocks)
    return (lines * LINE_HEIGHT + 0.3 * len(blocks)) * size * 25.4 / 72


def estimated_size(text: str, sizes: tuple[float, ...], grid: Grid, bold: bool = False) -> int:
    width, height = room(grid)
    fixed = fixed_height(text, grid)
    for index, size in enumerate(sizes):
        if fixed + estimated_height(text, size, width, bold) <= height * SAFETY:
            return index
    return len(sizes) - 1


def consolidated(needs: list[int], most: int = SIZES_PER_SIDE) -> list[int]:
    """Sizes for one side of a sheet: each face gets the largest allowed size at which it
    fits, from at most `most` sizes, chosen so that the faces lose the fewest steps (a size
    every face needs is the one size used)."""
    if not needs:
        return []
    smallest = max(needs)  # every set of sizes must hold it, or that face would overflow
    best: tuple[int, list[int]] | None = None
    for others in (c for k in range(most) for c in combinations(sorted(set(needs)), k)):
        allowed = sorted({*others, smallest})
        given = [min(s for s in allowed if s >= n) for n in needs]
        loss = sum(g - n for g, n in zip(given, needs, strict=True))
        if best is None or loss < best[0]:
            best = (loss, given)
    return best[1]  # type: ignore[index]


def evened(sheet: Sheet, needs: dict[str, int] | None = None) -> Sheet:
    """Each side at most SIZES_PER_SIDE sizes (from `needs`, else each face's own size)."""
    def side(faces: tuple[Face, ...]) -> tuple[Face, ...]:
        given = consolidated([needs.get(f.anchor, f.size) if needs else f.size for f in faces])
        return tuple(replace(f, size=s) for f, s in zip(faces, given, strict=True))
    return replace(sheet, fronts=side(sheet.fronts), backs=side(sheet.backs))


# Fitting (in a worker) -------------------------------------------------------------------

def fit(galley: Galley, jobs: list[tuple[Sheet, Layout, str]]) -> list[LaidOut]:
    """Lay out each sheet (from its HTML as planned, `sheet_html` of the sheet); where a face
    overflows or wastes room, choose its sizes again from what the layout measured, and lay out
    those sheets again (at most PASSES times). The planned HTML comes with the job: the build
    has rendered it already, and a worker would convert every answer's Markdown again first,
    with a converter it must make."""
    sheets_now = [sheet for sheet, _, _ in jobs]
    failed: list[dict[str, int]] = [{} for _ in jobs]  # a face's largest size seen overflowing
    done: dict[int, LaidOut] = {}
    todo = list(range(len(jobs)))
    for number in range(PASSES):
        laid = lay_out(galley, [jobs[i][2] if number == 0 else
                                _html(sheets_now[i], jobs[i][1], galley.context) for i in todo])
        again = []
        for i, result in zip(todo, laid, strict=True):
            sheet, layout = sheets_now[i], jobs[i][1]
            measured = _measure(result, layout.grid)
            for anchor, (fits, _) in measured.items():
                face = _face(sheet, anchor)
                if not fits:
                    failed[i][anchor] = max(failed[i].get(anchor, -1), face.size)
            better = _refit(sheet, measured, failed[i], number == 0, layout.grid)
            if better == sheet and all(fits for fits, _ in measured.values()):
                done[i] = replace(result, notes=tuple(long_words(sheet)))
            elif better == sheet or number == PASSES - 1:
                done[i] = replace(result, notes=tuple(_notes(sheet, measured)))
            else:
                sheets_now[i] = better
                again.append(i)
        todo = again
        if not todo:
            break
    return [done[i] for i in range(len(jobs))]


def _html(sheet: Sheet, layout: Layout, context: dict) -> str:
    """A sheet's HTML with the sizes fitting chose: the template and the Markdown converter
    are imported by the first sheet a worker lays out again (most sheets fit at once)."""
    from build_decks.render.flashcards import sheet_html

    return sheet_html(sheet, layout, context)


def _face(sheet: Sheet, anchor: str) -> Face:
    return next(f for f in (*sheet.fronts, *sheet.backs) if f.anchor == anchor)


def _measure(result: LaidOut, grid: Grid) -> dict[str, tuple[bool, float]]:
    """Each face: whether its text fits, and what share of the room the text takes."""
    limit = (grid.card.height - PADDING) * MM_TO_PX
    found = {}
    for page in result.pages:
        for anchor, box in page.anchors.items():
            side, _, card_id = anchor.partition("-body-")
            if not card_id or side not in ("front", "back"):
                continue
            face = page.anchors[f"{side}-{card_id}"]
            room_px = limit - (box[1] - face[1])
            found[f"{side}-{card_id}"] = (box[3] - face[1] <= limit + 0.5,
                                          (box[3] - box[1]) / max(room_px, 1.0))
    return found


def _refit(sheet: Sheet, measured: dict[str, tuple[bool, float]], failed: dict[str, int],
           grow: bool, grid: Grid) -> Sheet:
    """Sizes chosen again from the measured share of the room each text takes: text height
    goes about with the square of the type size (images and displayed formulas do not grow).
    Larger sizes are tried after the first layout only (so fitting ends); a size that
    overflowed is never tried again."""
    needs = {}
    for face in (*sheet.fronts, *sheet.backs):
        fixed = min(fixed_height(face.text or face.card.front, grid) / room(grid)[1], 1.0)
        ladder = FRONT_SIZES if face.side == "front" else BACK_SIZES
        fits, share = measured.get(face.anchor, (True, 0.0))
        if fits and not grow:
            needs[face.anchor] = face.size
            continue
        need = len(ladder) - 1
        for index in range(0 if grow else face.size + 1, len(ladder)):
            grown = fixed + max(share - fixed, 0.0) * (ladder[index] / ladder[face.size]) ** 2
            if (grown <= SAFETY
                    and index > failed.get(face.anchor, -1)):
                need = index
                break
        needs[face.anchor] = min(need, face.size) if fits else need
    return evened(_shorten(sheet, needs, failed), needs)


def _shorten(sheet: Sheet, needs: dict[str, int], failed: dict[str, int]) -> Sheet:
    """A back whose full answer needs type smaller than READABLE switches to its short form."""
    from build_decks.shorten import short_form  # a sheet fitted again: rare

    backs = []
    for face in sheet.backs:
        if (needs[face.anchor] > READABLE and not face.shortened and face.card.kind != "cloze"
                and (short := short_form(face.card)) != face.text):
            failed.pop(face.anchor, None)  # a new text: its sizes are to be tried afresh
            face = replace(face, text=short, shortened=True, size=READABLE)
            needs[face.anchor] = READABLE
        backs.append(face)
    return replace(sheet, backs=tuple(backs))


def _notes(sheet: Sheet, measured: dict[str, tuple[bool, float]]) -> list[str]:
    over = sorted(anchor for anchor, (fits, _) in measured.items() if not fits)
    return [f"{face}: text does not fit the card even at the smallest type; shorten it "
            "(a `summary:` in the YAML)" for face in over] + long_words(sheet)


def long_words(sheet: Sheet) -> list[str]:
    """Faces with a word too long for one line (a hash, a URL): it is broken across lines,
    never clipped, and the user is told."""
    notes = []
    for face in (*sheet.fronts, *sheet.backs):
        text = face.card.front if face.side == "front" else face.text
        longest = max((len(w) for w in text.split()), default=0)
        if longest > LONG_WORD:
            notes.append(f"{face.anchor}: a {longest}-character word is broken across lines "
                         "to fit the card")
    return notes
