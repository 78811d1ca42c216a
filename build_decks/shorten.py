"""Short forms of long answers, for the printed cheat sheet and flashcards.

Seed answers run to 400 words; a printed card or cheat-sheet entry holds about 60. The short
form keeps the answer's lead (first sentences, up to LEAD_WORDS) and the skeleton of its
lists (bold labels, or the first words of each item). A card's own `summary:` wins. The full
answer stays in the Anki deck and the HTML pack.
"""

from __future__ import annotations

import re

from build_decks import syntax
from build_decks.model import Card

FULL_UP_TO = 60
LEAD_WORDS = 40
ITEM_WORDS = 7
MAX_ITEMS = 8
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
LABEL = re.compile(r"^\*\*(.+?):?\*\*:?")
PLAIN_LABEL = re.compile(r"^((?:[\w()/.'’-]+ ){0,5}[\w()/.'’-]+)\s*:\s")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _clip(words: list[str], limit: int) -> str:
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def _lead(paragraph: str) -> str:
    sentences, total = [], 0
    for sentence in SENTENCE_END.split(" ".join(paragraph.split())):
        if sentences and total + len(sentence.split()) > LEAD_WORDS:
            break
        sentences.append(sentence)
        total += len(sentence.split())
    return _clip(" ".join(sentences).split(), LEAD_WORDS)


def _item(text: str) -> str:
    label = LABEL.match(text.strip()) or PLAIN_LABEL.match(text.strip())
    if label:
        return label.group(1).strip().rstrip(":")
    return _clip(text.split(), ITEM_WORDS).rstrip(".,;:")


def _formulas_as_words(text: str) -> tuple[str, list[str]]:
    """The text with each formula as one placeholder word, so no cut falls inside one."""
    if not any(marker in text for marker in ("$", "\\(", "\\[")):
        return text, []
    written = [syntax.written(t) for t in syntax.walk(syntax.card_parser().parse(text))
               if t.type in syntax.MATH_TOKENS]
    for index, formula in enumerate(written):
        text = text.replace(formula, f"\ue010{index}\ue011", 1)
    return text, written


def short_form(card: Card) -> str:
    """Markdown short enough for print: the summary, the whole answer, or lead + list skeleton."""
    if card.summary:
        return card.summary
    if card.kind in ("term", "cloze") or word_count(card.back) <= FULL_UP_TO:
        return card.back
    answer, formulas = _formulas_as_words(card.back)
    short = _skeleton(answer)
    for index, formula in enumerate(formulas):
        short = short.replace(f"\ue010{index}\ue011", formula)
    return short


def _skeleton(answer: str) -> str:
    """The answer's lead and the outline of its lists."""
    blocks: list[tuple[str, str]] = []  # ("p", paragraph) or ("i", list item), in order
    paragraph: list[str] = []
    for line in [*answer.splitlines(), ""]:
        item = LIST_ITEM.match(line)
        if item or not line.strip() or line.startswith(("#", "```", "|", " ")):
            if paragraph:
                blocks.append(("p", " ".join(paragraph)))
                paragraph = []
            if item:
                blocks.append(("i", item.group(1)))
        else:
            paragraph.append(line)
    labelled = [text for kind, text in blocks if kind == "p" and PLAIN_LABEL.match(text)]
    points: list[str] = []
    lead = ""
    for kind, text in blocks:
        if kind == "i" or (len(labelled) >= 2 and text in labelled):
            points.append(_item(text))
        elif not lead and not points:
            lead = _lead(text)
    parts = [lead] if lead else []
    if points:
        parts.append(" · ".join(points[:MAX_ITEMS]) + (" · …" if len(points) > MAX_ITEMS else ""))
    return "\n\n".join(parts) or _clip(answer.split(), LEAD_WORDS)

def is_shortened(card: Card) -> bool:
    return short_form(card) != card.back
