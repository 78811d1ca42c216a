"""`dist/<title>.csv`: question, answer, topic, tags, one card a row, for spreadsheets,
Quizlet and Mochi.

The text is the YAML's own (Markdown: Mochi renders it, a spreadsheet shows it as typed), not
HTML. A term's question is the term, its answer the definition; a prompt has an empty answer; a
cloze card asks its text with each deletion blanked (`[…]`, or `[hint]`) and answers it filled
in, with its extra. Tags are the card's own, space-separated. UTF-8, comma-separated, quoted
where needed (RFC 4180).
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

HEADER = ("question", "answer", "topic", "tags")
BLANK = "[…]"


def file_name(content: Content) -> str:
    return slug(content.title) + ".csv"


def blanked(text: str) -> str:
    """A cloze text with each outermost deletion shown as a blank (its hint, if it has one)."""
    found = cloze.deletions(text)
    outer = [d for d in found if not any(o.start < d.start and d.end <= o.end for o in found)]
    out, at = [], 0
    for deletion in sorted(outer, key=lambda d: d.start):
        out.append(text[at:deletion.start])
        out.append(f"[{deletion.hint}]" if deletion.hint else BLANK)
        at = deletion.end
    return "".join(out) + text[at:]


def row(card: Card, topics: dict[str, str]) -> list[str]:
    if card.kind == "cloze":
        question = blanked(card.front)
        answer = "\n\n".join(part for part in (cloze.filled(card.front), card.back) if part)
    else:
        question, answer = card.front, card.back
    return [question, answer, topics[card.topic], " ".join(card.tags)]


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
