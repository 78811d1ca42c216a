"""Cloze text: a paragraph or list item with Anki deletions (`{{c1::answer}}`) outside any
answer is a cloze card (Obsidian's `==highlight==` cloze: see obsidian_sr.py).

A paragraph that asks is read as a question first (it may have an answer of its own). A list
whose every item is cloze text gives a card per item, and a heading right above it with
nothing else under it ("Definitions") names their section: it is no question.
"""

from __future__ import annotations

from build_decks import cloze
from build_decks.readers import inline, shapes
from build_decks.readers.answers import PROSE, STRONG, Question, Reach
from build_decks.readers.elements import ListBlock, Paragraph
from build_decks.readers.rule import Close, Context, LeftOut, Open, Retract, Rule
from build_decks.readers.rules.question_lists import is_question_list


def cloze_text(para: Paragraph, context: Context) -> str | None:
    text = "\n".join(inline.markdown_of(line.tokens, keep_markup=True).strip()
                     for line in para.lines)
    if not cloze.has_deletion(text) or shapes.is_question_like(shapes.clean_question(
            inline.plain_of(para.lines[0].tokens)).text, lang=context.source.lang):
        return None
    return text


def _card(text: str, line: int, section: str) -> Question:
    return Question(text, line, STRONG, "cloze", section, "cloze", reach=Reach.COMPLETE)


def match_paragraph(para: Paragraph, context: Context) -> list | None:
    if context.open is not None and context.open.reach in PROSE:
        return None
    text = cloze_text(para, context)
    return None if text is None else [Open(_card(text, para.start, context.title)), Close()]


def match_list(block: ListBlock, context: Context) -> list | None:
    paragraphs = [item.children[0] if item.children else None for item in block.items]
    if not all(isinstance(p, Paragraph) for p in paragraphs) or is_question_list(
            block, context.source.lang):
        return None
    texts = [cloze_text(p, context) for p in paragraphs]  # type: ignore[arg-type]
    if not all(texts):
        return None
    open_q, section, actions = context.open, context.title, []
    if open_q is not None and not open_q.pieces:
        actions += [Retract(open_q), LeftOut(open_q.line, open_q.line + 1, "section heading",
                                             open_q.front, heading=bool(open_q.level))]
        section = open_q.front
    actions += [Open(_card(text, p.start, section))  # type: ignore[union-attr]
                for text, p in zip(texts, paragraphs, strict=True)]
    return [*actions, Close()]


RULES = (
    Rule("cloze", 64, (Paragraph,), match_paragraph, about="cloze paragraphs"),
    Rule("cloze.list", 64, (ListBlock,), match_list, about="lists of cloze items"),
)
