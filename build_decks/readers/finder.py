"""The walker: one pass over a document's element tree, asking the question rules in turn.

The rules (readers/rules/, in priority order) say what each block or paragraph line is: a
question, part of the open answer, a container to read on its own, or a passage left out and
why. Where no rule speaks, the answer collector (answers.py) decides: the block belongs to the
open answer if its reach goes that far; a list, quote or answer block with no question open is
read as a container of its own; anything else is left out as "outside any question".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from build_decks import boilerplate, cloze
from build_decks.model import Dropped, RawEntry
from build_decks.readers import answers, inline, shapes
from build_decks.readers.answers import HEADING, Question, Reach
from build_decks.readers.elements import (
    Admonition,
    Container,
    Details,
    Element,
    Heading,
    ListBlock,
    Paragraph,
)
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
from build_decks.readers.rules import RULES, for_unit, is_boilerplate
from build_decks.readers.sections import Outline, Section, build
from build_decks.readers.vocabulary import Language, guess_language

OUTSIDE = "outside any question"
NOTES = "notes between the flashcards"
SECTION_LABEL = "section label"
EMPTY_ANSWER = "empty answer"
TIP = "tip or note"
ASIDE_LABELS = frozenset({"tip", "tips", "note", "notes", "hint", "remember"})  # English
INTRODUCTION = "introduction (before the first question)"
CLOSING = "closing text (after the last question)"
SECTION_LABEL_WORDS = 8  # a line that names a section is short
LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s")
RUN_ON_SHARE = 10  # hard-wrapped text runs on in lower case in more than 1 of 10 line pairs


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


class Finder:
    def __init__(self, text: str, plain: bool = False, offset: int = 0) -> None:
        self.offset = offset  # where `text` starts in its file (a fenced card's content)
        elements = parse(text, plain)
        self.source = Source([line.expandtabs(4) for line in text.split("\n")], elements,
                             build(elements), plain, guess_language(text),
                             lambda fragment: Finder(fragment, plain=True))
        self.source.scraped = plain and _scraped(self.source)
        for rule in RULES:  # in priority order: a survey may read the ones made before it
            if rule.survey is not None:
                self.source.surveys[rule.name] = rule.survey(self.source)
        self.found: list[Question] = []
        self.dropped: list[Dropped] = []
        self.references: list[str] = []
        self.sections: list[tuple[int, str]] = []  # (level, name) of the headings around
        self.title = ""  # the section name cards found now get

    def run(self) -> list[RawEntry]:
        self.top()
        entries = [e for found in self.found if (e := self.entry(found))]
        if entries:  # what no rule read before the first card and after the last one
            first = min(e.line for e in entries)
            last = max(max([e.line, *(n for n, _ in e.back_lines)]) for e in entries)
            for passage in self.dropped:
                if passage.reason == OUTSIDE and passage.end < first:
                    passage.reason = INTRODUCTION
                elif passage.reason == OUTSIDE and passage.line > last:
                    passage.reason = CLOSING
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
        self.drop(left_out(self.source, element, self.unread(element)))
        return None

    def unread(self, unit: Element | LineUnit) -> str:
        """Why a passage no rule read is left out: the notes of a flashcard document, a line
        that names a section, or (the reason that leaves words unaccounted) none."""
        if self.source.flashcards:
            return NOTES
        if not isinstance(unit, LineUnit):
            return OUTSIDE
        following = unit.words[unit.index + 1:unit.index + 2]
        if is_section_label(unit.text) and not shapes.is_question_like(
                unit.text, lang=self.source.lang) and (
                not following or (unit.index == 0 and following[0][:1].isupper())):
            return SECTION_LABEL  # alone, or over the paragraph it names (headings lost `#`)
        if shapes.words(unit.text)[:1] and shapes.words(unit.text)[0] in ASIDE_LABELS and (
                ":" in unit.text[:20]):
            return TIP
        return OUTSIDE

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
            open_q.add([(unit.start, self.source.lines[unit.start])],
                       new_block=unit.index == 0 or not open_q.pieces)
            return open_q, 0
        if unit.text:
            self.drop(left_out(self.source, unit, self.unread(unit)))
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
                                        is_boilerplate(passage.reason)))

    # Results -----------------------------------------------------------------------------------

    def entry(self, found: Question) -> RawEntry | None:
        if not found.front:
            return None
        line = found.line + self.offset + 1
        make = lambda kind, front, back, layout="markdown": RawEntry(  # noqa: E731
            kind, front, back, line, layout, found.section, found.rule, found.tags)
        if found.kind == "cloze":
            return make("cloze", found.front, [])
        if found.rule == "markers":
            answers.until_label(found)
        pieces = answers.answer_lines(found)
        answer = "\n".join(text for _, text in pieces)
        if not pieces and any(t.strip() for _, t in found.pieces):  # a bare `A:`
            labels = [n for n, t in found.pieces if t.strip()]
            self.drop(LeftOut(labels[0], labels[-1] + 1, EMPTY_ANSWER, self.source.lines[
                labels[0]]))
        if pieces and cloze.has_deletion(answer):  # an answer written as cloze text
            return make("cloze", f"**{found.front}**\n\n{answer}", [])
        if not pieces and cloze.has_deletion(found.front):  # "Capital of France? {{c1::Paris}}"
            return make("cloze", found.front, [])
        kind = found.kind
        if kind == "item":
            kind = "term" if pieces and answers.defines(found.front, answer) else "qa"
        if pieces and kind != "term" and shapes.is_placeholder(answer):
            self.drop(LeftOut(pieces[0][0], pieces[-1][0] + 1, "placeholder answer", answer))
            pieces = []
        layout = "markdown"
        if self.source.plain and pieces and _plain_prose(pieces):
            layout = "lines" if self.source.scraped else "wrapped"
        return make(kind, found.front, [(n + self.offset + 1, t) for n, t in pieces], layout)


def is_section_label(text: str) -> bool:
    """A short line alone that names a section: no sentence punctuation (`Docker Questions`,
    `🔹 kubernetes`), or a label ending in a colon (`**Advanced:**`)."""
    words = text.strip()
    return 0 < len(words.split()) <= SECTION_LABEL_WORDS and (
        not words.endswith((".", "?", "!", ",", ";", "。", "？", "！")) or shapes.is_label(words))


def _outermost(sections: list[tuple[int, str]]) -> str:
    return next((name for _, name in sections if name), "")


def _plain_prose(pieces: list[tuple[int, str]]) -> bool:
    """Whether an answer is plain paragraphs (no Markdown blocks): then its lines are text."""
    return all(not text.lstrip().startswith(("- ", "* ", "```", "|", ">", "<")) and not
               LIST_NUMBER.match(text) for _, text in pieces)


def _scraped(source: Source) -> bool:
    """Text scraped from a web page (one paragraph or list item per line), not paragraphs
    hard-wrapped at a width: no line runs on into the next one in lower case."""
    lines = [line for e in source.elements if isinstance(e, Paragraph) and len(e.lines) > 1
             for line in [*source.lines[e.start:e.end], ""]]
    pairs = [(a.strip(), b.strip()) for a, b in itertools.pairwise(lines)
             if a.strip() and b.strip()]
    running_on = sum(1 for a, b in pairs if not a.endswith((".", ":", "?", "!")) and
                     b[:1].islower())
    return bool(pairs) and running_on < max(1, len(pairs) / RUN_ON_SHARE)
