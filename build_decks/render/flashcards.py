"""Flashcards: cards cut from sheets, duplex (fronts, then mirrored backs), folded in half
(fronts and backs side by side), or fronts only; in three card sizes.

Each sheet is a part (parts.py): laid out, and fitted, on its own, so a one-card edit lays out
one sheet again. Fitting chooses each face's type size from a ladder: the largest at which its
text fits, measured by laying the sheet out, and then at most two sizes per side of a sheet
(the ones that leave the faces largest), so a sheet reads evenly and a short answer is set
large, never small beside its neighbours. Text that fits at no size switches to its short
form, and what still does not fit is reported; nothing is clipped silently.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

from build_decks.model import Card, Content
from build_decks.render.env import render
from build_decks.render.impose import Info, join
from build_decks.render.options import BuildOptions
from build_decks.render.paper import (
    MM_TO_PX,
    CardSize,
    Paper,
    PdfOptions,
    page_context,
    topic_groups,
)
from build_decks.render.parts import Galley, LaidOut, Part, lay_out
from build_decks.render.plan import Need, Now, Plan, media_of, shows_code
from build_decks.shorten import short_form

SHOWN = {"qa", "term", "cloze"}
FRONT_SIZES = (14.0, 12.0, 10.5, 9.0, 8.0)  # pt, largest first
BACK_SIZES = (11.0, 9.5, 8.5, 7.6, 6.8, 6.1)
READABLE = 3  # BACK_SIZES[3], 7.6 pt: a full answer set smaller prints its short form instead
SIZES_PER_SIDE = 2  # a sheet's side reads evenly in one size, or two where the texts differ
PADDING = 4.0  # mm inside each card
META = 3.6  # mm: the topic line above each face's text
EDGE = 6.0  # mm kept clear around the grid: the cut marks (5 mm) stand in it
SAFETY = 0.96  # a size is predicted to fit when the text takes at most this much of the room
LINE_HEIGHT = 1.3  # the faces' CSS line-height
PASSES = 4  # layouts of one sheet at most (the sizes only ever get smaller after the second)
LONG_WORD = 40  # characters: wider than a card's line at the largest type
SHEET_COST = 0.5  # a sheet's HTML is half positions and cut marks: half the layout work per
# character of a cheat-sheet entry's (the seed: 43 kB in 0.8 s, against 19 kB in 1.0 s)


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


def grid(pdf: PdfOptions) -> Grid:
    """The most cards a sheet holds in this layout (a folded sheet may turn to landscape:
    it is printed on one side only)."""
    width, height = pdf.card_size.width, pdf.card_size.height

    def fits(room: float, size: float) -> int:
        return max(0, math.floor((room - 2 * EDGE) / size + 1e-9))

    if pdf.cards != "fold" or pdf.fronts_only:  # fronts only: nothing to fold over
        paper = pdf.paper
        return Grid(paper, pdf.card_size, max(1, fits(paper.width, width)),
                    max(1, fits(paper.height, height)))
    options = []
    for paper in (pdf.paper, pdf.paper.turned()):
        options.append(Grid(paper, pdf.card_size, math.floor((paper.width / 2 - EDGE) / width),
                            fits(paper.height, height), "vertical"))
        options.append(Grid(paper, pdf.card_size, fits(paper.width, width),
                            math.floor((paper.height / 2 - EDGE) / height), "horizontal"))
    best = max(options, key=lambda g: g.per_sheet)  # the first of equals: portrait, vertical
    if not best.per_sheet:
        return Grid(pdf.paper, pdf.card_size, 1, 1, "vertical")
    return best


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


# Where the cards go -------------------------------------------------------------------------

def positions(grid: Grid, flip: str, offset: tuple[float, float]) -> list[tuple[tuple, tuple]]:
    """Each slot's front and back (x, y) in mm: backs mirrored for duplex, across the fold
    for a folded sheet."""
    w, h = grid.card.width, grid.card.height
    paper = grid.paper
    found = []
    for index in range(grid.per_sheet):
        row, column = divmod(index, grid.columns)
        if grid.fold == "vertical":  # fronts left of the fold, backs right, each pair touching
            y = (paper.height - grid.rows * h) / 2 + row * h
            found.append(((paper.width / 2 - (column + 1) * w, y), (paper.width / 2 + column * w,
                                                                     y)))
        elif grid.fold == "horizontal":  # fronts above, backs below
            x = (paper.width - grid.columns * w) / 2 + column * w
            found.append(((x, paper.height / 2 - (row + 1) * h), (x, paper.height / 2 + row * h)))
        else:
            left = (paper.width - grid.columns * w) / 2
            top = (paper.height - grid.rows * h) / 2
            mirrored = (grid.rows - 1 - row, column) if flip == "short" else (
                row, grid.columns - 1 - column)
            found.append(((left + column * w, top + row * h),
                          (left + mirrored[1] * w + offset[0], top + mirrored[0] * h + offset[1])))
    return [((round(fx, 2), round(fy, 2)), (round(bx, 2), round(by, 2)))
            for (fx, fy), (bx, by) in found]


def cut_marks(grid: Grid) -> list[dict]:
    """Short marks outside the block of cards, along every cut line."""
    w, h, paper = grid.card.width, grid.card.height, grid.paper
    across = grid.columns * (2 if grid.fold == "vertical" else 1)
    down = grid.rows * (2 if grid.fold == "horizontal" else 1)
    left, top = (paper.width - across * w) / 2, (paper.height - down * h) / 2
    right, bottom = left + across * w, top + down * h
    marks = []
    for c in range(across + 1):
        x = round(left + c * w, 2)
        marks += [{"kind": "v", "x": x, "y": round(top - 6, 2)},
                  {"kind": "v", "x": x, "y": round(bottom + 1, 2)}]
    for r in range(down + 1):
        y = round(top + r * h, 2)
        marks += [{"kind": "h", "x": round(left - 6, 2), "y": y},
                  {"kind": "h", "x": round(right + 1, 2), "y": y}]
    return marks


def fold_line(grid: Grid) -> dict | None:
    w, h, paper = grid.card.width, grid.card.height, grid.paper
    if grid.fold == "vertical":
        return {"kind": "vertical", "x": round(paper.width / 2, 2),
                "y": round((paper.height - grid.rows * h) / 2, 2), "length": grid.rows * h}
    if grid.fold == "horizontal":
        return {"kind": "horizontal", "y": round(paper.height / 2, 2),
                "x": round((paper.width - grid.columns * w) / 2, 2), "length": grid.columns * w}
    return None


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


def sheets(content: Content, pdf: PdfOptions, layout: Layout) -> list[Sheet]:
    """The cards by topic, a sheet at a time, with first-guess sizes (see `fit`)."""
    titles = {t.id: t.title for t in content.topics}
    cards = [c for _, cards in topic_groups(content, SHOWN) for c in cards]
    slots = positions(layout.grid, layout.flip, pdf.back_offset)
    per = layout.grid.per_sheet
    total = max(1, math.ceil(len(cards) / per))
    found = []
    for start in range(0, len(cards), per):
        fronts, backs = [], []
        for slot, card in enumerate(cards[start:start + per]):
            (fx, fy), (bx, by) = slots[slot]
            topic = titles[card.topic]
            fronts.append(Face(card, topic, "front", fx, fy, estimated_size(
                card.front, FRONT_SIZES, layout.grid, bold=card.kind != "cloze")))
            if layout.fronts_only:
                continue
            text, shortened = back_text(card, layout.grid)
            backs.append(Face(card, topic, "back", bx, by,
                              estimated_size(text, BACK_SIZES, layout.grid), text, shortened))
        found.append(_even(Sheet(start // per + 1, total, tuple(fronts), tuple(backs))))
    return found


def back_text(card: Card, grid: Grid) -> tuple[str, bool]:
    """A back's text: the answer, or its short form when the answer would need type smaller
    than READABLE (the full answer is in the deck and the pack)."""
    if card.kind == "cloze":  # the back shows the text filled in, then its extra
        return f"{card.front}\n\n{card.back}".strip(), False
    width, height = room(grid)
    if (fixed_height(card.back, grid) + estimated_height(card.back, BACK_SIZES[READABLE], width)
            > height * SAFETY) and (
            short := short_form(card)) != card.back:
        return short, True
    return card.back, False


def _even(sheet: Sheet, needs: dict[str, int] | None = None) -> Sheet:
    """Each side at most SIZES_PER_SIDE sizes (from `needs`, else each face's own size)."""
    def side(faces: tuple[Face, ...]) -> tuple[Face, ...]:
        given = consolidated([needs.get(f.anchor, f.size) if needs else f.size for f in faces])
        return tuple(replace(f, size=s) for f, s in zip(faces, given, strict=True))
    return replace(sheet, fronts=side(sheet.fronts), backs=side(sheet.backs))


# Layout and fitting (in a worker) ----------------------------------------------------------

SHEET_TEMPLATE = "pdf/flashcards-sheet.html"


def sheet_html(sheet: Sheet, layout: Layout, context: dict) -> str:
    grid = layout.grid
    note = {"duplex": f"Print double-sided at 100 % (no “fit to page”), flip on the "
                      f"{layout.flip} edge.",
            "fold": "Print one-sided at 100 % (no “fit to page”), fold along the dashed "
                    "line, then cut through both halves."}[layout.cards]
    if layout.fronts_only:
        note = "Print at 100 % (no “fit to page”): the fronts only."
    pages = []
    if grid.fold:
        pages.append({"faces": [*sheet.fronts, *sheet.backs], "side": "both"})
    else:
        pages.append({"faces": list(sheet.fronts), "side": "fronts"})
        if sheet.backs:
            pages.append({"faces": list(sheet.backs), "side": "backs"})
    return render(layout.root, SHEET_TEMPLATE, sheet=sheet, pages=pages,
                  note=note, cuts=cut_marks(grid), fold=fold_line(grid), grid=grid,
                  shortened=any(f.shortened for f in sheet.backs), **context)


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
                                sheet_html(sheets_now[i], jobs[i][1], galley.context)
                                for i in todo])
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
    return _even(_shorten(sheet, needs, failed), needs)


def _shorten(sheet: Sheet, needs: dict[str, int], failed: dict[str, int]) -> Sheet:
    """A back whose full answer needs type smaller than READABLE switches to its short form."""
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


# The document --------------------------------------------------------------------------------

def plan(content: Content, options: BuildOptions, pdf: PdfOptions) -> Plan:
    layout = Layout(grid(pdf), pdf.flip, pdf.cards, pdf.fronts_only, content.root)
    context = page_context(content, options, pdf)
    found = sheets(content, pdf, layout)
    fragments = [sheet_html(sheet, layout, context) for sheet in found]
    galley = Galley(render(content.root, "pdf/flashcards.css.j2", grid=layout.grid,
                           padding=PADDING, front_sizes=FRONT_SIZES, back_sizes=BACK_SIZES,
                           line_height=LINE_HEIGHT, code=shows_code(fragments), **context),
                    context)
    parts = [Part.of(galley, fragment,
                     *(data for face in sheet.fronts for data in media_of(content, face.card)))
             for sheet, fragment in zip(found, fragments, strict=True)]

    def finish(laid: dict[str, LaidOut], now: Now) -> tuple[bytes, list[str]]:
        done = [laid[p.key] for p in parts]
        kind = ("fronts" if pdf.fronts_only else
                "folded in half" if layout.grid.fold else f"duplex, {pdf.flip}-edge flip")
        info = Info(f"{content.title} — flashcards", content.author,
                    f"Flashcards, {pdf.card_size.name} ({kind})", content.language, options.now)
        return join(done, info), [n for part in done for n in part.notes]

    jobs = [(sheet, layout, fragment) for sheet, fragment in zip(found, fragments, strict=True)]
    return Plan("flashcards", [Need(galley, parts, jobs, fit, cost=SHEET_COST)], finish)
