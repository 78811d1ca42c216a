"""Dataclasses shared by the stages: what readers produce and what renderers consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process

from build_decks.errors import ContentError
from build_decks.schema import ANSWERED

Kind = Literal["qa", "term", "prompt", "cloze"]  # see schema.py
RELATED_SCORE = 50  # token_set_ratio: at least half the words of the shorter question shared

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
    text: str = ""  # the source as read (to find the line of an image reference)


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
    images: tuple[str, ...] = ()  # media file names the card shows
    field_lines: tuple[tuple[str, int], ...] = ()  # YAML field -> line its text starts on


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
    unimported: tuple[str, ...] = ()  # sources with no deck file yet (`build-decks import`)
    warnings: tuple[ContentError, ...] = ()  # shown as code or as a link, not fatal
    root: Path = Path("content")
    markdown: tuple = ()  # the Python-Markdown extensions config.yaml adds (extensions.py)

    @cached_property
    def cards(self) -> list[Card]:
        return [card for deck in self.decks for card in deck.cards]

    @cached_property
    def _answered_by_place(self) -> tuple[dict, dict]:
        by_section: dict[tuple[str, str], list[Card]] = {}
        by_topic: dict[str, list[Card]] = {}
        for card in self.cards:
            if card.kind in ANSWERED:
                if card.section:
                    by_section.setdefault((card.deck, card.section), []).append(card)
                by_topic.setdefault(card.topic, []).append(card)
        return by_section, by_topic

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def related(self, card: Card, limit: int = 6) -> list[Card]:
        """A prompt's study aids: answered cards of its section, else of its topic, else the
        answered cards whose questions share most words with it."""
        by_section, by_topic = self._answered_by_place
        same_section = by_section.get((card.deck, card.section), []) if card.section else []
        near = same_section or by_topic.get(card.topic, [])
        if near:
            return near[:limit]
        answered = [c for c in self.cards if c.kind in ANSWERED]
        found = process.extract(card.front, [c.front for c in answered],
                                scorer=fuzz.token_set_ratio, limit=limit,
                                score_cutoff=RELATED_SCORE)
        return [answered[index] for _, _, index in found]
