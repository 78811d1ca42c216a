"""What every PDF shares: paper sizes, print options, WeasyPrint layout, the page context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import weasyprint

from build_decks.atomic import Staged, staging
from build_decks.model import Card, Content, Topic
from build_decks.render.options import BuildOptions

MM_TO_PX = 96 / 25.4
MM_TO_PT = 72 / 25.4
PX_TO_PT = 72 / 96


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # mm
    height: float

    @property
    def css(self) -> str:
        return f"{self.width}mm {self.height}mm"


PAPERS = {"a4": Paper("a4", 210, 297), "letter": Paper("letter", 215.9, 279.4)}


@dataclass(frozen=True)
class Grid:
    """The flashcard grid: cards abut, so one cut separates two cards."""

    columns: int = 2
    rows: int = 4
    card_width: float = 90
    card_height: float = 62
    padding: float = 4

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


@dataclass(frozen=True)
class PdfOptions:
    paper: Paper = PAPERS["a4"]
    flip: str = "long"  # duplex flip edge: "long" or "short"
    back_offset: tuple[float, float] = (0.0, 0.0)  # mm, for printers that shift the back
    answer_key: bool = False
    grid: Grid = Grid()


def page_context(content: Content, options: BuildOptions, pdf: PdfOptions) -> dict:
    """What every PDF template's page (title, metadata, paper) needs."""
    created = datetime.fromtimestamp(options.now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"title": content.title, "author": content.author, "language": content.language,
            "created": created, "paper": pdf.paper}


def topic_groups(content: Content, kinds: set[str]) -> list[tuple[Topic, list[Card]]]:
    """The cards of these kinds by topic, in the topics' order; empty topics left out."""
    return [(topic, cards) for topic in content.topics
            if (cards := [c for c in content.cards if c.topic == topic.id and c.kind in kinds])]


def no_fetching(url: str, timeout: int = 10, ssl_context: object = None) -> dict:
    """WeasyPrint's URL fetcher for every PDF: nothing from the network or the disk; only
    `data:` URIs (content that is already in the document) are read."""
    if url.startswith("data:"):
        return weasyprint.default_url_fetcher(url, timeout, ssl_context)
    raise ValueError(f"not fetched: {url[:80]} (PDFs read nothing from the network or disk)")


def layout(html: str) -> weasyprint.Document:
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=no_fetching).render()


def write(document: weasyprint.Document, path: Path) -> Staged:
    with staging(path) as tmp:
        document.write_pdf(tmp)
    return Staged(tmp, path)
