r"""Bold lines: a line wholly in bold or italics that reads as a question is one
(`**What is X? 👶**`, `**1\. What is X?**`, `**“Why?”**`); the blocks after it answer it.

Where the document numbers its bold questions (most of them: NUMBERED_SHARE, as for
headings), an unnumbered bold line is one of them only where it asks in so many words (a
question mark) and is not a quotation (`**“Why?”**`: someone's words, cited); other bold lines
there are quotes or examples (the survey says which). A bold line with a number and a difficulty tag
asks even without a question mark.
"""

from __future__ import annotations

from build_decks.readers import inline, shapes
from build_decks.readers.answers import STRONG
from build_decks.readers.elements import walk_lines
from build_decks.readers.rule import Context, LineUnit, Rule
from build_decks.readers.rules.headings import NUMBERED_SHARE
from build_decks.readers.rules.lines import line_question

QUOTES_OPEN = "“\"'‘«„「『"  # the marks a quotation opens with, in the vocabulary's languages
QUOTES_CLOSE = "”\"'’»“」』"


def bold_question(tokens: list, numbered_only: bool, lang,
                  notes: bool = False) -> shapes.Cleaned | None:
    if not notes and (task := _question_then_task(tokens, lang)) is not None:
        return task
    if not inline.is_emphasized(tokens) or inline.is_link_only(tokens):
        return None
    cleaned = shapes.clean_question(inline.question_markdown(tokens))
    if notes:  # the notes of a flashcard document: only what asks outright
        return cleaned if shapes.asks_explicitly(cleaned.text) else None
    if (cleaned.numbered or not numbered_only) and (
            shapes.is_question_like(cleaned.text, lang=lang) or (
                cleaned.numbered and cleaned.tagged)):
        return cleaned
    return cleaned if shapes.asks_explicitly(cleaned.text) and not _quoted(cleaned) else None


def _question_then_task(tokens: list, lang) -> shapes.Cleaned | None:
    """`**What is the data life cycle?** Describe its main stages.`: a bold run that asks in so
    many words (a question mark), then on the same line a sentence that opens as a question or
    a task does (a question word or task verb of the document's language), not an answer: the
    whole line is the question."""
    tokens = [t for t in tokens if t.type != "text" or t.content]  # the parser's empty runs
    if not tokens or tokens[0].type != "strong_open":
        return None
    depth, end = 0, len(tokens)
    for index, token in enumerate(tokens):
        depth += {"strong_open": 1, "strong_close": -1}.get(token.type, 0)
        if depth == 0:
            end = index + 1
            break
    head, tail = tokens[:end], tokens[end:]
    cleaned = shapes.clean_question(inline.question_markdown(head))
    rest = inline.question_markdown(tail).strip()
    if not (rest and shapes.asks_explicitly(cleaned.text)
            and lang.opens_question(shapes.words(rest), strict=True)):
        return None
    return shapes.Cleaned(f"{cleaned.text} {rest}", cleaned.marker, cleaned.numbered,
                          cleaned.tagged)


def _quoted(cleaned: shapes.Cleaned) -> bool:
    return cleaned.text[:1] in QUOTES_OPEN and cleaned.text.rstrip()[-1:] in QUOTES_CLOSE


def survey(source) -> bool:
    """Whether the bold questions carry numbers: most of them do, quotations not counted (then
    an unnumbered bold line asks only with a question mark)."""
    found = [cleaned for element in source.elements for line in walk_lines(element)
             if (cleaned := bold_question(line.tokens, False, source.lang)) is not None
             and not _quoted(cleaned)]
    numbered = sum(1 for cleaned in found if cleaned.numbered)
    return bool(found) and numbered >= NUMBERED_SHARE * len(found)


def match(unit: LineUnit, context: Context) -> list | None:
    if not unit.text or shapes.strip_marker(unit.text)[1]:
        return None
    cleaned = bold_question(unit.line.tokens, context.survey("bold"), context.source.lang,
                            context.source.flashcards)
    if cleaned is None:
        return None
    return line_question(unit, cleaned.text, STRONG, "bold", context)


RULES = (Rule("bold", 85, (LineUnit,), match, survey, about="bold lines that ask"),)
