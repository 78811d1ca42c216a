"""The walker: one pass over a document's element tree, asking the question rules in turn.

The rules (readers/rules/, in priority order) say what each block or paragraph line is: a
question, part of the open answer, a container to read on its own, or a passage left out and
why. Where no rule speaks, the answer collector (answers.py) decides: the block belongs to the
open answer if its reach goes that far; a list, quote or answer block with no question open is
read as a container of its own; anything else is left out as "outside any question".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from markdown_it.token import Token

from build_decks import boilerplate
from build_decks.model import Dropped, RawEntry
from build_decks.readers import answers, inline, leftout, letter_labels, naming
from build_decks.readers.answers import HEADING, Question, Reach
from build_decks.readers.elements import (
    Admonition,
    Code,
    Container,
    Definitions,
    Details,
    Element,
    Heading,
    ListBlock,
    Paragraph,
    walk,
)
from build_decks.readers.entries import scraped, to_entry
from build_decks.readers.parse import parse
from build_decks.readers.rule import (
    Close,
    Context,
    LeftOut,
    Lines,
    LineUnit,
    Open,
    Retract,
    Skip,
    Take,
    Walk,
    left_out,
)
from build_decks.readers.rules import SURVEYS, for_unit, is_boilerplate
from build_decks.readers.sections import Outline, Section, build
from build_decks.readers.vocabulary import Language, guess_language


@dataclass
class Source:
    """A document as every rule sees it (read only once the surveys are made)."""

    lines: list[str]
    elements: list[Element]
    outline: Outline
    plain: bool
    lang: Language
    read_fragment: Callable[[str], Finder]
    surveys: dict[str, Any] = field(default_factory=dict)
    scraped: bool = False  # plain text scraped from a web page: one block per line

    @property
    def flashcards(self) -> bool:
        """The document writes its cards in a flashcard syntax: the rest is notes."""
        return bool(self.surveys.get("flashcards"))

    @cached_property
    def line_tokens(self) -> dict[int, list[Token]]:
        """The inline tokens of every line of text the parser read (paragraph and heading
        lines, definition terms), by 0-based line: no source line is parsed twice."""
        found: dict[int, list[Token]] = {}
        for element in walk(self.elements):
            if isinstance(element, Paragraph):
                found.update((line.number, line.tokens) for line in element.lines)
            elif isinstance(element, Heading) and element.line is not None:
                found[element.line.number] = element.line.tokens
            elif isinstance(element, Definitions):
                found.update((term.number, term.tokens) for term, _ in element.entries)
        return found

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """The 0-based lines inside code blocks: text as written, never read as Markdown."""
        return frozenset(n for element in walk(self.elements) if isinstance(element, Code)
                         for n in range(element.start, element.end))


class Finder:
    def __init__(self, text: str, plain: bool = False, offset: int = 0) -> None:
        self.offset = offset  # where `text` starts in its file (a fenced card's content)
        elements, lang = parse(text, plain), guess_language(text)
        labelled = letter_labels.spelled(text, lang, elements)  # `P1:` / `R:` in Spanish
        if labelled != text:
            text, elements = labelled, parse(labelled, plain)
        self.source = Source([line.expandtabs(4) for line in text.split("\n")], elements,
                             build(elements), plain, lang,
                             lambda fragment: Finder(fragment, plain=True))
        self.source.scraped = plain and scraped(self.source)
        for survey in SURVEYS:  # in priority order: a survey may read the ones made before it
            self.source.surveys[survey.name] = survey.run(self.source)
        self.found: list[Question] = []
        self.dropped: list[Dropped] = []
        self.references: list[str] = []
        self.sections: list[tuple[int, str]] = []  # (level, name) of the headings around
        self.title = ""  # the section name cards found now get

    def run(self) -> list[RawEntry]:
        self.top()
        entries = []
        for found in self.found:
            entry, dropped = to_entry(found, self.source, self.offset)
            for passage in dropped:
                self.drop(passage)
            if entry is not None:
                entries.append(entry)
        leftout.by_position(self.dropped, entries)
        naming.name(self.dropped, entries, self.source)
        return entries

    # The walk ----------------------------------------------------------------------------------

    def top(self) -> None:
        open_q: Question | None = None
        outline = self.source.outline
        for index, element in enumerate(self.source.elements):
            section = outline.owners[index]
            if not isinstance(element, Heading):
                open_q = self.element(element, open_q, section, nested=False)
                continue
            while self.sections and self.sections[-1][0] >= element.level:
                self.sections.pop()
            self.title = _outermost(self.sections) or self.title
            new = self.element(element, open_q, section, nested=False)
            if new is None and section.role in ("content", "glossary"):  # a section starts
                self.sections.append((element.level, boilerplate.heading_text(section.text)))
                self.title = _outermost(self.sections)
            open_q = new

    def walk(self, elements: list[Element], section: Section) -> None:
        open_q = None
        for element in elements:
            open_q = self.element(element, open_q, section, nested=True)

    def element(self, element: Element, open_q: Question | None, section: Section,
                nested: bool) -> Question | None:
        if open_q is not None and answers.closes_before(open_q, element):
            open_q = None
        context = Context(self.source, open_q, section, self.title, nested)
        for rule in for_unit(element, self.source.flashcards):
            actions = rule.match(element, context)
            if actions is not None:
                return self.apply(actions, open_q, section, nested, element, rule.name)
        if isinstance(element, Paragraph):
            return self.paragraph(element, open_q, section, nested)
        if open_q is not None and answers.takes(open_q, element):
            open_q.add(answers.pieces(self.source.lines, element,
                                      unwrap_quote=not open_q.pieces))
            return open_q
        if isinstance(element, Container | ListBlock) and not isinstance(element, Details |
                                                                          Admonition):
            children = element.children if isinstance(element, Container) else [
                child for item in element.items for child in item.children]
            self.walk(children, section)
            return None
        self.drop(left_out(self.source, element, leftout.unread(element, self.source)))
        return None



    def paragraph(self, para: Paragraph, open_q: Question | None, section: Section,
                  nested: bool) -> Question | None:
        words = tuple(inline.plain_of(line.tokens).strip() for line in para.lines)
        skip = 0
        for index in range(len(para.lines)):
            if skip:
                skip -= 1
                continue
            unit = LineUnit(para, index, words)
            open_q, skip = self.line(unit, open_q, section, nested)
        return open_q

    def line(self, unit: LineUnit, open_q: Question | None, section: Section,
             nested: bool) -> tuple[Question | None, int]:
        context = Context(self.source, open_q, section, self.title, nested)
        for rule in for_unit(unit, self.source.flashcards):
            actions = rule.match(unit, context)
            if actions is None or (open_q is not None and any(
                    isinstance(a, Open) and a.question.reach != Reach.COMPLETE
                    and not answers.ends(open_q, a.question) for a in actions)):
                continue
            skip = sum(a.lines for a in actions if isinstance(a, Skip))
            return self.apply(actions, open_q, section, nested, unit, rule.name), skip
        if open_q is not None and answers.takes_line(open_q, unit.text):
            open_q.add([(n, self.source.lines[n]) for n in range(unit.start, unit.end)],
                       new_block=unit.index == 0 or not open_q.pieces)
            answers.labelled(open_q, unit.text)
            return open_q, 0
        if unit.text:
            self.drop(left_out(self.source, unit, leftout.unread(unit, self.source)))
        return None, 0

    def apply(self, actions: list, open_q: Question | None, section: Section, nested: bool,
              unit: Any, rule: str) -> Question | None:
        for action in actions:
            if isinstance(action, Open):
                question = action.question
                question.rule = question.rule or rule
                self.found.append(question)
                if not (question.reach == Reach.COMPLETE and open_q is not None
                        and open_q.strength == HEADING):  # a heading's answer goes on
                    open_q = question
            elif isinstance(action, Retract):
                self.found.remove(action.question)
            elif isinstance(action, Take) and open_q is not None:
                open_q.add(action.pieces or answers.pieces(
                    self.source.lines, action.element, unwrap_quote=not open_q.pieces)
                    if action.element is not None or action.pieces else [], action.new_block)
            elif isinstance(action, Walk):
                self.walk(action.elements, section)
            elif isinstance(action, LeftOut):
                self.drop(action)
                self.references += action.references
                open_q = open_q if action.keep_open else None
            elif isinstance(action, Close):
                open_q = None
            elif isinstance(action, Lines):
                open_q = self.paragraph(unit, open_q, section, nested)
        return open_q

    def drop(self, passage: LeftOut) -> None:
        text = " ".join(passage.text.split())
        if text:
            self.dropped.append(Dropped(passage.start + self.offset + 1, passage.reason,
                                        text[:200], passage.end + self.offset,
                                        is_boilerplate(passage, self.source)))

def _outermost(sections: list[tuple[int, str]]) -> str:
    return next((name for _, name in sections if name), "")
