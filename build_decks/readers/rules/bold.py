r"""Bold lines: a line wholly in bold or italics that reads as a question is one
(`**What is X? 👶**`, `**1\. What is X?**`, `**“Why?”**`); the blocks after it answer it.

Where the document numbers its bold questions, an unnumbered bold line is a quote or an
example, not one of them (the survey says which). A bold line with a number and a difficulty
tag asks even without a question mark.
"""

from __future__ import annotations

from build_decks.readers import inline, shapes
from build_decks.readers.answers import STRONG
from build_decks.readers.elements import walk_lines
from build_decks.readers.rule import Context, LineUnit, Rule
from build_decks.readers.rules.lines import line_question


def bold_question(tokens: list, numbered_only: bool, lang,
                  notes: bool = False) -> shapes.Cleaned | None:
    if not inline.is_emphasized(tokens) or inline.is_link_only(tokens):
        return None
    cleaned = shapes.clean_question(inline.question_markdown(tokens))
    if notes:  # the notes of a flashcard document: only what asks outright
        return cleaned if shapes.asks_explicitly(cleaned.text) else None
    if (cleaned.numbered or not numbered_only) and (
            shapes.is_question_like(cleaned.text, lang=lang) or (
                cleaned.numbered and cleaned.tagged)):
        return cleaned
    return None


def survey(source) -> bool:
    """Whether the bold questions carry numbers (then unnumbered bold lines are not ones)."""
    return any(bold_question(line.tokens, True, source.lang) for element in source.elements
               for line in walk_lines(element))


def match(unit: LineUnit, context: Context) -> list | None:
    if not unit.text or shapes.strip_marker(unit.text)[1]:
        return None
    cleaned = bold_question(unit.line.tokens, context.survey("bold"), context.source.lang,
                            context.source.flashcards)
    if cleaned is None:
        return None
    return line_question(unit, cleaned.text, STRONG, "bold", context)


RULES = (Rule("bold", 85, (LineUnit,), match, survey, about="bold lines that ask"),)
