"""What a PDF is made of: the parts it needs laid out, and how its file is made from them.

Each document (cheatsheet.py, worksheet.py, flashcards.py) plans itself in the parent
process; pdf.py lays out the parts no earlier build kept, on every core, and hands them to
the plan's `finish`, which puts them on paper (impose.py) in the parent.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from build_decks import media
from build_decks.model import Card, Content
from build_decks.render import parts
from build_decks.render.markup import HIGHLIGHT_CLASS
from build_decks.render.parts import Galley, LaidOut, Part

Now = Callable[[Galley, list[Part]], list[LaidOut]]
"""Lay out (or find kept) these parts here and now: a document's frame, whose page count is
known only once its parts are laid out."""

Job = Callable[[Galley, list], list[LaidOut]]


@dataclass(frozen=True)
class Need:
    """Parts of one galley, and how a worker lays them out: by default each part's HTML as
    it is; the flashcards' sheets are fitted (their type sizes chosen) by their own job."""

    galley: Galley
    parts: list[Part]
    payloads: list = field(default_factory=list)  # what `job` gets for each part
    job: Job = parts.lay_out

    def payload(self, index: int) -> object:
        return self.payloads[index] if self.payloads else self.parts[index].html


@dataclass(frozen=True)
class Plan:
    name: str
    needs: list[Need]
    finish: Callable[[dict[str, LaidOut], Now], tuple[bytes, list[str]]]  # the PDF, its notes


def shows_code(fragments: list[str]) -> bool:
    """Whether a document's parts show highlighted code: its style has the highlighting
    classes only then (each class costs layout time in every part)."""
    return any(f'class="{HIGHLIGHT_CLASS}"' in fragment for fragment in fragments)


def media_of(content: Content, card: Card) -> list[bytes]:
    """The bytes of the images a card shows: a part's layout reads them, so its key does."""
    folder = media.Folder.of(content.root)
    found = []
    for name in card.images:
        path = folder.file(name)
        with contextlib.suppress(OSError):
            found.append(path.read_bytes() if path else b"")
    return found
