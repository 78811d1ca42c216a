"""The cheat sheet: every question and term by topic, three columns to a page.

The entries flow through pages the size of one column: one linear WeasyPrint pass, split into
parts laid out on separate cores when the sheet is long. A frame document (title, running
heads, page numbers, column rules) supplies the paper pages, and `impose` places the column
pages on them. See impose.py for why not CSS columns.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from build_decks.atomic import Staged
from build_decks.model import Content
from build_decks.render.env import render
from build_decks.render.impose import Bookmark, Slot, impose
from build_decks.render.options import BuildOptions
from build_decks.render.paper import (
    MM_TO_PT,
    MM_TO_PX,
    PX_TO_PT,
    Paper,
    PdfOptions,
    layout,
    page_context,
    topic_groups,
)
from build_decks.shorten import short_form

SHOWN = {"qa", "term", "cloze"}  # kinds with something to look up (not practice prompts)
ENTRIES_PER_PART = 200  # fewer, and one process beats two: each pays WeasyPrint's start-up
MAX_ENTRIES_PER_PART = 500  # WeasyPrint keeps a part's every box until it is written


def part_count(entries: int, cores: int) -> int:
    """Enough parts to use every core, and small enough parts to bound memory."""
    return max(1, min(cores, entries // ENTRIES_PER_PART),
               math.ceil(entries / MAX_ENTRIES_PER_PART))


@dataclass(frozen=True)
class Geometry:
    """The page, in mm: the frame's CSS margins and the column pages' size both come from here."""

    paper: Paper
    top: float = 13
    side: float = 9
    bottom: float = 12
    columns: int = 3
    gap: float = 4

    @property
    def column_width(self) -> float:
        return round((self.paper.width - 2 * self.side - (self.columns - 1) * self.gap)
                     / self.columns, 3)

    @property
    def column_height(self) -> float:
        return round(self.paper.height - self.top - self.bottom, 3)

    def slot(self, column: int) -> Slot:
        page, index = divmod(column, self.columns)
        return Slot(page, (self.side + index * (self.column_width + self.gap)) * MM_TO_PT,
                    self.bottom * MM_TO_PT)

    def rules(self) -> list[float]:
        """Left offsets (mm, from the content edge) of the rules between the columns."""
        return [round(i * (self.column_width + self.gap) - self.gap / 2, 3)
                for i in range(1, self.columns)]


@dataclass(frozen=True)
class Part:
    """A stretch of the flow laid out by one process; the first one sits under the title."""

    index: int
    groups: list[dict]
    references: list


@dataclass(frozen=True)
class LaidOutPart:
    pdf: bytes
    columns: int
    bookmarks: list[tuple[str, int, float]]  # label, column within the part, pt from its top
    title_height: float  # mm; measured by the first part only


def _groups(content: Content) -> list[dict]:
    groups = []
    for topic, cards in topic_groups(content, SHOWN):
        entries = []
        for card in cards:
            text = short_form(card)
            entries.append({"card": card, "text": text, "shortened": text != card.back})
        groups.append({"topic": topic, "entries": entries, "continued": False})
    return groups


def plan(content: Content, parts: int) -> list[Part]:
    """Cut the flow into `parts` stretches of about equal text; a cut topic goes on "continued"."""
    groups = _groups(content)
    weights = [len(e["card"].front) + len(e["text"]) + 80 for g in groups for e in g["entries"]]
    cuts = _cuts(weights, parts)
    stretches: list[list[dict]] = [[] for _ in cuts]
    position = 0
    for group in groups:
        for entry in group["entries"]:
            part = next(i for i, end in enumerate(cuts) if position < end)
            stretch = stretches[part]
            if not stretch or stretch[-1]["topic"] is not group["topic"]:
                stretch.append({"topic": group["topic"], "entries": [],
                                "continued": entry is not group["entries"][0]})
            stretch[-1]["entries"].append(entry)
            position += 1
    references = list({r.url: r for d in content.decks for r in d.references}.values())
    found = [Part(i, stretch, references if i == len(stretches) - 1 else [])
             for i, stretch in enumerate(stretches) if stretch]
    return found or [Part(0, [], references)]  # nothing answered yet: the sheet says so


def _cuts(weights: list[int], parts: int) -> list[int]:
    """Entry indexes ending each part, so the parts carry about equal weight."""
    total, running, cuts = sum(weights), 0, []
    for index, weight in enumerate(weights):
        running += weight
        if len(cuts) < parts - 1 and running >= total * (len(cuts) + 1) / parts:
            cuts.append(index + 1)
    return [*cuts, len(weights)]


def frame_html(context: dict, geometry: Geometry, columns: int, title_height: float) -> str:
    pages = []
    for page in range(max(1, math.ceil(columns / geometry.columns))):
        filled = min(geometry.columns, columns - page * geometry.columns)
        pages.append({"rules": geometry.rules()[:max(0, filled - 1)],
                      "top": title_height if page == 0 else 0})
    return render(context["root"], "pdf/cheatsheet-frame.html", pages=pages, geometry=geometry,
                  **context)


def part_html(part: Part, context: dict, geometry: Geometry, title_height: float) -> str:
    return render(context["root"], "pdf/cheatsheet.html", part=part, geometry=geometry,
                  title_height=title_height if part.index == 0 else 0, **context)


def sheet_context(content: Content, options: BuildOptions, pdf: PdfOptions) -> dict:
    """The page context, and the counts the introduction under the title states."""
    groups = topic_groups(content, SHOWN)
    return {**page_context(content, options, pdf), "topics": len(groups),
            "count": sum(len(cards) for _, cards in groups)}


def measure_title(context: dict, geometry: Geometry) -> float:
    """Height (mm) the title and the introduction take on the first page."""
    document = layout(frame_html(context, geometry, 1, 0), context)
    return round(document.pages[0].anchors["columns-top"][1] / MM_TO_PX - geometry.top, 2)


def lay_out_part(part: Part, context: dict, geometry: Geometry) -> LaidOutPart:
    title_height = measure_title(context, geometry) if part.index == 0 else 0
    document = layout(part_html(part, context, geometry, title_height), context)
    bookmarks = [(label, column, y * PX_TO_PT) for column, page in enumerate(document.pages)
                 for _, label, (_, y), _ in page.bookmarks]
    buffer = io.BytesIO()
    document.write_pdf(buffer)
    return LaidOutPart(buffer.getvalue(), len(document.pages), bookmarks, title_height)


def assemble(parts: list[LaidOutPart], context: dict, geometry: Geometry, path: Path) -> Staged:
    """Frame pages for every column, then the columns placed on them; staged beside `path`."""
    firsts, column = [], 0
    for index, part in enumerate(parts):
        if index == 1:  # the title sits above only the first part's first row of columns
            column = max(column, geometry.columns)
        firsts.append(column)
        column += part.columns
    frame = layout(frame_html(context, geometry, column, parts[0].title_height), context)
    buffer = io.BytesIO()
    frame.write_pdf(buffer)
    bookmarks = [Bookmark(label, first + within, top)
                 for part, first in zip(parts, firsts, strict=True)
                 for label, within, top in part.bookmarks]
    return impose(buffer.getvalue(), [(p.pdf, f) for p, f in zip(parts, firsts, strict=True)],
                  [geometry.slot(i) for i in range(column)], bookmarks, path)
