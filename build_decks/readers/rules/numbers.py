"""Number lines: an item's number standing alone on its line (`12.`, `3)`), with the item's
text on the line after it, as quiz notes copied from a course page are written:

    7.
    What does `print(a - b)` show?
    {1}

The number labels the text after it: that text's first line (and the lines that go on with
it) is a question, and what follows answers it, to the next number line, a heading or a rule.
On the page the number stands over its item; Markdown reads it as an empty list item (after a
blank line) or as a line of the paragraph (an empty item cannot interrupt one), and either way
the question would be read as loose prose.

The number may also be glued to the item's text (`2.What is LIFO?`, `1.[What is DBMS?](q1.md)`):
CommonMark reads no list item without a space after the number, so the page shows the numbered
lines as prose; such a line is the question itself.

A line is such a number where the parser, reading it alone, sees an empty numbered list item
(or the line opens with a number glued to a word), and where the numbers count: the number
line before it is one less, or the one after it one more; a number that repeats one that
counts (`4.` twice, a slip) counts too. A stray number (a version, a result "3.") counts
nothing and labels nothing. A bare number without `.` or `)` is not a label:
alone on a line it is as often an answer (a count, a year) as an item's number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_decks.readers import inline, shapes
from build_decks.readers.answers import HEADING, STRONG
from build_decks.readers.elements import Container, Element, ListBlock, Paragraph
from build_decks.readers.parse import parser
from build_decks.readers.rule import Context, LeftOut, LineUnit, Rule
from build_decks.readers.rules.lines import line_question

ITEM_NUMBER = "item number"
MARKUP = frozenset({ITEM_NUMBER})  # a number over its item: no text to study (see rules/)
NUMBER_CHARACTERS = 10  # `999999999.` is CommonMark's longest list number; longer is no label


@dataclass
class NumberLines:
    labels: set[int] = field(default_factory=set)  # 0-based lines that are an item's number
    questions: set[int] = field(default_factory=set)  # 0-based lines a number labels


def number_of(words: str) -> int | None:
    """The number of a line that is only an item's number (`12.`, `3)`), as the parser reads
    the line alone: an ordered list with one empty item."""
    if not words[:1].isdigit() or len(words) > NUMBER_CHARACTERS:
        return None
    tokens = parser().parse(words)
    kinds = [token.type for token in tokens]
    if kinds != ["ordered_list_open", "list_item_open", "list_item_close", "ordered_list_close"]:
        return None
    return int(tokens[1].info)


def glued_number(words: str) -> int | None:
    """The number of a line that opens with an item's number glued to its text (`2.What`,
    `3)[Link]`): the character after `.` or `)` is neither a space nor a digit (`1.5 s`)."""
    digits = len(words) - len(words.lstrip("0123456789"))
    if not 0 < digits < NUMBER_CHARACTERS or words[digits:digits + 1] not in (".", ")"):
        return None
    after = words[digits + 1:digits + 2]
    return int(words[:digits]) if after and not (after.isspace() or after.isdigit()) else None


def _empty_item(element: Element) -> int | None:
    """An ordered list of one empty item (`7.` after a blank line): its number."""
    if not (isinstance(element, ListBlock) and element.ordered and len(element.items) == 1):
        return None
    item = element.items[0]
    return None if item.children else number_of(item.marker)


def _candidates(elements: list[Element]) -> list[tuple[int, int, int]]:
    """(number, its line, the line it labels) for every number standing alone with text on
    the line after it (the next line of its paragraph, or the first of the next paragraph)."""
    found: list[tuple[int, int, int]] = []
    for index, element in enumerate(elements):
        following = elements[index + 1] if index + 1 < len(elements) else None
        first_after = (following.lines[0].number if isinstance(following, Paragraph)
                       and following.lines else None)
        number = _empty_item(element)
        if number is not None and first_after is not None:
            found.append((number, element.start, first_after))
        elif isinstance(element, Paragraph):
            lines = element.lines
            for position, line in enumerate(lines):
                words = inline.plain_of(line.tokens).strip()
                number = number_of(words)
                after = lines[position + 1].number if position + 1 < len(lines) else first_after
                if number is not None and after is not None:
                    found.append((number, line.number, after))
                elif (glued := glued_number(words)) is not None:
                    found.append((glued, line.number, line.number))  # the line is its item
        if isinstance(element, Container):
            found += _candidates(element.children)
        elif isinstance(element, ListBlock):
            for item in element.items:
                found += _candidates(item.children)
    return sorted(found, key=lambda candidate: candidate[1])


def survey(source) -> NumberLines:
    """The number lines that count items, and the lines they label."""
    candidates = _candidates(source.elements)
    found = NumberLines()
    counted = False  # whether the number before counts
    for index, (number, line, labelled) in enumerate(candidates):
        before = candidates[index - 1][0] if index else None
        after = candidates[index + 1][0] if index + 1 < len(candidates) else None
        # A number written twice (`4.` and `4.` again, a slip) counts where the first does.
        counted = before == number - 1 or after == number + 1 or (counted and before == number)
        if counted:
            if labelled != line:
                found.labels.add(line)
            found.questions.add(labelled)
    return found


def _in_heading_answer(context: Context) -> bool:
    """A heading's answer is its whole section: numbered lines there are its own steps."""
    return context.open is not None and context.open.strength >= HEADING


def match_block(block: ListBlock, context: Context) -> list | None:
    if block.start not in context.survey("numbers").labels or _in_heading_answer(context):
        return None
    return [LeftOut(block.start, block.end, ITEM_NUMBER, block.items[0].marker)]


def match_line(unit: LineUnit, context: Context) -> list | None:
    """The number is markup, and ends the open answer; the line under it opens a question."""
    found = context.survey("numbers")
    if _in_heading_answer(context) or not unit.text:
        return None
    if unit.start in found.labels:
        return [LeftOut(unit.start, unit.end, ITEM_NUMBER, unit.text)]
    if unit.start not in found.questions:
        return None
    cleaned = shapes.clean_question(inline.question_markdown(unit.line.tokens))
    return line_question(unit, cleaned.text, STRONG, "numbers", context)


RULES = (
    Rule("numbers", 75, (LineUnit,), match_line, survey, in_notes=False,
         about="a line under an item's number standing alone (`12.`) is a question"),
    Rule("numbers.item", 75, (ListBlock,), match_block, in_notes=False,
         about="an item's number standing alone is markup, and ends the answer before it"),
)
