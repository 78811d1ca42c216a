"""Images: the media folder (`content/media/`) every output reads them from.

A card refers to an image by its bare file name in the media folder, as Anki does
(`![F1 curve](f1-curve-3fa2c1d07b.png)`). The import copies each local image of a source
there under a name made from its own name and a hash of its bytes, so two different
`diagram.png` never collide and the same image used twice is stored once. Remote images are
never fetched, by any stage: they show as a link with their alt text.

An image is checked before any output uses it: a regular file inside the media folder, no
larger than MAX_BYTES, and really an image of a kind every output shows (PNG, JPEG, GIF,
WebP, read by Pillow with a pixel limit; SVG, read by an XML parser).
"""

from __future__ import annotations

import base64
import hashlib
import io
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from anyascii import anyascii

FOLDER = "media"
MAX_BYTES = 5_000_000
MAX_PIXELS = 40_000_000
TYPES = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"),
         "GIF": ("gif", "image/gif"), "WEBP": ("webp", "image/webp"),
         "SVG": ("svg", "image/svg+xml")}
REMOTE_SCHEMES = frozenset({"http", "https", "ftp"})


def is_remote(src: str) -> bool:
    """An address on the web (never fetched) rather than a file."""
    parts = urlsplit(src.strip())
    return parts.scheme.lower() in REMOTE_SCHEMES or src.strip().startswith("//")


def is_embedded(src: str) -> bool:
    return src.strip().lower().startswith("data:")


def kind_of(data: bytes) -> str | None:
    """The TYPES key of an image's bytes, or None if it is no image we show."""
    if data.lstrip()[:1] == b"<":
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError:
            return None
        return "SVG" if root.tag.rsplit("}", 1)[-1] == "svg" else None
    from PIL import Image, UnidentifiedImageError  # WeasyPrint's image library

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.verify()
            return image.format if image.format in TYPES else None
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def problem_with(data: bytes) -> str | None:
    """Why these bytes cannot be an image in the outputs, or None."""
    if len(data) > MAX_BYTES:
        return f"{len(data):,} bytes; the limit for an image is {MAX_BYTES:,}"
    if kind_of(data) is None:
        return (f"not an image every output can show (PNG, JPEG, GIF, WebP or SVG, at most "
                f"{MAX_PIXELS // 1_000_000} megapixels)")
    return None


def stored_name(original: str, data: bytes) -> str:
    """`images/Fig 1.PNG` -> `fig-1-3fa2c1d07b.png`: readable, and unique to these bytes."""
    stem = "-".join("".join(c if c.isalnum() else " " for c in anyascii(Path(original).stem)
                            .lower()).split())[:40].strip("-") or "image"
    extension = TYPES[kind_of(data) or "PNG"][0]
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}.{extension}"


def local_path(src: str) -> str:
    """The file path a local `src` names: URL escapes decoded, no query or fragment."""
    return unquote(urlsplit(src.strip().replace("\\", "/")).path)


@dataclass(frozen=True)
class Folder:
    """content/media: the one place outputs read images from."""

    path: Path

    @classmethod
    def of(cls, content_root: Path) -> Folder:
        return cls(content_root / FOLDER)

    def file(self, name: str) -> Path | None:
        """The file a card's image name refers to, if it is a plain name in this folder."""
        if not name or name != Path(name).name or name.startswith(".") or "\\" in name:
            return None
        return self.path / name

    def problem(self, name: str) -> str | None:
        """Why a card cannot show the image `name`, or None."""
        path = self.file(name)
        if path is None:
            return (f"image {name[:80]!r} must be a file name in {self.path} (the import "
                    "copies a source's images there)")
        return _problem(path, self.path)

    def mime(self, name: str) -> str:
        return _read(self.path / name)[1]

    def data_uri(self, name: str) -> str:
        data, mime = _read(self.path / name)
        return f"data:{mime};base64,{base64.b64encode(data).decode()}"

    def file_url(self, name: str) -> str:
        return (self.path / name).resolve().as_uri()


def _problem(path: Path, folder: Path) -> str | None:
    try:
        if path.is_symlink() or not path.is_file():
            return f"image {path.name!r} is not in {folder}"
        if (size := path.stat().st_size) > MAX_BYTES:
            return f"image {path.name!r}: {size:,} bytes; the limit is {MAX_BYTES:,}"
        data, _ = _read(path)
    except OSError as error:
        return f"cannot read image {path.name!r}: {error.strerror}"
    return problem_with(data)


def _read(path: Path) -> tuple[bytes, str]:
    """An image's bytes and MIME type, read once per build (keyed by size and time)."""
    stat = path.stat()
    return _read_cached(path, stat.st_size, stat.st_mtime_ns)


@cache
def _read_cached(path: Path, size: int, mtime: int) -> tuple[bytes, str]:
    data = path.read_bytes()
    kind = kind_of(data)
    return data, TYPES[kind][1] if kind else ""
