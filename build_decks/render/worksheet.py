"""The practice worksheet: every question, numbered by topic, with ruled lines to answer on.

Each question gets the lines its reference answer needs (a practice question without one:
PRACTICE_LINES), and the questions are packed one under another: each is a
part laid out on a page of the text's width (parts.py), and impose.py fills the pages with
them, so no page ends with a gap taller than the question that follows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from build_decks.model import Card, Content
from build_decks.render.env import render
from build_decks.render.geometry import MM_TO_PT, Margins
from build_decks.render.impose import Columns, Info, blocks_of, fill, impose
from build_decks.render.options import BuildOptions
from build_decks.render.paper import PdfOptions, page_context, topic_groups
from build_decks.render.parts import Galley, LaidOut, Part
from build_decks.render.plan import Need, Now, Plan, media_of, shows_code
from build_decks.shorten import short_form, word_count

ASKED = {"qa", "prompt", "cloze"}
WORDS_PER_LINE = 12  # a handwritten line across the page holds about a dozen words
MIN_LINES, MAX_LINES = 2, 8  # room for a sentence or two, and for the outline of a long answer
LINE_MM = 7  # between ruled lines: college-ruled paper's 7.1 mm
PRACTICE_LINES = 3  # a practice question's room: a short answer's (25-36 words), fixed, so
# that editing one answer never moves every practice question (a median of the answers would)


@dataclass(frozen=True)
class Geometry(Margins):
    top: float = 15
    side: float = 16
    bottom: float = 15

    def placing(self) -> Columns:
        return Columns(1, (self.side * MM_TO_PT,), (self.paper.height - self.top) * MM_TO_PT,
                       self.height * MM_TO_PT, 0.0, 0.0)


def answer_lines(card: Card) -> int:
    """Lines for what the reference answer needs written down: its short form (the lead and
    the outline of its lists) at WORDS_PER_LINE; a cloze card is written in its blanks."""
    if card.kind == "cloze":
        return 0
    lines = math.ceil(word_count(short_form(card)) / WORDS_PER_LINE)
    return max(MIN_LINES, min(MAX_LINES, lines))


def room(content: Content) -> dict[str, int]:
    """Lines per question; a practice question has no reference answer to size its room."""
    return {c.id: PRACTICE_LINES if c.kind == "prompt" else answer_lines(c)
            for c in content.cards if c.kind in ASKED}


def plan(content: Content, options: BuildOptions, pdf: PdfOptions) -> Plan:
    geometry = Geometry(pdf.paper)
    context = page_context(content, options, pdf)
    root = content.root
    lines = room(content)
    items, number = [], 0
    for topic, cards in topic_groups(content, ASKED):
        for index, card in enumerate(cards):
            number += 1
            items.append({"card": card, "number": number, "lines": lines[card.id],
                          "topic": topic if index == 0 else None})
    prompts = sum(1 for i in items if i["card"].kind == "prompt")
    topics = sum(1 for i in items if i["topic"])
    fragments = [render(root, "pdf/worksheet-title.html", count=number, topics=topics,
                        prompts=prompts, answer_key=pdf.answer_key, **context)]
    fragments += [render(root, "pdf/worksheet-question.html", item=item, **context)
                  for item in items]
    key_starts = len(fragments)
    if pdf.answer_key:
        fragments += [render(root, "pdf/worksheet-answer.html", item=item, first=index == 0,
                             **context) for index, item in enumerate(items)]
    text = Galley(render(root, "pdf/worksheet.css.j2", width=geometry.width,
                         height=geometry.height, line=LINE_MM, code=shows_code(fragments),
                         **context), context)
    frame = Galley(render(root, "pdf/worksheet-frame.css.j2", geometry=geometry, code=False,
                          **context), context)
    cards = [None, *(i["card"] for i in items), *(i["card"] for i in items)]
    parts = [Part.of(text, f, *(media_of(content, c) if c else [])) for f, c in zip(
        fragments, cards, strict=False)]

    def finish(laid: dict[str, LaidOut], now: Now) -> tuple[bytes, list[str]]:
        columns = geometry.placing()
        body = [laid[p.key] for p in parts]
        placed = fill(blocks_of(body, {key_starts}), columns)
        sheet = now(frame, [Part.of(frame, render(root, "pdf/worksheet-frame.html",
                                                  pages=placed[-1].page + 1, **context))])[0]
        info = Info(f"{content.title} — practice worksheet", content.author,
                    "Every question with room to write"
                    + (", and an answer key" if pdf.answer_key else ""),
                    content.language, options.now)
        return impose(sheet.pdf, body, placed, columns, info), []

    return Plan("worksheet", [Need(text, parts)], finish)
