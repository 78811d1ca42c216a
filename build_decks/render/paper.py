"""What every PDF shares: print options, the page context, and writing the finished file
(sizes on paper are geometry.py; WeasyPrint's layout itself is weasy.py)."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from build_decks import atomic, media
from build_decks.atomic import Staged
from build_decks.model import Card, Content, Topic
from build_decks.render.geometry import CARD_SIZES, PAPERS, CardSize, Paper
from build_decks.render.markup import Target
from build_decks.render.options import BuildOptions


@dataclass(frozen=True)
class PdfOptions:
    paper: Paper = PAPERS["a4"]
    flip: str = "long"  # duplex flip edge: "long" or "short"
    back_offset: tuple[float, float] = (0.0, 0.0)  # mm, for printers that shift the back
    answer_key: bool = False
    card_size: CardSize = CARD_SIZES["90x62mm"]
    cards: str = "duplex"  # "duplex" (fronts, then mirrored backs) or "fold" (side by side)
    fronts_only: bool = False
    cache: Path | None = None  # folder of the laid-out parts kept on disk (build/ for make)


def target(content: Content) -> Target:
    """Formulas as SVG (WeasyPrint has no MathML), images read from the media folder through
    WeasyPrint's URL fetcher (weasy.MediaOnly), deletions filled (each template asks for
    blanks where it wants)."""
    return Target(math="svg", images="file", media=media.Folder.of(content.root).path,
                  markdown=content.markdown)


def page_context(content: Content, options: BuildOptions, pdf: PdfOptions) -> dict:
    """What every PDF template needs. No time in it: a part laid out once stays the same
    part, and each finished file gets its dates from `finish` (see parts.py)."""
    return {"title": content.title, "author": content.author, "language": content.language,
            "created": pdf_time(0), "paper": pdf.paper, "target": target(content),
            "root": content.root}


def pdf_time(now: int) -> str:
    return datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def topic_groups(content: Content, kinds: set[str]) -> list[tuple[Topic, list[Card]]]:
    """The cards of these kinds by topic, in the topics' order; empty topics left out."""
    return [(topic, cards) for topic in content.topics
            if (cards := [c for c in content.cards if c.topic == topic.id and c.kind in kinds])]


def save(data: bytes, path: Path) -> Staged:
    """A finished PDF staged beside `path`, written by Python: a full disk or any other OS
    error is an OSError naming the file (no C++ library writes it, so none can abort)."""
    try:
        return atomic.stage(path, data)
    except OSError as error:
        raise OSError(error.errno or errno.EIO, error.strerror or str(error), str(path)) from None
