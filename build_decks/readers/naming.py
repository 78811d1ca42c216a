"""Names for what the walk left out unnamed, from where it stands and what it says.

The walk leaves out as "outside any question" what no question rule reads (leftout.py), and
renames it by its place alone: before the first question, the introduction; after the last
answer, the closing text. Those three name no category (`make corpus` counts their words as
unaccounted). After the walk, these rules, in priority order, name what a person sees in such
a passage, where they can say it:

1. `section` — under a heading or a label that names a topic (a heading that is no question,
   the document's title, a `Docker pitfalls:` or `🔹 kubernetes` line), with no question
   between the two:
   - its **introduction** where a question of that section comes after it;
   - its **text** where none does: a topic the document writes about without asking.
   A heading's section runs to the next heading of its level or higher (a question's heading
   too). A label ranks below every heading: its section runs to the next heading or the next
   label over text; a label right over a question (`Sample Questions`) names those questions
   and ends no section. A `Label: value` line (`Title: Deep RL`, `Year: 2018`) is a field,
   and names no topic.
2. `about the document` — a sentence whose subject is the document itself or its items (a
   demonstrative beside a noun that names a document: "This repository contains ...", "The
   answers here are ..."), or that opens by presenting what follows ("Here are ..."):
   vocabulary.DOCUMENT_POINTERS, DOCUMENT_NOUNS, PRESENTATIVES.
3. `advert footer` — after the last answer, what follows the first advert there: a page that
   ends in adverts ends in its footer (a company blurb between its "follow us" links).

None of them names a passage that asks: a line that reads as a question (leftout.asks), a
sentence anywhere in it that ends in a question mark, or a numbered line (`4. Python is the
fastest language:` goes on with the document's numbered items); a question the rules missed
stays "outside any question", unaccounted. An item of a list of several items that the reader
read as no list of questions (question_lists: fewer than half its items ask) asks only in so
many words (a `?`, a `Q:` label), as the list rule reads it: `k8s pitfalls:` over `- pods vs
nodes (idle pods)` is a note. None is boilerplate: every import lists them, named. Nothing is
named in a document where no question was found.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from build_decks.model import Dropped, RawEntry
from build_decks.readers import inline, leftout, shapes, vocabulary
from build_decks.readers.elements import ListBlock, walk
from build_decks.readers.rules import noise, question_lists, sections

if TYPE_CHECKING:
    from build_decks.readers.finder import Source

UNNAMED = frozenset({leftout.OUTSIDE, leftout.INTRODUCTION, leftout.CLOSING})
INTRODUCTION = "section introduction (under its heading, before its questions)"
TEXT = "section text (under a heading, no question in its section)"
ABOUT = "about the document (it speaks of itself)"
FOOTER = "advert footer (after the last answer, from its adverts on)"
LABEL_LEVEL = 7  # a label ranks below every heading (`#` to `######`)
SUB_LABEL_LEVEL = 8  # a label right over a question names that question's group
# Read in any of the vocabulary's languages, as the names of a document's parts are (a
# document's words about itself do not depend on the language guess).
POINTERS = vocabulary.any_language(vocabulary.DOCUMENT_POINTERS)
DOCUMENT_NOUNS = vocabulary.any_language(vocabulary.DOCUMENT_NOUNS)
PRESENTATIVES = frozenset(" ".join(shapes.words(p)) for p in vocabulary.every(
    vocabulary.PRESENTATIVES))
SUBJECT_WORDS = 4  # a sentence's subject is its first few words (`The answers here are`)


@dataclass(frozen=True)
class Marker:
    line: int  # 1-based
    level: int
    topic: bool = True  # it names a topic; a question's heading only ends the sections above


@dataclass
class Layout:
    """What the naming rules see of a document once it is read (1-based lines)."""

    source: Source
    questions: list[int]  # every question's line, in order
    markers: list[Marker]  # topic headings and labels, in order
    ends: list[int]  # per marker: the line its section ends before
    first_advert: int | None  # the first advert after the last answer
    quiet: set[int]  # 0-based lines in a list that is no list of questions
    numbered: set[int]  # 0-based first lines of the items of numbered lists

    @cached_property
    def marker_lines(self) -> list[int]:
        return [m.line for m in self.markers]


@dataclass(frozen=True)
class Naming:
    name: str
    priority: int
    reason: Callable[[Dropped, Layout], str | None]
    about: str = ""


def name(dropped: list[Dropped], entries: list[RawEntry], source: Source) -> None:
    """Rename the unnamed passages the rules can name (in place)."""
    if not entries:
        return
    layout = _layout(dropped, entries, source)
    for passage in dropped:
        if passage.reason not in UNNAMED or asks(passage, layout):
            continue
        for naming in NAMINGS:
            reason = naming.reason(passage, layout)
            if reason is not None:
                passage.reason = reason
                break


def _layout(dropped: list[Dropped], entries: list[RawEntry], source: Source) -> Layout:
    questions = sorted({e.line for e in entries})
    held = {n for e in entries for n, _ in e.back_lines}
    asked = set(questions)
    found = {s.heading.start + 1: s.level for s in source.outline.sections
             if s.heading is not None}
    markers = [Marker(line, level, topic=line not in asked and line not in held)
               for line, level in found.items()]
    events = sorted([*((q, True) for q in questions),
                     *((d.line, False) for d in dropped)])
    for passage in dropped:
        if passage.reason in sections.HEADINGS and passage.line not in found and not (
                shapes.is_labelled(passage.text)):  # `Title: X` is a field, not a topic
            at = bisect.bisect_right(events, (passage.line, True))
            over_question = at < len(events) and events[at][1]
            markers.append(Marker(passage.line, SUB_LABEL_LEVEL if over_question
                                  else LABEL_LEVEL))
    markers.sort(key=lambda m: m.line)
    topics = [(m, end) for m, end in zip(markers, _ends(markers), strict=True) if m.topic]
    last = max(max([e.line, *(n for n, _ in e.back_lines)]) for e in entries)
    advert = min((d.line for d in dropped if d.reason == noise.ADVERT and d.line > last),
                 default=None)
    return Layout(source, questions, [m for m, _ in topics], [end for _, end in topics], advert,
                  *_lists(source))


def _lists(source: Source) -> tuple[set[int], set[int]]:
    """(the lines of the lists of several items the reader reads as no list of questions, the
    innermost list deciding; the first lines of numbered items)."""
    verdict: dict[int, bool] = {}
    numbered: set[int] = set()
    for element in walk(source.elements):
        if not isinstance(element, ListBlock):
            continue
        if element.ordered:
            numbered.update(item.start for item in element.items)
        if len(element.items) > 1:  # a list of one item is read as that item
            asking = question_lists.is_question_list(element, source.lang)
            verdict.update(dict.fromkeys(range(element.start, element.end), asking))
    return {line for line, asking in verdict.items() if not asking}, numbered


def asks(passage: Dropped, layout: Layout) -> bool:
    """Whether the passage holds a line that reads as a question or a sentence that ends in
    a question mark (in a list of notes, only the latter or a `Q:` label)."""
    source = layout.source
    for number in range(passage.line - 1, max(passage.line, passage.end)):
        tokens = source.line_tokens.get(number)
        if tokens is not None and inline.is_link_only(tokens):
            continue
        text = inline.plain_of(tokens) if tokens is not None else shapes.strip_tags(
            source.lines[number])
        cleaned = shapes.clean_question(text.strip())
        if cleaned.numbered or number in layout.numbered:
            return True  # it goes on with the document's numbered items
        if any(shapes.asks_explicitly(s) for s in shapes.SENTENCE.split(text.strip())):
            return True
        if number in layout.quiet:
            if cleaned.marker:
                return True
        elif tokens is not None and leftout.asks(source, number, number + 1):
            return True
    return False


def _ends(markers: list[Marker]) -> list[int]:
    """Per marker, the line of the next marker of its level or higher, or past the end (one
    pass, a stack of the sections still open)."""
    ends = [sys.maxsize] * len(markers)
    still_open: list[int] = []
    for index, marker in enumerate(markers):
        while still_open and markers[still_open[-1]].level >= marker.level:
            ends[still_open.pop()] = marker.line
        still_open.append(index)
    return ends


def in_section(passage: Dropped, layout: Layout) -> str | None:
    at = bisect.bisect_right(layout.marker_lines, passage.line) - 1
    if at < 0:
        return None
    marker, end = layout.markers[at], layout.ends[at]
    after = bisect.bisect_right(layout.questions, marker.line)
    if after < len(layout.questions) and layout.questions[after] < passage.line:
        return None  # a question between: the passage follows an answer
    later = bisect.bisect_right(layout.questions, max(passage.line, passage.end))
    return INTRODUCTION if later < len(layout.questions) and (
        layout.questions[later] < end) else TEXT


def about_document(passage: Dropped, layout: Layout) -> str | None:
    for sentence in shapes.SENTENCE.split(passage.text):
        lead = " ".join(shapes.words(sentence))
        subject = set(lead.split()[:SUBJECT_WORDS])
        if (subject & POINTERS and subject & DOCUMENT_NOUNS) or any(
                lead == p or lead.startswith(f"{p} ") for p in PRESENTATIVES):
            return ABOUT
    return None


def footer(passage: Dropped, layout: Layout) -> str | None:
    advert = layout.first_advert
    return FOOTER if advert is not None and passage.line > advert else None


NAMINGS: tuple[Naming, ...] = tuple(sorted((
    Naming("section", 10, in_section,
           about="under a topic heading or label: its introduction before its questions, "
                 "its text where it asks nothing"),
    Naming("about the document", 20, about_document,
           about="a sentence whose subject is the document itself, or presents what follows"),
    Naming("advert footer", 30, footer,
           about="after the last answer, what follows the first advert"),
), key=lambda n: n.priority))
