"""Dataclasses shared by the stages: what readers produce and what renderers consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Kind = Literal["qa", "term", "prompt"]
KINDS: tuple[str, ...] = ("qa", "term", "prompt")

Layout = Literal["markdown", "lines", "wrapped"]
"""How a reader's answer lines are laid out in the source.

markdown: already Markdown (lists, code) and kept as is;
lines:    one block per line (text scraped from HTML: paragraphs and list items lost their markup);
wrapped:  hard-wrapped paragraphs whose lines are joined, blank lines separate paragraphs.
"""


@dataclass
class RawEntry:
    """One question (or term) as a reader found it, before any text clean-up."""

    kind: Kind
    front: str
    back_lines: list[tuple[int, str]]
    line: int
    layout: Layout
    section: str = ""


@dataclass
class Dropped:
    """Something a reader or normalize left out on purpose, kept for the report."""

    line: int
    reason: str
    text: str


@dataclass
class Document:
    """What a reader returns for one source file."""

    path: Path
    title: str
    entries: list[RawEntry]
    references: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str


@dataclass(frozen=True)
class Card:
    """A validated card, the unit every renderer works on."""

    id: str
    kind: Kind
    front: str
    back: str
    topic: str
    deck: str
    tags: tuple[str, ...] = ()
    attribution: str = ""
    origin: str = ""
    section: str = ""
    summary: str = ""
    notes: str = ""
    path: Path = Path()
    line: int = 0


@dataclass(frozen=True)
class Reference:
    url: str
    label: str = ""


@dataclass(frozen=True)
class Deck:
    name: str
    title: str
    source: str
    cards: tuple[Card, ...]
    references: tuple[Reference, ...] = ()
    path: Path = Path()


@dataclass(frozen=True)
class Content:
    """Everything loaded from content/: the single input of every renderer."""

    title: str
    author: str
    language: str
    topics: tuple[Topic, ...]
    decks: tuple[Deck, ...]

    @property
    def cards(self) -> list[Card]:
        return [card for deck in self.decks for card in deck.cards]

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def related(self, card: Card, limit: int = 6) -> list[Card]:
        """A prompt's study aids: answered cards of its section, else of its topic."""
        answered = [c for c in self.cards if c.kind != "prompt"]
        same_section = [c for c in answered
                        if card.section and c.section == card.section and c.deck == card.deck]
        return (same_section or [c for c in answered if c.topic == card.topic])[:limit]
