"""What every PDF shares: paper sizes, print options, WeasyPrint layout, the page context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint

from build_decks import formulas, media
from build_decks.atomic import Staged, staging
from build_decks.model import Card, Content, Topic
from build_decks.render.markup import Target
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


def target(content: Content) -> Target:
    """Formulas as SVG (WeasyPrint has no MathML), images read from the media folder through
    the URL fetcher below, deletions filled (each template asks for blanks where it wants)."""
    return Target(math="svg", images="file", media=media.Folder.of(content.root).path,
                  markdown=content.markdown)


def page_context(content: Content, options: BuildOptions, pdf: PdfOptions) -> dict:
    """What every PDF template's page (title, metadata, paper, output) needs."""
    created = datetime.fromtimestamp(options.now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"title": content.title, "author": content.author, "language": content.language,
            "created": created, "paper": pdf.paper, "target": target(content),
            "root": content.root}


def topic_groups(content: Content, kinds: set[str]) -> list[tuple[Topic, list[Card]]]:
    """The cards of these kinds by topic, in the topics' order; empty topics left out."""
    return [(topic, cards) for topic in content.topics
            if (cards := [c for c in content.cards if c.topic == topic.id and c.kind in kinds])]


class MediaOnly(weasyprint.URLFetcher):
    """WeasyPrint's URL fetcher for every PDF: nothing from the network, nothing from the disk
    but the images in the media folder; `data:` URIs (already in the document) are read, and
    `formula:` URLs are answered with the formula's drawing."""

    def __init__(self, folder: Path) -> None:
        super().__init__(allowed_protocols={"data", "file", formulas.DRAWING_SCHEME},
                         allow_redirects=False)
        self.folder = media.Folder(folder)

    def fetch(self, url: str, headers: dict | None = None) -> weasyprint.urls.URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(f"{formulas.DRAWING_SCHEME}:") and (
                drawn := formulas.drawing_of_url(url)):
            return weasyprint.urls.URLFetcherResponse(url, drawn.svg,
                                                      {"Content-Type": "image/svg+xml"})
        parts = urlsplit(url)
        if parts.scheme == "file" and not parts.netloc:
            path = Path(url2pathname(parts.path))
            inside = path.parent.resolve() == self.folder.path.resolve()
            if inside and not self.folder.problem(path.name):
                return weasyprint.urls.URLFetcherResponse(
                    url, (self.folder.path / path.name).read_bytes(),
                    {"Content-Type": self.folder.mime(path.name)})
        raise ValueError(f"not fetched: {url[:80]} (PDFs read nothing from the network, and "
                         "from the disk only images in the media folder)")


IMAGES: dict = {}
"""Images (diagrams, drawn formulas) WeasyPrint has read, shared by every layout in this
process: the flashcards are laid out again after fitting, the cheat sheet in three passes."""


def layout(html: str, context: dict) -> weasyprint.Document:
    """Lay out a PDF's HTML, rendered with `context` (a page_context): it may read images
    from that output's media folder only."""
    fetcher = MediaOnly(context["target"].media)
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render(cache=IMAGES)


def write(document: weasyprint.Document, path: Path) -> Staged:
    with staging(path) as tmp:
        document.write_pdf(tmp)
    return Staged(tmp, path)
