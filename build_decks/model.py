"""Dataclasses shared by the stages: what readers produce and what renderers consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from build_decks.errors import ContentError
from build_decks.schema import ANSWERED

if TYPE_CHECKING:
    from build_decks.subjects import Subjects

Kind = Literal["qa", "term", "prompt", "cloze"]  # see schema.py
RELATED_SCORE = 0.3  # subjects.py cosine: a subject word of weight in common, not only "how"
SAME_TOPIC = 0.1  # added for a card of the prompt's own topic: among equals, its neighbours

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
    rule: str = ""  # the reader rule that found it (`import -v` names it)
    tags: list[str] = field(default_factory=list)  # the source's own (`#flashcards/x`, a column)
    notes: str = ""  # Markdown shown with the answer (a spreadsheet's extra columns)
    attribution: str = ""  # where the card comes from, as the source says (a link column)
    guid: str = ""  # the Anki note GUID an export gave the row (schema.py)


@dataclass
class Dropped:
    """Something a reader or normalize left out on purpose, kept for the report."""

    line: int
    reason: str
    text: str
    end: int = 0  # the last line of the passage (0: the first line alone)
    boilerplate: bool = False  # recognised boilerplate (a TOC, a badge, a licence, an advert)


class NothingFound(ContentError):
    """A document in which the reader found no card: what it left out travels with the
    error, so that `import -v` can list it."""

    def __init__(self, path: Path | str, line: int | None, message: str,
                 dropped: list[Dropped]) -> None:
        super().__init__(path, line, message)
        self.dropped = dropped

    def __reduce__(self) -> tuple:
        return type(self), (self.path, self.line, self.message, self.dropped)


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
    guid: str = ""  # the Anki note GUID to use instead of the card id's (schema.py)


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
    def _subjects(self) -> tuple[Subjects, dict[str, int]]:
        from build_decks.subjects import Subjects  # subjects.py reads normalize, which reads us

        return (Subjects.of((c.front for c in self.cards), self.language),
                {c.id: i for i, c in enumerate(self.cards)})

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def related(self, card: Card, limit: int = 4) -> list[Card]:
        """A prompt's study aids: the answered cards whose questions share most of its subject
        words (subjects.py: words rare in the collection weigh most), its own topic's first
        among equals; none rather than cards on another subject."""
        subjects, position = self._subjects
        if card.id not in position:
            return []
        cards = self.cards
        found = subjects.nearest(position[card.id], RELATED_SCORE - SAME_TOPIC,
                                 lambda j: cards[j].kind in ANSWERED)
        ranked = sorted((-(score + SAME_TOPIC * (cards[j].topic == card.topic)), j)
                        for j, score in found)
        return [cards[j] for rank, j in ranked if -rank >= RELATED_SCORE][:limit]
