"""Marker lines: a line that opens with a question label (`Q:`, `Q1.`, `Question 3)`,
`*Q: ...*`, `**Q33: ...**`, `🗂️ Question:`, `Pregunta:`, `Вопрос:`) is a question; what
follows answers it, an `A:`/`Answer:`/`Ans.` label (whatever follows it: a word, a number,
code) taken off, on the next lines or on the question's own line right after its question mark
(`**Q:** What is X? **A:** Y`).

A bare title line right before such a line ("Docker Questions" / "Question: ...") names a
section, it is no part of the answer before it; so does a heading that does not ask with
nothing under it but the labelled question.
"""

from __future__ import annotations

from build_decks.readers import inline, shapes
from build_decks.readers.answers import STRONG
from build_decks.readers.elements import walk_lines
from build_decks.readers.rule import (
    Context,
    LeftOut,
    LineUnit,
    Retract,
    Rule,
    Take,
    styled_as_heading,
)
from build_decks.readers.rules.lines import line_question


def is_marker(words: str) -> bool:
    return shapes.strip_marker(words)[1]


def survey(source) -> bool:
    """Whether the document marks any question with a label."""
    return any(is_marker(inline.plain_of(line.tokens).strip())
               for element in source.elements for line in walk_lines(element))


def match(unit: LineUnit, context: Context) -> list | None:
    tokens = unit.line.tokens
    if not unit.text or inline.is_link_only(tokens):
        return None
    split = _bold_question(tokens)
    if split is not None:  # `**Q: What is X?** The answer.`
        question, answer = split
        actions = line_question(unit, question, STRONG, "markers", context)
        actions.insert(1, Take([(unit.start, answer)]))
        return _titled(actions, context)
    cleaned = shapes.clean_question(inline.question_markdown(tokens))
    if cleaned.marker and (split := shapes.split_answer(cleaned.text)) is not None:
        # `**Q:** What is X? **A:** Y`
        actions = line_question(unit, split[0], STRONG, "markers", context)
        actions.insert(1, Take([(unit.start, shapes.answer_with_markup(
            inline.markdown_of(tokens, keep_markup=True), split[1]))]))
        return _titled(actions, context)
    if cleaned.marker:
        return _titled(line_question(unit, cleaned.text, STRONG, "markers", context), context)
    words = unit.words
    if unit.index == 0 and len(words) > 1 and is_marker(words[1]) and shapes.names_section(
            words[0]):
        return [LeftOut(unit.start, unit.end, "section label", words[0],
                        heading=styled_as_heading(unit.line.tokens, words[0]))]
    return None


def _titled(actions: list, context: Context) -> list:
    """A heading that does not ask, with nothing under it before this labelled question,
    only titles it ("### Exercise 3: Subnets" / "**Question:** How many hosts?")."""
    open_q = context.open
    if open_q is not None and open_q.level and not any(t.strip() for _, t in open_q.pieces) \
            and not shapes.is_question_like(open_q.front, lang=context.source.lang):
        return [Retract(open_q), LeftOut(open_q.line, open_q.line + 1, "section heading",
                                         open_q.front, heading=True), *actions]
    return actions


def _bold_question(tokens: list) -> tuple[str, str] | None:
    """A line that opens with a bold `Q:` question and goes on with its answer."""
    spans = inline.emphasized_spans(tokens)
    if not spans or inline.plain_of(tokens[:spans[0][0]]).strip():
        return None
    position, text = spans[0]
    depth, end = 0, position
    for end in range(position, len(tokens)):
        kind = tokens[end].type
        depth += kind in ("strong_open", "em_open")
        depth -= kind in ("strong_close", "em_close")
        if depth == 0:
            break
    rest = inline.markdown_of(tokens[end + 1:], keep_markup=True).strip()
    cleaned = shapes.clean_question(text)
    if not cleaned.marker or not cleaned.text or not any(c.isalnum() for c in rest):
        return None
    return cleaned.text, rest



RULES = (Rule("markers", 80, (LineUnit,), match, survey,
              about="lines with a question label (`Q:`, `Question 3)`)"),)
