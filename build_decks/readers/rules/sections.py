"""Sections that hold no questions: the document's title, and boilerplate sections (a table of
contents, references, a template, tips, a licence/contributing/contact tail; see sections.py).

Everything in such a section is left out under the section's role; a reference section's web
links become the deck's references. A label such as `**Questions:**` inside one opens
questions again for the rest of that section. Anywhere, such a label after a line question's
answer names the next group of questions and ends that answer (`**Perguntas sobre etapas
específicas:**` under a list of bold questions).
"""

from __future__ import annotations

from linkify_it import LinkifyIt

from build_decks.readers import inline, shapes, vocabulary
from build_decks.readers.answers import Reach
from build_decks.readers.elements import Element, Heading, Html, Paragraph, walk_lines
from build_decks.readers.leftout import SECTION_LABEL
from build_decks.readers.rule import Close, Context, LeftOut, Rule, left_out

LINKIFY = LinkifyIt()
QUESTION_WORDS = vocabulary.any_language(vocabulary.QUESTION_SECTION_WORDS)
HEADINGS = frozenset({"document title", "section heading", "section label"})
LINKS = frozenset({"references section"})
RECOGNISED = HEADINGS | LINKS | {"toc section", "licence section"}  # boilerplate (see rules/)


def names_questions(element: Element) -> bool:
    """A one-line label such as `**Questions:**` or `Sample Questions`."""
    if not isinstance(element, Paragraph) or len(element.lines) != 1:
        return False
    found = shapes.words(inline.plain_of(element.lines[0].tokens))
    return 0 < len(found) <= shapes.LABEL_WORDS and bool(QUESTION_WORDS & set(found))


def groups_questions(element: Element, context: Context) -> bool:
    """A label over the next group of questions (`**Questions about monitoring:**`, `**Behavioral
    questions**`: short, wholly bold or ending in a colon, no sentence) right after a line
    question's answer (`following` reach): it is no part of that answer."""
    open_q = context.open
    if open_q is None or open_q.reach is not Reach.FOLLOWING or not names_questions(element):
        return False
    tokens = element.lines[0].tokens
    text = inline.plain_of(tokens).strip()
    return shapes.names_section(text) and (shapes.is_label(text) or inline.is_emphasized(tokens))


def survey(source) -> dict:
    """Boilerplate sections a question label opens again: section -> the label's line."""
    reopened = {}
    for section in source.outline.sections:
        if section.boilerplate and section.role != "toc":
            label = next((e for e in section.body if names_questions(e)), None)
            if label is not None:
                reopened[section] = label.start
    return reopened


def match(element: Element, context: Context) -> list | None:
    if context.nested:
        return None
    section = context.section
    if isinstance(element, Html) and element.heading and element.heading == (
            context.source.outline.title) and element.text.strip() == element.heading:
        return [Close(), left_out(context.source, element, "document title")]  # `<h1>`
    if isinstance(element, Heading):
        if section.role == "title":
            return [Close(), left_out(context.source, element, "document title")]
        if section.boilerplate:
            return [Close(), left_out(context.source, element, f"{section.role} section")]
        return None
    if groups_questions(element, context):
        text = inline.plain_of(element.lines[0].tokens).strip()
        return [Close(), LeftOut(element.start, element.end, SECTION_LABEL, text, heading=True)]
    reopened = context.survey("sections").get(section)
    if not section.boilerplate or (reopened is not None and element.start >= reopened):
        return None
    if section.role != "references":
        return [left_out(context.source, element, f"{section.role} section")]
    links: list[str] = []
    for line in walk_lines(element):  # links, and addresses written out as text
        links += [u for u in inline.links_of(line.tokens) if _is_web(u)]
        links += [link.url for link in LINKIFY.match(inline.plain_of(line.tokens)) or []
                  if _is_web(link.url)]
    passage = left_out(context.source, element, "references section")
    return [LeftOut(passage.start, passage.end, passage.reason, passage.text,
                    references=tuple(links))]


def _is_web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


RULES = (Rule("sections", 20, (Element,), match, survey,
              about="the title and boilerplate sections (TOC, references, template, tips, "
                    "licence/contributing tail) hold no questions"),)
