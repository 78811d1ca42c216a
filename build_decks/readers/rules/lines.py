"""What the line rules share: a question on one line of a paragraph, and the lines after it
that go on with it."""

from __future__ import annotations

from build_decks.readers import shapes
from build_decks.readers.answers import Question, Reach
from build_decks.readers.rule import Close, Context, LineUnit, Open, Skip
from build_decks.readers.rules.question_lists import continues


def line_question(unit: LineUnit, text: str, strength: int, rule: str, context: Context,
                  reach: Reach | None = None) -> list:
    """Open a question on this line; the following lines that go on with it (no end
    punctuation yet, then a lower-case line) are part of it. A lone label with nothing after
    it in the paragraph (`Question:`) heads what follows instead."""
    question = Question(text, unit.start, strength, rule, context.title, reach=reach)
    following = unit.index + 1
    while following < len(unit.words) and continues(question.front, unit.words[following]):
        question.front = f"{question.front} {shapes.clean_question(unit.words[following]).text}"
        question.front = question.front.strip()
        following += 1
    if not question.front and following == len(unit.words):
        return [Close()]
    return [Open(question), Skip(following - unit.index - 1)]
