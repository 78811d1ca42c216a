"""Headings that ask: a heading is a question when it reads as one, and its section answers it.

Which headings ask is read from the whole document first (the survey), level by level:
- a heading with a `Q:`-style marker (`## Q1: ...`) asks;
- a heading that reads as a question asks, whatever style the rest of the document uses,
  unless questions sit under it (then it names their section);
- where a level asks in most of its headings, its other leaf headings are items too
  ("Stream Processing vs Batch Processing", "REST API"): a question, a prompt, or a term when
  its first sentence defines it;
- where a level's questions are numbered (`#### 8) ...`), its unnumbered headings are
  sub-headings of an answer ("### **Z-score**" under "### 25.");
- in an outline, the deepest leaf headings whose body is one short paragraph are terms, and
  under a heading that names a glossary, every leaf heading names a term.

A heading that does not ask ends the answer before it, except a heading question's sub-headings
and a line question's answer in parts (`_answer_part`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from build_decks.readers import inline, shapes, vocabulary
from build_decks.readers.answers import HEADING, Question, Reach
from build_decks.readers.elements import Element, Heading, Paragraph, walk_lines
from build_decks.readers.elements import Rule as Separator
from build_decks.readers.rule import Close, Context, Open, Rule, Take, left_out
from build_decks.readers.rules.glossary import term_span
from build_decks.readers.rules.noise import noise
from build_decks.readers.rules.sections import names_questions
from build_decks.readers.sections import Section

ASKING_SHARE = 1 / 3  # of a level's headings that ask, for the level to be a question level
MIN_ASKING = 2  # and at least this many (or all, on a level with one heading)
NUMBERED_SHARE = 0.7  # of its questions numbered, for a level's questions to be the numbered ones
ITEM_SHARE = 2 / 3  # of a level's headings asking, for its other leaf headings to be items
MIN_TERMS = 3  # outline headings with a one-line definition, for them to be terms
TERM_DEFINITION_WORDS = 45  # a term's definition is one short paragraph
MIN_PARTS = 2  # headings under a line question: one may name the next topic; two split its answer
GROUP_TERMS = 2  # terms defined in a glossary heading's own body: it groups them, names none
# Headings that name a document's front matter, never an item (in any of the languages).
SECTION_WORDS = frozenset(" ".join(shapes.words(name))
                          for name in vocabulary.every(vocabulary.FRONT_SECTIONS))
KINDS = {"question": "qa", "term": "term", "entry": "term", "item": "item"}


@dataclass
class Survey:
    items: dict[Section, str] = field(default_factory=dict)  # -> question | item | term | entry
    numbered_levels: set[int] = field(default_factory=set)  # whose questions carry numbers
    question_levels: set[int] = field(default_factory=set)  # where most headings ask
    last_numbered: dict[int, int] = field(default_factory=dict)  # level -> last one's index

    def __bool__(self) -> bool:
        return bool(self.items)

    def __contains__(self, section: object) -> bool:
        return section in self.items


def survey(source) -> Survey:
    found = Survey()
    lang = source.lang
    usable = [s for s in source.outline.sections if not s.boilerplate and s.role != "title"]
    asking = {s: shapes.is_question_like(s.cleaned.text, lang=lang) for s in usable}
    strict = {s: shapes.is_question_like(s.cleaned.text, strict=True, lang=lang)
              for s in usable}
    under = _asking_under(source.outline.sections, asking)
    groups = _groups(source.outline.sections, under, asking)
    if source.flashcards:  # the notes of a flashcard document: only what asks outright
        found.items = {s: "question" for s in usable if not groups.get(s)
                       and shapes.asks_explicitly(s.cleaned.text)}
        return found
    marked = any(s.cleaned.marker for s in usable)
    if marked:  # `## Q1:` style: marked headings ask
        found.items = {s: "question" for s in usable if s.cleaned.marker or (
            s.cleaned.numbered and asking[s])}
        found.question_levels = {s.level for s in found.items}
    else:
        _levels(found, usable, asking, groups, under)
    numbers = [s for s in usable if number_only(s.cleaned.text)]  # `### 12`, the question below
    if len(numbers) >= MIN_ASKING:
        found.items |= {s: "question" for s in numbers if s not in found.items}
    # Nothing lost: a heading that asks in so many words is a question whatever the style of
    # the others, unless it names a group, or a chapter: above the level the document asks at,
    # with questions under it or where the document labels its questions (`### Q1. ...`);
    # except one its sub-sections answer (rule `answered-by-sub-sections`, below).
    top = min(found.question_levels, default=0)
    found.items |= {s: "question" for s in usable if strict[s] and not groups.get(s)
                    and (s.level >= top or not (under[s] or marked)
                         or _answered_below(s, under, asking)) and s not in found.items}
    _terms(found, usable, asking, source)
    return found


def number_only(text: str) -> bool:
    """A heading that is only an item's number (`### 12`, `## 3.`, `### Question 1`): its
    question is below."""
    return shapes.item_number_only(text)


def _levels(found: Survey, usable: list[Section], asking: dict[Section, bool],
            groups: dict[Section, bool], under: dict[Section, bool]) -> None:
    """Level by level: where enough headings ask, they are the document's questions."""
    for level in sorted({s.level for s in usable}):
        at_level = [s for s in usable if s.level == level]
        questions = [s for s in at_level if asking[s] and not groups.get(s)]
        if len(questions) < min(MIN_ASKING, len(at_level)) or (
                len(questions) < len(at_level) * ASKING_SHARE):
            continue
        found.question_levels.add(level)
        numbered = [s for s in questions if s.cleaned.numbered]
        if len(numbered) >= NUMBERED_SHARE * len(questions):  # unnumbered: sub-headings
            found.numbered_levels.add(level)
            # A section whose numbered headings none of which asks numbers points of its own
            # ("## Tips" / "### 1. Prepare well"), not the document's questions.
            asking_parents = {s.parent for s in questions}
            found.items |= {s: "question" for s in at_level if s.cleaned.numbered
                            and not groups.get(s) and s.parent in asking_parents}
            found.last_numbered[level] = max(s.index for s in numbered)
            continue
        first = questions[0].index
        items = len(questions) >= ITEM_SHARE * len(at_level)
        for section in at_level:
            if asking[section] and not groups.get(section):
                found.items[section] = "question"
            elif (items and not under[section] and section.index > first
                  and " ".join(shapes.words(section.cleaned.text)) not in SECTION_WORDS):
                found.items[section] = "item"


def _asking_under(sections: list[Section], asking: dict[Section, bool]) -> dict[Section, bool]:
    """Sections with a question-like heading somewhere under them."""
    under: dict[Section, bool] = {}
    for section in reversed(sections):  # children come after their parents
        under[section] = any(asking.get(c, False) or under.get(c, False)
                             for c in section.children)
    return under


def _groups(sections: list[Section], under: dict[Section, bool],
            asking: dict[Section, bool]) -> dict[Section, bool]:
    """Sections that only group the questions under them: they have no answer of their own
    (nothing but noise between the heading and its first sub-heading). Rule
    `answered-by-sub-sections`: a heading that asks in so many words (`## When should I use
    this?`) whose first sub-section asks nothing, with no question under it (`### Use it
    when`), groups nothing: those sub-sections are its answer, to the first that asks."""
    return {s: under[s] and not any(noise(e) is None and not isinstance(e, Separator)
                                    for e in s.body) and not _answered_below(s, under, asking)
            for s in sections}


def _answered_below(section: Section, under: dict[Section, bool],
                    asking: dict[Section, bool]) -> bool:
    first = section.children[0] if section.children else None
    return first is not None and shapes.asks_explicitly(section.cleaned.text) and not (
        asking.get(first, False) or under.get(first, False))


def _terms(found: Survey, usable: list[Section], asking: dict[Section, bool], source) -> None:
    """Outlines: headings at the deepest level whose body is one short line define a term."""
    if not usable:
        return
    deepest = max(s.level for s in usable)
    if deepest in found.question_levels:
        return
    named = source.outline.root.named_glossary
    # A heading that only says "Answer" (`### Ответ`) labels the answer of the question above
    # it: it names no term, and does not count towards an outline of terms.
    candidates = [s for s in usable if s.level == deepest and s.leaf and not asking[s]
                  and not shapes.is_answer_heading(s.cleaned.text)]
    entries = [s for s in candidates if s.body and _in_glossary(s, named) and _names_one_term(s)]
    terms = [s for s in candidates if not _in_glossary(s, named) and _is_definition(s.body)]
    found.items |= {s: "entry" for s in entries}  # a glossary's: all its body
    if len(terms) >= MIN_TERMS:
        found.items |= {s: "term" for s in terms}  # an outline's: one line


def _in_glossary(section: Section, whole: bool) -> bool:
    """Under a heading (or in a document) named as a glossary."""
    return whole or any(s.named_glossary for s in section.ancestors() if s.heading is not None)


def _names_one_term(section: Section) -> bool:
    """Not a letter of an A-Z index, nor a group whose body defines terms itself."""
    if len(section.cleaned.text.strip()) == 1:
        return False
    leads = [e.lines[0].tokens for e in section.body if isinstance(e, Paragraph)]
    return sum(1 for tokens in leads if term_span(tokens, named=True)) < GROUP_TERMS


def _is_definition(body: list[Element]) -> bool:
    """One short paragraph, alone or followed by a list of questions under a label."""
    if not body or not isinstance(body[0], Paragraph) or inline.is_emphasized(
            body[0].lines[0].tokens):
        return False
    words = shapes.words(inline.plain_of([t for line in body[0].lines for t in line.tokens]))
    rest = body[1:]
    return len(words) <= TERM_DEFINITION_WORDS and (not rest or names_questions(rest[0]))


def match(heading: Heading, context: Context) -> list | None:
    if context.nested:
        return None
    section, found, open_q = context.section, context.survey("headings"), context.open
    role = found.items.get(section)
    if role is not None:
        question = Question(section.cleaned.text, heading.start, HEADING, "headings",
                            context.title, KINDS[role], level=section.level,
                            reach=Reach.FIRST_PARAGRAPH if role == "term" else None)
        return [Open(question)]
    if open_q is not None and ((open_q.level and _subheading(section, open_q, found, context))
                               or _answer_part(section, open_q, found, context)
                               or shapes.answer_label(section.text)  # `#### **Answer:**`
                               or shapes.is_answer_heading(section.text)):  # `### Ответ`
        return [Take(element=heading)]
    return [Close(), left_out(context.source, heading, "section heading")]


def _subheading(section: Section, open_q: Question, found: Survey, context: Context) -> bool:
    """A heading inside a heading question's answer ("### **Z-score**" under "### 25.")."""
    if section.level > open_q.level:
        return True
    if section.level == open_q.level:  # no numbered question after it: a section of its own
        return open_q.level in found.numbered_levels and (
            section.index < found.last_numbered.get(section.level, section.index))
    return context.source.scraped  # text scraped from a web page lost its heading levels


def _answer_part(section: Section, open_q: Question, found: Survey, context: Context) -> bool:
    """A heading that names a part of a line question's answer: the question (a bold or
    labelled line, in its section's own text) is followed right away by MIN_PARTS or more
    headings of one level, deeper than its section's, none of which asks (`**How is KNN
    different from k-means?**` / `##### KNN` / `##### K Means`); the answer takes them and
    their text, to the next question."""
    parent = section.parent
    if open_q.level or open_q.reach is not Reach.FOLLOWING or parent is None or not any(
            e.start <= open_q.line < e.end for e in parent.body):
        return False
    after = [c for c in parent.children if c.heading is not None and c.heading.start > open_q.line]
    run = list(itertools.takewhile(lambda c: c.level == after[0].level and c not in found.items
                                   and not shapes.is_question_like(
                                       c.cleaned.text, lang=context.source.lang), after))
    lines = context.source.lines
    return len(run) >= MIN_PARTS and section in run and not any(
        lines[n].strip() for n in range(open_q.line + 1, run[0].heading.start)) and all(
        not _asks_in(part.body if part is not run[-1] else part.body[:1]) for part in run)


def _asks_in(body: list[Element]) -> bool:
    """A line that asks in so many words (a question mark, a `Q:` label) in these blocks."""
    texts = (inline.plain_of(line.tokens).strip() for element in body
             for line in walk_lines(element))
    return any(shapes.asks_explicitly(t) or shapes.clean_question(t).marker for t in texts)


RULES = (Rule("headings", 40, (Heading,), match, survey, about="headings that ask"),)
