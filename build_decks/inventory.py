"""What a card's text holds beyond plain Markdown: formulas and images, each with its line.

The loader checks them (a missing image, a formula that does not parse or a
remote image is a warning) and `check` counts them. The text is parsed with the card parser the
renderers use, so what is counted here is what the outputs render.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it.token import Token

from build_decks import formulas, html_events
from build_decks.syntax import MATH_TOKENS, card_parser

MARKERS = ("$", "\\(", "\\[", "![", "<img", "<IMG")  # a text with none of these has neither


@dataclass(frozen=True)
class Formula:
    line: int  # 0-based, in the text
    tex: str
    display: bool
    problem: str | None


@dataclass(frozen=True)
class Image:
    line: int
    src: str


@dataclass(frozen=True)
class Inventory:
    formulas: tuple[Formula, ...] = ()
    images: tuple[Image, ...] = ()


EMPTY = Inventory()


@cache
def inventory(text: str) -> Inventory:
    if not any(marker in text for marker in MARKERS):
        return EMPTY
    found_formulas: list[Formula] = []
    found_images: list[Image] = []
    for token in card_parser().parse(text):
        line = token.map[0] if token.map else 0
        _collect(token, line, found_formulas, found_images)
        for child in token.children or []:
            _collect(child, line, found_formulas, found_images)
            breaks = child.type in ("softbreak", "hardbreak")
            line += 1 if breaks else child.content.count("\n")
    return Inventory(tuple(found_formulas), tuple(found_images))


def _collect(token: Token, line: int, found_formulas: list[Formula],
             found_images: list[Image]) -> None:
    if token.type in MATH_TOKENS:
        found_formulas.append(Formula(line, token.content, MATH_TOKENS[token.type],
                                      formulas.problem(token.content)))
    elif token.type == "image":
        found_images.append(Image(line, str(token.attrGet("src") or "")))
    elif token.type in ("html_inline", "html_block") and "<img" in token.content.lower():
        found_images += [Image(line + e.line, e.attr("src"))
                         for e in html_events.events(token.content)
                         if e.kind == "start" and e.value == "img"]
