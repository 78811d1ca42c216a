"""WeasyPrint itself: the layout of a PDF's HTML, the fetcher it reads images through, and the
images it has read. Imported only where parts are laid out (parts.lay_out, the PDF workers):
WeasyPrint takes most of a second to import, and a build whose parts were all kept, or laid
out by workers that imported it meanwhile, need not wait for it."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from build_decks import formulas, media
from build_decks.render.native import weasyprint


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


SAMPLE = ("<p style=\"font-family: 'DejaVu Sans', sans-serif; font-size: 9pt\">Sample "
          "<b>bold</b> <i>italic</i> <small>small</small> <code style=\"font-family: "
          "'DejaVu Sans Mono', monospace\">code</code></p>")


def warm_up() -> None:
    """Lay out one small page in the PDFs' fonts (the templates' DejaVu Sans and Mono): the
    first layout in a process finds and loads its fonts, which takes longer than a page."""
    weasyprint.HTML(string=SAMPLE).render().write_pdf()
