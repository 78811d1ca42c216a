"""The question rules, in a registry keyed by name and run in priority order (lower first).

Each module states one rule: what a person sees that makes a passage a question, an answer,
or something to leave out. See docs/reader.md for the table of rules.
"""

from __future__ import annotations

from functools import cache

from build_decks.readers.rule import Rule
from build_decks.readers.rules import (
    bold,
    cloze,
    fenced,
    flashcards,
    glossary,
    headings,
    markers,
    noise,
    plain,
    question_lists,
    sections,
    summaries,
    tables,
)

RULES: tuple[Rule, ...] = tuple(sorted(
    (rule for module in (flashcards, sections, noise, headings, summaries, fenced, tables,
                         cloze, glossary, markers, bold, question_lists, plain)
     for rule in module.RULES), key=lambda r: r.priority))
REGISTRY: dict[str, Rule] = {rule.name: rule for rule in RULES}
RECOGNISED = frozenset().union(*(module.RECOGNISED for module in (
    flashcards, sections, noise)))  # reasons of recognised boilerplate: not listed by default


def is_boilerplate(reason: str) -> bool:
    return reason in RECOGNISED


@cache
def _for_type(kind: type, notes: bool) -> tuple[Rule, ...]:
    return tuple(r for r in RULES if issubclass(kind, r.units) and (r.in_notes or not notes))


def for_unit(unit: object, notes: bool) -> tuple[Rule, ...]:
    """The rules that read this kind of unit, in order (in a flashcard document's notes, only
    those that apply there)."""
    return _for_type(type(unit), notes)
