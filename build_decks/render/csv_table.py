"""`dist/<title>.csv`: question, answer, topic, tags, one card a row, for spreadsheets,
Quizlet and Mochi.

The text is the YAML's own (Markdown: Mochi renders it, a spreadsheet shows it as typed), not
HTML. A term's question is the term, its answer the definition; a prompt has an empty answer; a
cloze card asks its text with each deletion blanked (`[…]`, or `[hint]`) and answers it filled
in, with its extra. Tags are the card's own, space-separated. UTF-8, comma-separated, quoted
where needed (RFC 4180).

A cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab
or a carriage return: OWASP's list, "CSV Injection") starts with `'` instead, which spreadsheets
read as "text follows". A Markdown bullet list at the start of a cell is written with `*`
bullets instead, which mean the same to every Markdown reader, so Mochi still shows a list.
"""

from __future__ import annotations

import argparse
import csv
import io

from build_decks import cloze
from build_decks.atomic import stage
from build_decks.config import slug
from build_decks.model import Card, Content
from build_decks.render import Done
from build_decks.render.options import BuildOptions, Output
from build_decks.syntax import card_parser, walk

HEADER = ("question", "answer", "topic", "tags")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what a spreadsheet runs
TEXT_MARK = "'"  # a spreadsheet reads what follows as text
LIST_BULLET = "*"  # a bullet that starts no formula


def file_name(content: Content) -> str:
    return slug(content.title) + ".csv"


def _shape(text: str) -> list[tuple]:
    """What the Markdown means, bullets' characters aside."""
    return [(t.type, t.tag, t.level, t.content) for t in walk(card_parser().parse(text))]


def _starred(text: str) -> str | None:
    """The text with the bullets of its opening `-` or `+` list written `*`, when it means
    the same; None when the text does not open with such a list."""
    tokens = card_parser().parse(text)
    if not tokens or tokens[0].type != "bullet_list_open" or tokens[0].markup not in "-+":
        return None
    lines = text.split("\n")
    level = tokens[0].level + 1
    for token in tokens[1:]:
        if token.type == "bullet_list_close" and token.level == level - 1:
            break
        if token.type == "list_item_open" and token.level == level and token.map:
            line = lines[token.map[0]]
            at = len(line) - len(line.lstrip(" "))
            if line[at:at + 1] != token.markup:
                return None
            lines[token.map[0]] = line[:at] + LIST_BULLET + line[at + 1:]
    starred = "\n".join(lines)
    return starred if _shape(starred) == _shape(text) else None


def cell(text: str) -> str:
    """The text as a spreadsheet may open it: no formula (see the module's docstring)."""
    if not text.startswith(FORMULA_STARTS):
        return text
    return _starred(text) or TEXT_MARK + text


def row(card: Card, topics: dict[str, str]) -> list[str]:
    if card.kind == "cloze":
        question = cloze.blanked(card.front)
        answer = "\n\n".join(part for part in (cloze.filled(card.front), card.back) if part)
    else:
        question, answer = card.front, card.back
    return [cell(text) for text in (question, answer, topics[card.topic], " ".join(card.tags))]


def table(content: Content) -> str:
    topics = {t.id: t.title for t in content.topics}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(row(card, topics) for card in content.cards)
    return out.getvalue()


def start(content: Content, options: BuildOptions, args: argparse.Namespace) -> Done:
    path = options.dist / file_name(content)
    return Done(Output([path], staged=[stage(path, table(content))]))
