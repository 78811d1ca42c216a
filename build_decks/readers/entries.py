"""A question found -> the entry the reader returns: its kind settled (a cloze text, a
heading item that defines a term, a placeholder answer that makes a prompt) and its answer's
layout (Markdown, or plain-text lines to join or to keep)."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from build_decks import cloze
from build_decks.model import RawEntry
from build_decks.readers import answers, shapes
from build_decks.readers.answers import Question
from build_decks.readers.elements import Paragraph
from build_decks.readers.leftout import EMPTY_ANSWER
from build_decks.readers.rule import LeftOut

if TYPE_CHECKING:
    from build_decks.readers.finder import Source

LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s")
RUN_ON_SHARE = 10  # hard-wrapped text runs on in lower case in more than 1 of 10 line pairs


def to_entry(found: Question, source: Source, offset: int,
             ) -> tuple[RawEntry | None, list[LeftOut]]:
    """The entry (None for an empty question) and what was left out of its answer."""
    if not found.front:
        return None, []
    line = found.line + offset + 1
    make = lambda kind, front, back, layout="markdown": RawEntry(  # noqa: E731
        kind, front, back, line, layout, found.section, found.rule, found.tags)
    if found.kind == "cloze":  # cloze text; lines under it (a Logseq card's children) stay
        extra = answers.answer_lines(found, source) if found.pieces else []
        below = "\n".join(text for _, text in extra)
        if extra and cloze.has_deletion(below):  # they hide words too: part of the text
            return make("cloze", f"{found.front}\n\n{below}", []), []
        return make("cloze", found.front, [(n + offset + 1, t) for n, t in extra]), []
    if found.rule in ("markers", "headings"):
        answers.until_label(found, source)
    if found.rule == "headings":
        answers.topic_question(found, source.lang, source)
    pieces = answers.answer_lines(found, source)
    answer = "\n".join(text for _, text in pieces)
    dropped: list[LeftOut] = []
    if not pieces and any(t.strip() for _, t in found.pieces):  # a bare `A:`
        labels = [n for n, t in found.pieces if t.strip()]
        dropped.append(LeftOut(labels[0], labels[-1] + 1, EMPTY_ANSWER, source.lines[labels[0]]))
    if pieces and cloze.has_deletion(answer):  # an answer written as cloze text
        return make("cloze", f"**{found.front}**\n\n{answer}", []), dropped
    if not pieces and cloze.has_deletion(found.front):  # "Capital of France? {{c1::Paris}}"
        return make("cloze", found.front, []), dropped
    kind = found.kind
    if kind == "item":
        kind = "term" if pieces and answers.defines(found.front, answer,
                                                                  source.lang) else "qa"
    if pieces and kind != "term" and shapes.is_placeholder(answer):
        dropped.append(LeftOut(pieces[0][0], pieces[-1][0] + 1, "placeholder answer", answer))
        pieces = []
    layout = "markdown"
    if source.plain and pieces and _plain_prose(pieces):
        layout = "lines" if source.scraped else "wrapped"
    return make(kind, found.front, [(n + offset + 1, t) for n, t in pieces], layout), dropped


def _plain_prose(pieces: list[tuple[int, str]]) -> bool:
    """Whether an answer is plain paragraphs (no Markdown blocks): then its lines are text."""
    return all(not text.lstrip().startswith(("- ", "* ", "```", "|", ">", "<")) and not
               LIST_NUMBER.match(text) for _, text in pieces)


def scraped(source: Source) -> bool:
    """Text scraped from a web page (one paragraph or list item per line), not paragraphs
    hard-wrapped at a width: no line runs on into the next one in lower case."""
    lines = [line for e in source.elements if isinstance(e, Paragraph) and len(e.lines) > 1
             for line in [*source.lines[e.start:e.end], ""]]
    pairs = [(a.strip(), b.strip()) for a, b in itertools.pairwise(lines)
             if a.strip() and b.strip()]
    running_on = sum(1 for a, b in pairs if not a.endswith((".", ":", "?", "!")) and
                     b[:1].islower())
    return bool(pairs) and running_on < max(1, len(pairs) / RUN_ON_SHARE)
