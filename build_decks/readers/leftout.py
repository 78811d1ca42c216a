"""Why the walker left a passage out when no rule read it: the named categories.

A passage no rule reads is, in order:
- in a document whose cards are flashcards, the writer's notes;
- a short line that names a section (`Docker Questions`, `🔹 kubernetes`, `**Advanced:**`), alone
  or over the paragraph it names (plain text whose headings lost their `#`);
- a tip or note (`Tip: ...`);
- before the document's first question, its introduction; after its last answer, its closing
  text;
- otherwise "outside any question": the one reason that leaves words unaccounted
  (`make corpus` counts them), listed by every import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from build_decks.model import Dropped, RawEntry
from build_decks.readers import inline, shapes, vocabulary
from build_decks.readers.rule import LineUnit

if TYPE_CHECKING:
    from build_decks.readers.elements import Element
    from build_decks.readers.finder import Source

OUTSIDE = "outside any question"
NOTES = "notes between the flashcards"
SECTION_LABEL = "section label"
EMPTY_ANSWER = "empty answer"
TIP = "tip or note"
INTRODUCTION = "introduction (before the first question)"
CLOSING = "closing text (after the last question)"
ASIDE_LABELS = vocabulary.any_language(vocabulary.ASIDE_LABELS)
LABEL_AT = 20  # an aside's label comes within the line's first characters (`Pro tip:`)


def unread(unit: Element | LineUnit, source: Source) -> str:
    if source.flashcards:
        return NOTES
    if not isinstance(unit, LineUnit):
        return OUTSIDE
    following = unit.words[unit.index + 1:unit.index + 2]
    if shapes.names_section(unit.text) and not shapes.is_question_like(
            unit.text, lang=source.lang) and (
            not following or (unit.index == 0 and following[0][:1].isupper())):
        return SECTION_LABEL
    first = shapes.words(unit.text)[:1]
    if first and first[0] in ASIDE_LABELS and ":" in unit.text[:LABEL_AT]:
        return TIP
    return OUTSIDE


def by_position(dropped: list[Dropped], entries: list[RawEntry]) -> None:
    """What no rule read before the first card is the introduction; after the last answer,
    the closing text."""
    if not entries:
        return
    first = min(e.line for e in entries)
    last = max(max([e.line, *(n for n, _ in e.back_lines)]) for e in entries)
    for passage in dropped:
        if passage.reason == OUTSIDE and max(passage.line, passage.end) < first:
            passage.reason = INTRODUCTION
        elif passage.reason == OUTSIDE and passage.line > last:
            passage.reason = CLOSING


def asks(source: Source, start: int, end: int) -> bool:
    """Whether a passage holds a line that reads as a question: a `Q:` label, a question mark,
    a question or task word of the document's language (a link to a question asks nothing)."""
    for number in range(start, end):
        tokens = source.line_tokens.get(number)
        if tokens is None or inline.is_link_only(tokens):
            continue
        cleaned = shapes.clean_question(inline.plain_of(tokens).strip())
        if cleaned.marker or shapes.is_question_like(cleaned.text, strict=True,
                                                     lang=source.lang):
            return True
    return False
