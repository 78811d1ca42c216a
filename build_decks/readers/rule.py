"""What a question rule is, what it sees, and what it may say.

A rule is a name, a priority (lower runs first), the units it reads (block elements, or one
line of a paragraph: `LineUnit`), a pure `match` and, optionally, a `survey` of the whole
document made once before the walk. A `Survey` that no rule's match goes with (the
`#flashcards` tags) is registered on its own, with a name and a priority.
`match(unit, context)` returns None (not mine) or a list of actions the walker carries out in
order:

- `Open(question)`: a question starts here (the one before it ends); later actions and blocks
  add to its answer as far as its reach goes (see answers.py);
- `Take(pieces)` / `Take(element=...)`: these lines or this block belong to the open answer;
- `Walk(elements)`: read these children as a container of their own, no question open;
- `LeftOut(...)`: a passage that is no question or answer, with the reason (reported);
- `Close()`: no question is open any more;
- `Retract(question)`: a question found before is no question after all (a heading that only
  names the cloze list under it);
- `Lines()`: (paragraph rules) read this paragraph line by line;
- `Skip(n)`: (line rules) the next n lines of the paragraph were read with this one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from build_decks.readers import inline, shapes
from build_decks.readers.answers import Question, text_of
from build_decks.readers.elements import Element, Heading, Html, Line, Paragraph

if TYPE_CHECKING:
    from build_decks.readers.finder import Source
    from build_decks.readers.sections import Section


@dataclass(frozen=True)
class LineUnit:
    """One line of a paragraph, with the words a reader sees on it."""

    paragraph: Paragraph
    index: int
    words: tuple[str, ...]  # every line's plain words, for rules that look ahead

    @property
    def line(self) -> Line:
        return self.paragraph.lines[self.index]

    @property
    def text(self) -> str:
        return self.words[self.index]

    @property
    def start(self) -> int:
        return self.line.number

    @property
    def end(self) -> int:
        return self.line.end


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides its unit (read only)."""

    source: Source  # the document: lines, outline, surveys, language
    open: Question | None  # the question whose answer is being read
    section: Section  # the section the unit lies in
    title: str  # the name the cards found here get for their section
    nested: bool  # inside a list item, quote or answer block

    def survey(self, name: str) -> Any:
        return self.source.surveys.get(name)


@dataclass(frozen=True)
class Open:
    question: Question


@dataclass(frozen=True)
class Take:
    pieces: list[tuple[int, str]] = field(default_factory=list)
    element: Element | None = None
    new_block: bool = True


@dataclass(frozen=True)
class Walk:
    elements: list[Element]


@dataclass(frozen=True)
class LeftOut:
    start: int  # 0-based first line
    end: int  # one past the last line
    reason: str
    text: str
    keep_open: bool = False  # noise inside an answer: it goes on after it
    references: tuple[str, ...] = ()  # web links it holds (a reference list's)
    heading: bool = False  # it is visibly a heading: a `#` heading, or a line styled as one


@dataclass(frozen=True)
class Close:
    """No question is open any more (a rule ends the answer before it)."""


@dataclass(frozen=True)
class Retract:
    question: Question  # found before, no question after all


@dataclass(frozen=True)
class Lines:
    """A paragraph rule's word: read this paragraph line by line."""


@dataclass(frozen=True)
class Skip:
    lines: int  # the following lines of the paragraph, read with this one


Action = Open | Take | Walk | LeftOut | Close | Retract | Lines | Skip
Match = Callable[[Any, Context], list[Action] | None]


@dataclass(frozen=True)
class Rule:
    name: str
    priority: int
    units: tuple[type, ...]
    match: Match
    survey: Callable[[Source], Any] | None = None
    in_notes: bool = True  # applies to the notes of a document whose cards are flashcards
    about: str = ""


@dataclass(frozen=True)
class Survey:
    """A reading of the whole document made once before the walk, in priority order (a survey
    may read the ones made before it); the rules read it by name (`Context.survey`)."""

    name: str
    priority: int
    run: Callable[[Source], Any]


def left_out(source: Source, element: Element | LineUnit, reason: str,
             keep_open: bool = False) -> LeftOut:
    """A left-out passage: an element's lines, or one line of a paragraph."""
    if isinstance(element, LineUnit):
        return LeftOut(element.start, element.end, reason, element.text, keep_open,
                       heading=styled_as_heading(element.line.tokens, element.text))
    heading = isinstance(element, Heading) or (isinstance(element, Html) and bool(
        element.heading) and element.text.strip() == element.heading)
    return LeftOut(element.start, element.end, reason, text_of(source.lines, element), keep_open,
                   heading=heading)


def styled_as_heading(tokens: list, words: str) -> bool:
    """A paragraph line written as a heading: wholly bold or italic (`**Docker**`), or a short
    label ending in a colon (`Advanced:`)."""
    return inline.is_emphasized(tokens) or shapes.is_label(words)
