"""Short forms of long answers, for the printed cheat sheet and flashcards.

Seed answers run to 400 words; a printed card or cheat-sheet entry holds about 60. The short
form keeps the answer's lead (its first whole sentences, up to LEAD_WORDS) and the skeleton of
its lists (bold labels, or each item's first sentence when that is short). A short form never
stops inside a sentence: what does not fit whole is left out, and a "…" says that more
follows (only a first sentence too long to read at a glance is cut, at a clause mark). A
card's own `summary:` wins. The full answer stays in the Anki deck and the HTML pack.
"""

from __future__ import annotations

import re

from build_decks import syntax
from build_decks.model import Card

FULL_UP_TO = 60  # words: an answer this short is printed whole
LEAD_WORDS = 40  # the lead: whole sentences up to this many words...
LONG_SENTENCE = 70  # ...or one first sentence up to this long, which still reads at a glance
ITEM_WORDS = 15  # an unlabelled list item is outlined by its first sentence, when this short
MAX_ITEMS = 8
MAX_WORDS = 75  # the whole short form: about what a printed card holds at a readable size
MORE = "…"
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
LABEL = re.compile(r"^\*\*(.+?):?\*\*:?")
PLAIN_LABEL = re.compile(r"^((?:[\w()/.'’-]+ ){0,5}[\w()/.'’-]+)\s*:\s")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“])")
CLAUSE_END = re.compile(r"(?<=[,;:])\s+|\s+[—–-]\s+")  # a comma, semicolon, colon or dash


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _sentences(text: str) -> list[str]:
    return SENTENCE_END.split(" ".join(text.split()))


def _clauses(sentence: str) -> list[str]:
    """The sentence cut after each clause mark; each piece keeps its mark."""
    pieces, start = [], 0
    for mark in CLAUSE_END.finditer(sentence):
        pieces.append(sentence[start:mark.start()])
        start = mark.end()
    return [*pieces, sentence[start:]]


def _lead(paragraph: str) -> str:
    """Whole sentences up to LEAD_WORDS; a longer first sentence whole up to LONG_SENTENCE,
    else its clauses up to LEAD_WORDS and "…"."""
    sentences, total = [], 0
    for sentence in _sentences(paragraph):
        if sentences and total + word_count(sentence) > LEAD_WORDS:
            break
        sentences.append(sentence)
        total += word_count(sentence)
    if total <= LONG_SENTENCE:
        return " ".join(sentences)
    kept: list[str] = []
    for clause in _clauses(sentences[0]):
        if kept and word_count(" ".join([*kept, clause])) > LEAD_WORDS:
            break
        kept.append(clause)
    if len(kept) == len(_clauses(sentences[0])):  # no clause mark early enough: keep it whole
        return sentences[0]
    return " ".join(kept).rstrip(",;: ") + MORE


def _item(text: str) -> str | None:
    """A list item's outline: its label, or its first sentence when short; None when neither
    is (the item is left out rather than cut)."""
    text = text.strip()
    label = LABEL.match(text) or PLAIN_LABEL.match(text)
    if label:
        return label.group(1).strip().rstrip(":")
    first = _sentences(text)[0]
    return first.rstrip(".") if word_count(first) <= ITEM_WORDS else None


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


def _blocks(answer: str) -> list[tuple[str, str]]:
    """("p", paragraph) and ("i", list item), in order; headings, code and tables left out."""
    blocks: list[tuple[str, str]] = []
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
    return blocks


def _skeleton(answer: str) -> str:
    """The answer's lead and the outline of its lists."""
    blocks = _blocks(answer)
    labelled = [text for kind, text in blocks if kind == "p" and PLAIN_LABEL.match(text)]
    points: list[str | None] = []
    lead = ""
    for kind, text in blocks:
        if kind == "i" or (len(labelled) >= 2 and text in labelled):
            points.append(_item(text))
        elif not lead and not points:
            lead = _lead(text)
    shown: list[str] = []
    for point in filter(None, points):
        if len(shown) == MAX_ITEMS or word_count(" ".join([lead, *shown, point])) > MAX_WORDS:
            break
        shown.append(point)
    parts = [lead] if lead else []
    if shown:
        parts.append(" · ".join(shown) + (f" · {MORE}" if len(shown) < len(points) else ""))
    return "\n\n".join(parts) or _lead(" ".join(text for _, text in blocks) or answer)


def gist(card: Card) -> str:
    """The first block of the short form: a related card's answer at a glance."""
    return short_form(card).split("\n\n")[0]


def is_shortened(card: Card) -> bool:
    return short_form(card) != card.back
