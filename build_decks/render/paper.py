"""What every PDF shares: paper and card sizes, print options, WeasyPrint layout, the page
context, and writing the finished file."""

from __future__ import annotations

import errno
import io
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint

from build_decks import atomic, formulas, media
from build_decks.atomic import Staged
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

    def turned(self) -> Paper:
        """The same sheet in landscape (for fold-in-half cards, printed on one side)."""
        return replace(self, width=self.height, height=self.width)


PAPERS = {"a4": Paper("a4", 210, 297), "letter": Paper("letter", 215.9, 279.4)}


@dataclass(frozen=True)
class Margins:
    """A paper page and the margins (mm) around its text; the frame's CSS and the parts'
    pages both take their sizes from here."""

    paper: Paper
    top: float
    side: float
    bottom: float

    @property
    def width(self) -> float:
        return round(self.paper.width - 2 * self.side, 3)

    @property
    def height(self) -> float:
        return round(self.paper.height - self.top - self.bottom, 3)


@dataclass(frozen=True)
class CardSize:
    name: str  # as on the command line
    width: float  # mm
    height: float


CARD_SIZES = {size.name: size for size in (
    CardSize("90x62mm", 90, 62),  # the default: eight to an A4 or letter sheet
    CardSize("3x5in", 127, 76.2),  # index cards, landscape
    CardSize("2.5x3.5in", 63.5, 88.9),  # playing cards (rpg-cards' size), portrait
)}


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
    the URL fetcher below, deletions filled (each template asks for blanks where it wants)."""
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
            if inside and (loaded := self.folder.load(path.name)) is not None:
                data, found = loaded
                return weasyprint.urls.URLFetcherResponse(
                    url, data, {"Content-Type": media.mime_of(found)})
        raise ValueError(f"not fetched: {url[:80]} (PDFs read nothing from the network, and "
                         "from the disk only images in the media folder)")


IMAGES: dict = {}
"""Images (diagrams, drawn formulas) WeasyPrint has read, shared by every layout in this
process: the flashcards are laid out again after fitting, the cheat sheet in parts. An
image's URL names its bytes (media.Folder.file_url), so a replaced image is read anew; in
`watch`, the old versions are forgotten once they pass MAX_KEPT_IMAGE_BYTES."""
MAX_KEPT_IMAGE_BYTES = 200_000_000


def layout(html: str, context: dict) -> weasyprint.Document:
    """Lay out a PDF's HTML, rendered with `context` (a page_context): it may read images
    from that output's media folder only."""
    if sum(len(v) for v in IMAGES.values() if isinstance(v, bytes)) > MAX_KEPT_IMAGE_BYTES:
        IMAGES.clear()  # between layouts only: a document is written before the next one
    fetcher = MediaOnly(context["target"].media)
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render(cache=IMAGES)


def pdf_bytes(document: weasyprint.Document) -> bytes:
    buffer = io.BytesIO()
    document.write_pdf(buffer)
    return buffer.getvalue()


def save(data: bytes, path: Path) -> Staged:
    """A finished PDF staged beside `path`, written by Python: a full disk or any other OS
    error is an OSError naming the file (no C++ library writes it, so none can abort)."""
    try:
        return atomic.stage(path, data)
    except OSError as error:
        raise OSError(error.errno or errno.EIO, error.strerror or str(error), str(path)) from None
