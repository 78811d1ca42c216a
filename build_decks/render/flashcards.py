"""Flashcards: cards cut from sheets, duplex (fronts, then mirrored backs), folded in half
(fronts and backs side by side), or fronts only; in three card sizes.

Each sheet is a part (parts.py): laid out, and fitted, on its own, so a one-card edit lays out
one sheet again. Fitting chooses each face's type size from a ladder: the largest at which its
text fits, measured by laying the sheet out, and then at most two sizes per side of a sheet
(the ones that leave the faces largest), so a sheet reads evenly and a short answer is set
large, never small beside its neighbours. Text that fits at no size switches to its short
form, and what still does not fit is reported; nothing is clipped silently. The sheets and
their fitting are sheets.py; this module plans the document and renders a sheet's HTML.
"""

from __future__ import annotations

import math

from build_decks.model import Card, Content
from build_decks.render.env import render
from build_decks.render.impose import Info, join
from build_decks.render.options import BuildOptions
from build_decks.render.paper import PdfOptions, page_context, topic_groups
from build_decks.render.parts import Galley, LaidOut, Part
from build_decks.render.plan import Need, Now, Plan, media_of, shows_code
from build_decks.render.sheets import (
    BACK_SIZES,
    FRONT_SIZES,
    LINE_HEIGHT,
    PADDING,
    READABLE,
    SAFETY,
    Face,
    Grid,
    Layout,
    Sheet,
    estimated_height,
    estimated_size,
    evened,
    fit,
    fixed_height,
    room,
)
from build_decks.shorten import short_form

SHOWN = {"qa", "term", "cloze"}
EDGE = 6.0  # mm kept clear around the grid: the cut marks (5 mm) stand in it


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
        found.append(evened(Sheet(start // per + 1, total, tuple(fronts), tuple(backs))))
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


# A sheet's HTML (fitted by sheets.fit, in a worker) ------------------------------------------

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
    return Plan("flashcards", [Need(galley, parts, jobs, fit)], finish)
