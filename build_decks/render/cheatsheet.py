"""The cheat sheet: every question and term by topic, three columns to a page.

Each entry (a topic's first entry with the topic's heading) is a part laid out on a page the
size of one column (parts.py), the title is a part as wide as the page, and impose.py fills
the columns with them, balancing the last page's; a frame document supplies the paper pages
(running heads, page numbers, the rules between columns). A one-card edit lays out that one
entry again. See impose.py for why not CSS columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_decks.model import Content
from build_decks.render.env import render
from build_decks.render.geometry import MM_TO_PT, Margins
from build_decks.render.impose import Block, Columns, Info, Placed, blocks_of, fill, impose
from build_decks.render.options import BuildOptions
from build_decks.render.paper import PdfOptions, page_context, topic_groups
from build_decks.render.parts import Galley, LaidOut, Part
from build_decks.render.plan import Need, Now, Plan, media_of, shows_code
from build_decks.shorten import short_form

SHOWN = {"qa", "term", "cloze"}  # kinds with something to look up (not practice prompts)


@dataclass(frozen=True)
class Geometry(Margins):
    """The page, in mm, and its columns."""

    top: float = 13
    side: float = 9
    bottom: float = 12
    columns: int = 3
    gap: float = 4

    @property
    def column_width(self) -> float:
        return round((self.width - (self.columns - 1) * self.gap) / self.columns, 3)

    @property
    def column_height(self) -> float:
        return self.height

    def placing(self, title_height: float) -> Columns:
        """The columns on paper (pt); the first page's start under the title."""
        return Columns(self.columns, tuple((self.side + i * (self.column_width + self.gap))
                                           * MM_TO_PT for i in range(self.columns)),
                       (self.paper.height - self.top) * MM_TO_PT,
                       self.column_height * MM_TO_PT, title_height, 0.0)

    def rules(self) -> list[float]:
        """Left offsets (mm, from the content edge) of the rules between the columns."""
        return [round(i * (self.column_width + self.gap) - self.gap / 2, 3)
                for i in range(1, self.columns)]


def entries(content: Content) -> list[dict]:
    """The sheet's entries in order, each with its text (a short form for long answers)."""
    found = []
    for topic, cards in topic_groups(content, SHOWN):
        for index, card in enumerate(cards):
            text = short_form(card)
            found.append({"card": card, "text": text, "shortened": text != card.back,
                          "topic": topic if index == 0 else None})
    return found


def plan(content: Content, options: BuildOptions, pdf: PdfOptions) -> Plan:
    geometry = Geometry(pdf.paper)
    context = page_context(content, options, pdf)
    root = content.root
    found = entries(content)
    topics = len({e["card"].topic for e in found})
    references = list({r.url: r for d in content.decks for r in d.references}.values())
    fragments = [render(root, "pdf/cheatsheet-title.html", count=len(found), topics=topics,
                        shortened=any(e["shortened"] for e in found), **context)]
    fragments += [render(root, "pdf/cheatsheet-entry.html", item=entry, **context)
                  for entry in found]
    if references:
        fragments.append(render(root, "pdf/cheatsheet-references.html", references=references,
                                **context))
    if not found:
        fragments.append(render(root, "pdf/cheatsheet-empty.html", **context))
    column = Galley(render(root, "pdf/cheatsheet.css.j2", geometry=geometry,
                           code=shows_code(fragments), **context), context)
    frame = Galley(render(root, "pdf/cheatsheet-frame.css.j2", geometry=geometry, code=False,
                          **context), context)
    images = [[]] + [media_of(content, e["card"]) for e in found] + [[]] * 2
    title, *parts = [Part.of(column, f, *data) for f, data in zip(fragments, images,
                                                                  strict=False)]

    def finish(laid: dict[str, LaidOut], now: Now) -> tuple[bytes, list[str]]:
        head = laid[title.key]
        columns = geometry.placing(head.pages[0].bottom * 0.75)
        body = [laid[p.key] for p in parts]
        placed = fill(blocks_of(body), columns)
        pages = []
        for page in range(placed[-1].page + 1):
            used = 1 + max(p.column for p in placed if p.page == page)
            pages.append({"rules": geometry.rules()[:used - 1],
                          "top": round(columns.first_page_top / MM_TO_PT, 2) if page == 0
                          else 0})
        sheet = now(frame, [Part.of(frame, render(root, "pdf/cheatsheet-frame.html",
                                                  pages=pages, geometry=geometry,
                                                  **context))])[0]
        on_top = Placed(Block(0, 0, head.pages[0].bottom * 0.75), 0, 0,
                        -columns.first_page_top)
        shifted = [Placed(Block(p.block.source + 1, p.block.page, p.block.height,
                                p.block.bookmarks), p.page, p.column, p.y) for p in placed]
        info = Info(f"{content.title} — cheat sheet", content.author,
                    "Every question and term, grouped by topic", content.language, options.now)
        return impose(sheet.pdf, [head, *body], [on_top, *shifted], columns, info), []

    return Plan("cheatsheet", [Need(column, [title, *parts])], finish)
