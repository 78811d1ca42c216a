"""Flashcard syntaxes (placeholder while the port is checked)."""

from __future__ import annotations

from build_decks.readers.elements import Element
from build_decks.readers.rule import Context, LineUnit, Rule

RECOGNISED = frozenset({"flashcard metadata"})


def survey(source) -> list:
    return []


def tags(source) -> bool:
    return False


def match(unit, context: Context) -> list | None:
    return None


RULES = (Rule("flashcards", 10, (Element, LineUnit), match, survey),
         Rule("flashcards.tags", 10, (), match, tags))
