"""The question rules, in a registry keyed by name and run in priority order (lower first).

Each module states one rule: what a person sees that makes a passage a question, an answer,
or something to leave out. See docs/reader.md for the table of rules.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from build_decks.readers import leftout
from build_decks.readers.rule import LeftOut, Rule, Survey
from build_decks.readers.rules import (
    bold,
    cloze,
    fenced,
    flashcards,
    glossary,
    headings,
    markers,
    noise,
    numbers,
    plain,
    question_lists,
    sections,
    summaries,
    tables,
)

RULES: tuple[Rule, ...] = tuple(sorted(
    (rule for module in (flashcards, sections, noise, headings, summaries, fenced, tables,
                         cloze, glossary, numbers, markers, bold, question_lists, plain)
     for rule in module.RULES), key=lambda r: r.priority))
REGISTRY: dict[str, Rule] = {rule.name: rule for rule in RULES}
# Every survey, the rules' and those of their own, in priority order.
SURVEYS: tuple[Survey, ...] = tuple(sorted(
    [*(Survey(r.name, r.priority, r.survey) for r in RULES if r.survey is not None),
     *flashcards.SURVEYS], key=lambda s: s.priority))
if TYPE_CHECKING:
    from build_decks.readers.finder import Source

# Recognised boilerplate, listed only by `import -v` (issue 17.2): what holds nothing to study,
# or whose text is kept elsewhere. Markup and metadata always (HTML comments and separators,
# front matter, flashcard metadata, card separators, "Show answer" titles); the other reasons
# only where nothing in the passage reads as a question (TOC, licence, badges, back-to-top
# links, adverts; the document's title and section headings, which become the deck's title
# and the cards' sections, only where they are visibly headings; reference lists, whose links
# become the deck's references, only where they hold links). Every import lists the rest.
MARKUP = frozenset().union(*(module.MARKUP for module in (flashcards, noise,
                                                                  numbers, summaries)))
RECOGNISED = MARKUP | noise.RECOGNISED | sections.RECOGNISED


def is_boilerplate(passage: LeftOut, source: Source) -> bool:
    reason = passage.reason
    if reason in MARKUP:
        return True
    if reason not in RECOGNISED or leftout.asks(source, passage.start, passage.end):
        return False
    if reason in sections.HEADINGS:
        return passage.heading
    if reason in sections.LINKS:
        return passage.heading or bool(passage.references)
    return True


@cache
def _for_type(kind: type, notes: bool) -> tuple[Rule, ...]:
    return tuple(r for r in RULES if issubclass(kind, r.units) and (r.in_notes or not notes))


def for_unit(unit: object, notes: bool) -> tuple[Rule, ...]:
    """The rules that read this kind of unit, in order (in a flashcard document's notes, only
    those that apply there)."""
    return _for_type(type(unit), notes)
