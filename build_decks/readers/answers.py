"""The answer collector: a question found, and the one statement of how far its answer reaches.

A question's answer is what follows it in the same container, as far as its *reach* says:

- `section` (a heading): its section, sub-headings included, to the next question heading;
- `following` (a marker line, a bold line, a lone plain question, a glossary term): the blocks
  after it, to the next question at least as strong, a heading, a rule or the end of its
  container;
- `own` (a list item, a line in a run of questions): only what is visibly an answer: its own
  nested blocks, an answer-labelled line, a bullet, a list, code, an answer block; after an
  `Answer:` label, what follows it as far as `following` goes;
- `answer block` (the last item of a list of questions): only a `<details>` or admonition
  answer block right after it, or a list right under its line (no blank line between: on
  the page it goes on under the item);
- `first paragraph` (an outline's term heading): its first block;
- `complete` (a flashcard, a table row, a `<summary>`): nothing more, it came with its answer.

Every question also has a *strength* (heading > strong > medium > weak): a line question ends
the open answer only if it is at least as strong, and never a heading question's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from markdown_it.token import Token

from build_decks import html_events
from build_decks.readers import inline, shapes
from build_decks.readers.elements import (
    Admonition,
    Callout,
    Details,
    Element,
    Heading,
    Html,
    Item,
    ListBlock,
    Paragraph,
    Quote,
    TextLine,
)
from build_decks.readers.parse import parser
from build_decks.readers.vocabulary import Language

HEADING, STRONG, MEDIUM, WEAK = 4, 3, 2, 1
MARKED = "markers"  # the rule of questions written with a label
# Answers are slices of the source, and the tree has no columns: these take a quote's or a list
# item's marker off a source line (the parser has read the line; this only cuts it).
QUOTE_PREFIX = re.compile(r"^\s{0,3}> ?")
CONTAINER_PREFIX = re.compile(r"^\s*(?:>\s?)*(?:(?:[-*+]|\d+[.)])\s+)?")
ATX_PREFIX = re.compile(r"^#{1,6}(?:\s+|$)")  # a heading's `##`
DEFINITION_LABEL = re.compile(r"^[^\w\n]*definition[*_\s]*:[*_]*\s*", re.IGNORECASE)
TERM_PREFIX = re.compile(r"^\s*(?:[-*+]\s+)?(?:(\*\*|__|\*|_)(?P<term>.+?)\1|(?P<plain>[^:\n]+?))"
                         r"\s*[:.\-–—]\s+")
BULLETS = "*•·-–▪◦"
LIST_PREFIX = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)")  # a list marker a front keeps
BLOCK_ID = re.compile(r"\s\^[\w-]+$")  # Obsidian's block reference id at a line's end


class Reach(Enum):
    SECTION = "section"
    FOLLOWING = "following"
    OWN = "own"
    ANSWER_BLOCK = "answer block"
    FIRST_PARAGRAPH = "first paragraph"
    COMPLETE = "complete"


PROSE = frozenset({Reach.SECTION, Reach.FOLLOWING, Reach.FIRST_PARAGRAPH})  # takes plain text
DEFAULT_REACH = {HEADING: Reach.SECTION, STRONG: Reach.FOLLOWING, MEDIUM: Reach.FOLLOWING,
                 WEAK: Reach.OWN}


@dataclass(eq=False)
class Question:
    """A question (or term, or cloze text) being read, and the source lines of its answer."""

    front: str
    line: int  # 0-based
    strength: int
    rule: str  # the name of the rule that found it
    section: str = ""
    kind: str = "qa"  # qa | term | cloze | item (a heading: a term, a question or a prompt)
    reach: Reach | None = None  # None: the strength's default
    level: int = 0  # heading level, for questions that are headings
    pieces: list[tuple[int, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    front_end: int = 0  # one past the last line of its front, where known (a list item)

    def __post_init__(self) -> None:
        self.reach = self.reach or DEFAULT_REACH[self.strength]

    def add(self, pieces: list[tuple[int, str]], new_block: bool = True) -> None:
        """Add source lines; a new block is set off from the last one by a blank line where
        the source had lines between them (so nothing left out joins two paragraphs)."""
        if not pieces:
            return
        if new_block and self.pieces and self.pieces[-1][1].strip() and (
                pieces[0][0] != self.pieces[-1][0] + 1):
            self.pieces.append((pieces[0][0], ""))
        self.pieces.extend(pieces)


def ends(open_q: Question, new: Question) -> bool:
    """A new line question ends the open answer: it is at least as strong, and the open one is
    not a heading's (whose answer is its whole section) unless the new one is labelled as a
    question (`Q:`, `Ques.`): then it is a question of its own inside that section."""
    if open_q.strength >= HEADING:
        return new.rule == MARKED
    return new.strength >= open_q.strength


def closes_before(open_q: Question, element: Element) -> bool:
    """The open answer has reached its end before this element."""
    if open_q.reach == Reach.FIRST_PARAGRAPH:
        return bool(open_q.pieces)
    if open_q.reach == Reach.ANSWER_BLOCK:
        return not (isinstance(element, Details | Admonition) or touches(open_q, element))
    return open_q.reach == Reach.COMPLETE


def touches(open_q: Question, element: Element) -> bool:
    """A list that starts on the line right after the question's front (no blank line)."""
    return isinstance(element, ListBlock) and 0 < open_q.front_end == element.start


def takes(open_q: Question, element: Element) -> bool:
    """The element belongs to the open answer (a block: paragraphs go line by line)."""
    if open_q.reach in PROSE:
        return True
    return not isinstance(element, TextLine | Html | Heading | Quote)


def takes_line(open_q: Question, words: str) -> bool:
    """A paragraph line belongs to the open answer: prose, or visibly an answer."""
    return open_q.reach in PROSE or bool(shapes.answer_label(words)) or (
        words[:1] in BULLETS and len(words) > 1)


def labelled(open_q: Question, words: str) -> None:
    """An `Answer:` label under a question that takes only what is visibly its answer (a list
    item's) opens an answer as a label does: it runs on, prose and all, as far as a labelled
    question's (to the next question, a heading, a rule or the end of its container)."""
    if open_q.reach == Reach.OWN and shapes.answer_label(words):
        open_q.reach = Reach.FOLLOWING


# Source lines ------------------------------------------------------------------------------------

def lines_of(source: list[str], start: int, end: int) -> list[tuple[int, str]]:
    return [(n, source[n]) for n in range(start, min(end, len(source)))]


def pieces(source: list[str], element: Element, unwrap_quote: bool = False,
           ) -> list[tuple[int, str]]:
    """An element's source lines, as an answer takes them: a `<details>` or admonition
    block that is the question or the answer block gives its body (its title asked, or was
    a label); an admonition inside it is part of the answer, title and all (`!!! tip
    "Insight"`: Python-Markdown's admonitions show it as written)."""
    if isinstance(element, Details | Admonition):
        out: list[tuple[int, str]] = []
        for child in element.children:
            piece = (admonition_lines(source, child) if isinstance(child, Admonition)
                     else sub_topic(source, child) if isinstance(child, Details)
                     else pieces(source, child, unwrap_quote=not out))
            if out and piece and piece[0][0] != out[-1][0] + 1:
                out.append((piece[0][0], ""))
            out += piece
        if isinstance(element, Admonition):  # its body's indentation is the block's syntax
            body = len(source[element.start]) - len(source[element.start].lstrip(" ")) + 4
            out = [(n, _unindented(text, body)) for n, text in out]
        return out
    if isinstance(element, TextLine):
        return [(element.start, element.text)]
    if isinstance(element, Paragraph):
        return [(n, source[n]) for line in element.lines for n in range(line.number, line.end)]
    if isinstance(element, Quote) and unwrap_quote:
        return [(n, QUOTE_PREFIX.sub("", t, count=1))
                for n, t in lines_of(source, element.start, element.end)]
    found = lines_of(source, element.start, element.end)
    while found and (not found[-1][1].strip() or (element.closes and html_events.only_tags(
            found[-1][1]))):
        found.pop()  # `</b></details>` that lazily continued the last list item
    return found


def _unindented(text: str, columns: int) -> str:
    """A line with at most `columns` of its leading spaces taken off."""
    return text[min(columns, len(text) - len(text.lstrip(" "))):]


def sub_topic(source: list[str], block: Details) -> list[tuple[int, str]]:
    """A `<details>` block inside an answer: its summary, which names a sub-topic, as a bold
    line over its body (the outputs show no collapsed blocks)."""
    title = block.summary.strip()
    if not title:
        return pieces(source, block)
    line = title if "*" in title else f"**{title}**"
    return [(block.summary_line, line), (block.summary_line, ""), *pieces(source, block)]


def admonition_lines(source: list[str], block: Admonition) -> list[tuple[int, str]]:
    """An admonition's lines, its title line included."""
    found = lines_of(source, block.start, block.end)
    while found and not found[-1][1].strip():
        found.pop()
    return found


def callout_lines(source: list[str], block: Callout) -> list[tuple[int, str]]:
    """A callout's body: the lines under its title line, one quote level taken off (the
    quote is the callout's syntax), without blank lines around them."""
    found = [(n, QUOTE_PREFIX.sub("", text, count=1))
             for n, text in lines_of(source, block.start + 1, block.end)]
    while found and not found[-1][1].strip():
        found.pop()
    while found and not found[0][1].strip():
        found.pop(0)
    return found


def item_pieces(source: list[str], item: Item) -> list[tuple[int, str]]:
    """An item's lines without its own list marker."""
    found = lines_of(source, item.start, item.end)
    if found:
        number, first = found[0]
        marker = first.lstrip()[:len(item.marker)]
        if marker == item.marker:
            found[0] = (number, first.lstrip()[len(marker):])
    return found


def text_of(source: list[str], element: Element) -> str:
    return " ".join(t.strip() for _, t in lines_of(source, element.start, element.end))


# The question and the answer as stored -------------------------------------------------------

class Parsed(Protocol):
    """What the answer functions need of the document: its lines, and the inline tokens the
    parse gave each line of text (finder.Source)."""

    lines: list[str]
    line_tokens: dict[int, list[Token]]
    code_lines: frozenset[int]


def tokens_at(source: Parsed | None, number: int, text: str) -> list[Token]:
    """A line's inline tokens: the parse's, where the text is the line as the parser read it
    (whole, or without the quote or list marker around it); else the text parsed now (a
    fragment of a line, such as a flashcard's back)."""
    tokens = source.line_tokens.get(number) if source is not None else None
    if tokens is not None and 0 <= number < len(source.lines) and (
            _content(text) == _content(source.lines[number])):
        return tokens
    return parser().parseInline(ATX_PREFIX.sub("", _content(text)).strip())[0].children or []


def _content(text: str) -> str:
    return CONTAINER_PREFIX.sub("", text.rstrip(), count=1)


def words_at(source: Parsed | None, number: int, text: str) -> str:
    """The words a reader sees on a line (see tokens_at)."""
    return inline.plain_of(tokens_at(source, number, text)).strip()


def front_text(line: str, heading_alone: bool = False, source: Parsed | None = None,
               number: int = -1) -> str:
    """A front's line as the card shows it: emphasis and tags gone, list markers kept; a
    heading without its `#`s (and, alone, without its numbering). With the document and the
    line's number, the tokens come from the parse."""
    stripped = line.rstrip()
    if source is not None and number in source.code_lines:
        return stripped  # code keeps its indentation (`    return x`)
    tokens = tokens_at(source, number, stripped)
    text = BLOCK_ID.sub("", inline.question_markdown(tokens))
    if stripped.lstrip().startswith("#"):
        return shapes.clean_question(text).text if heading_alone else text
    prefix = LIST_PREFIX.match(stripped)
    return (prefix.group(1) if prefix else "") + shapes.strip_marker(text)[0]


def until_label(question: Question, source: Parsed | None = None) -> None:
    """In a `Q:` / `A:` pair the question runs to the answer's label: lines between them
    (a list of terms, some code) are part of the question."""
    found = question.pieces
    first = next((i for i, (_, text) in enumerate(found) if text.strip()), None)
    candidates = [(i, words_at(source, n, text), text) for i, (n, text) in enumerate(found)
                  if shapes.may_be_label(text)]
    if any(shapes.strip_marker(words)[1] for _, words, _ in candidates):
        return  # the label answers a question of its own inside this answer
    label = next((i for i, words, text in candidates if shapes.answer_label(words) or (
        text.lstrip().startswith("#") and shapes.is_answer_heading(words))), None)
    if first is None or label is None or label == first:
        return
    lines = [front_text(text, source=source, number=n) if text.strip() else ""
             for n, text in found[first:label]]
    own = [] if _number_only(question.front) else [question.front]  # `### 12`
    question.front = "\n".join([*own, *lines]).strip("\n")
    question.pieces = found[label:]


def _number_only(front: str) -> bool:
    return shapes.item_number_only(front)


def topic_question(question: Question, lang, source: Parsed | None = None) -> None:
    """A heading that only names a topic, with the question in the paragraph under it
    ("# Вопрос 1. Замыкания" / "Проанализируйте ..."): the question is both."""
    number = _number_only(question.front)  # `### 12`
    if "\n" in question.front or (not number and shapes.is_question_like(question.front,
                                                                         lang=lang)):
        return
    found = [(n, t) for n, t in question.pieces]
    first = next((i for i, (_, t) in enumerate(found) if t.strip()), None)
    if first is None:
        return
    end = next((i for i in range(first, len(found)) if not found[i][1].strip()), len(found))
    if not any(t.strip() for _, t in found[end:]):  # the question, then its options right under it
        end = first + _first_paragraph(found[first:end])
    lead = " ".join(words_at(source, n, t) for n, t in found[first:end])
    rest = [t for _, t in found[end:] if t.strip()]
    if not rest or not shapes.is_question_like(lead, lang=lang) or shapes.answer_label(lead):
        return
    lines = [front_text(t, source=source, number=n) for n, t in found[first:end]]
    question.front = "\n".join(lines if number else [question.front, *lines])
    question.pieces = found[end:]


def _first_paragraph(lines: list[tuple[int, str]]) -> int:
    """How many of the lines the first block takes, as the parser reads them, where it is a
    paragraph that a list follows with no blank line (`Which is a database?` and then a
    `- [ ] option` list): the paragraph is the question, the list its answer. Code or a table
    right under a question is part of it ("What does this print?")."""
    tokens = parser().parse("\n".join(t for _, t in lines))
    opened = [t for t in tokens if t.level == 0 and t.nesting == 1]
    if len(opened) > 1 and opened[0].type == "paragraph_open" and opened[0].map and \
            opened[1].type in LIST_OPENS:
        return opened[0].map[1]
    return len(lines)


LIST_OPENS = ("bullet_list_open", "ordered_list_open")


def out_of_its_quote(question: Question, found: list[tuple[int, str]], source: Parsed | None,
                     ) -> list[tuple[int, str]]:
    """Rule `quoted-pair`: where the question stands in a quote (`> **Q:** ...`, then `> **A:**
    ...` and `> more of it`), the quote is the pair's syntax, not the answer's: each answer
    line taken as written loses one `>` (a line some rule has already cut is left alone)."""
    if source is None or not 0 <= question.line < len(source.lines) or not QUOTE_PREFIX.match(
            source.lines[question.line]):
        return found
    return [(n, QUOTE_PREFIX.sub("", text, count=1)) if (
        0 <= n < len(source.lines) and text == source.lines[n] and QUOTE_PREFIX.match(text))
        else (n, text) for n, text in found]


def answer_lines(question: Question, source: Parsed | None = None) -> list[tuple[int, str]]:
    """The answer's source lines: labels and blank ends trimmed, indentation removed."""
    found = out_of_its_quote(question, list(question.pieces), source)
    while found and not found[0][1].strip():
        found.pop(0)
    while found and not found[-1][1].strip():
        found.pop()
    if found and found[0][1].lstrip().startswith("#") and shapes.is_answer_heading(
            found[0][1].strip().lstrip("#")):
        found = found[1:]  # `### Answer`
        while found and not found[0][1].strip():
            found.pop(0)
    labelled = found and shapes.may_be_label(found[0][1]) and shapes.answer_label(
        words_at(source, *found[0]))
    if found and (labelled or (question.kind == "term" and DEFINITION_LABEL.match(found[0][1]))):
        first = DEFINITION_LABEL.sub("", shapes.without_answer_label(found[0][1]),
                                     count=1)
        found = ([(found[0][0], first)] if first.strip() else []) + found[1:]
        while found and not found[0][1].strip():
            found.pop(0)
    match = TERM_PREFIX.match(found[0][1]) if question.kind == "term" and found else None
    if match and shapes.words(match["term"] or match["plain"]) == shapes.words(question.front):
        found[0] = (found[0][0], found[0][1][match.end():])
    indent = min((len(t) - len(t.lstrip()) for _, t in found if t.strip()), default=0)
    return [(n, t[indent:].rstrip()) for n, t in found]



def defines(term: str, answer: str, lang: Language) -> bool:
    """The answer's first sentence defines the heading ("A REST API (...) is a set of ...")."""
    first = shapes.SENTENCE.split(" ".join(answer.split()), maxsplit=1)[0]
    found, wanted = shapes.words(first), shapes.words(term)
    if not wanted:
        return False
    for start in range(min(DEFINITION_LEAD, len(found))):
        if found[start:start + len(wanted)] == wanted:
            rest = found[start + len(wanted):]
            return bool(lang.defining & set(rest[:DEFINING_VERB_WITHIN]))
    return False


DEFINITION_LEAD = 4  # words before the term in a defining sentence ("A", "The", "An")
DEFINING_VERB_WITHIN = 12  # words after the term where its defining verb comes
