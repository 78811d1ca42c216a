"""Terms and their definitions: glossaries, definition lists, and a term's own line.

- a definition list (`Term` / `: definition`) gives a term per entry;
- in a glossary section (one named so, or one where most paragraphs and items lead with a
  bold term), a paragraph or list item that leads with a term defines it: "**Clustering**.
  Grouping ...", "In **supervised learning**, ...", "**Discrete**: finite values"; under a
  glossary heading also a plain `Term: definition` line and a bold line alone (`**Accuracy**`,
  its definition below);
- a term whose definition has not started yet takes the list right after it.
"""

from __future__ import annotations

import re

from build_decks.readers import answers, inline, shapes, vocabulary
from build_decks.readers.answers import STRONG, Question
from build_decks.readers.elements import (
    Admonition,
    Definitions,
    ListBlock,
    Paragraph,
    Quote,
    is_link_list,
    lead_tokens,
)
from build_decks.readers.rule import Close, Context, LeftOut, Open, Rule, Take
from build_decks.readers.rules.noise import noise
from build_decks.readers.rules.question_lists import is_question_list

DEFINITION_MARKER = re.compile(r"^\s{0,3}[:~]\s+")
TERM_LEAD_WORDS = 3  # "In **supervised learning**, ...": the term comes within the first words
MIN_TERMS = 3  # lines leading with a term, for an unnamed section to be a glossary
TERM_SHARE = 0.6  # of its paragraphs and items
LABEL_WORDS = vocabulary.any_language(vocabulary.PARAGRAPH_LABELS)  # label, not term


def term_span(tokens: list, named: bool = False) -> str | None:
    """The term a glossary line defines: its first bold/italic span near the start, or the only
    one ("**Clustering**. ...", "In **supervised learning**, ...", "... called **weights**").

    Under a heading that names a glossary (`named`), also a plain `Term: definition` line and
    a short bold line alone (`**Accuracy**`, its definition below it): a term is as short as
    a label (shapes.LABEL_WORDS)."""
    spans = inline.emphasized_spans(tokens)
    if named:
        words = inline.plain_of(tokens).strip()
        if spans and inline.is_emphasized(tokens) and len(shapes.words(words)) <= (
                shapes.LABEL_WORDS) and not (shapes.is_question_like(words) or _is_label(words)):
            return words.rstrip(":").strip()
        label, colon, rest = words.partition(":")
        if not spans and colon and rest.strip() and 0 < len(label.split()) <= (
                shapes.LABEL_WORDS) and not (shapes.is_question_like(label) or _is_label(label)):
            return label.strip()
    if not spans or inline.is_emphasized(tokens):
        return None
    position, text = spans[0]
    before = inline.plain_of(tokens[:position])
    if _is_label(text):
        return None  # `**Q1:**`, `**1.**`, `**Answer:**`, `**Note:**` are labels, not terms
    if len(shapes.words(before)) <= TERM_LEAD_WORDS or len(spans) == 1:
        return text.strip() or None
    return None


def lead_term(tokens: list, named: bool) -> str | None:
    """The term a paragraph or item leads with; a `Q:` line asks, it defines nothing."""
    if shapes.strip_marker(inline.plain_of(tokens).strip())[1]:
        return None
    return term_span(tokens, named)


def _is_label(text: str) -> bool:
    cleaned = shapes.clean_question(text)
    return (cleaned.marker or cleaned.numbered or bool(shapes.answer_label(text))
            or not cleaned.text or " ".join(shapes.words(text)) in LABEL_WORDS)


def survey(source) -> dict:
    """Sections of definitions: section -> whether it is named as a glossary."""
    glossary = {}
    for section in [source.outline.root, *source.outline.sections]:
        named = section.named_glossary or source.outline.root.named_glossary
        leads: list[list] = []
        for element in section.body:
            if isinstance(element, Paragraph):
                leads.append(element.lines[0].tokens)
            elif isinstance(element, ListBlock) and not is_link_list(element):
                leads += [lead_tokens(item) for item in element.items if lead_tokens(item)]
            elif isinstance(element, Quote | Admonition):
                continue
        terms = sum(1 for tokens in leads if lead_term(tokens, named))
        if terms and (named or (terms >= MIN_TERMS and terms >= TERM_SHARE * len(leads))):
            glossary[section] = named
    return glossary


def _term(text: str, line: int, context: Context, rule: str = "glossary") -> Question:
    return Question(shapes.clean_question(text).text, line, STRONG, rule, context.title, "term")


def match_paragraph(para: Paragraph, context: Context) -> list | None:
    named = context.survey("glossary").get(context.section)
    open_q = context.open
    if named is None or (open_q is not None and open_q.strength > STRONG):
        return None
    first = para.lines[0].tokens
    term = lead_term(first, named)
    if not term:
        return None
    question = _term(term, para.start, context)
    if not inline.is_emphasized(first):  # `**Accuracy**` alone: defined below
        question.add(answers.pieces(context.source.lines, para))
    return [Open(question)]


def match_list(block: ListBlock, context: Context) -> list | None:
    open_q = context.open
    if open_q is not None and open_q.kind == "term" and not open_q.pieces:
        return [Take(element=block)]  # the definition of a term on a line of its own
    named = context.survey("glossary").get(context.section)
    if named is None or (open_q is not None and open_q.kind != "term"):
        return None
    if is_question_list(block, context.source.lang):
        return None
    spans = [(item, lead_term(lead_tokens(item), named)) for item in block.items]
    if not any(term for _, term in spans):
        return None
    actions: list = []
    for item, term in spans:
        if term:
            question = _term(term, item.start, context, "glossary.list")
            question.add(answers.item_pieces(context.source.lines, item))
            actions.append(Open(question))
    return [*actions, Close()]


def match_definitions(block: Definitions, context: Context) -> list | None:
    actions: list = []
    source = context.source.lines
    for term_line, body in block.entries:
        question = _term(inline.markdown_of(term_line.tokens), term_line.number, context,
                         "definitions")
        for element in body:
            if (reason := noise(element)) is not None:
                actions.append(LeftOut(element.start, element.end, reason, "", keep_open=True))
            else:
                question.add(answers.pieces(source, element, unwrap_quote=not question.pieces))
        if question.pieces:  # the definition's own marker: `: text` or `~ text`
            number, first = question.pieces[0]
            question.pieces[0] = (number, DEFINITION_MARKER.sub("", first, count=1))
        actions.append(Open(question))
    return [*actions, Close()]


RULES = (
    Rule("definitions", 65, (Definitions,), match_definitions, about="definition lists"),
    Rule("glossary", 66, (Paragraph,), match_paragraph, survey, in_notes=False,
         about="a glossary's lines that lead with a term"),
    Rule("glossary.list", 66, (ListBlock,), match_list, in_notes=False,
         about="a glossary's list items that lead with a term; a term's own list"),
)
