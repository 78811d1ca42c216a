"""Images: the media folder (`content/media/`) every output reads them from.

A card refers to an image by its bare file name in the media folder, as Anki does
(`![F1 curve](f1-curve-3fa2c1d07b.png)`). The import copies each local image of a source
there under a name made from its own name and a hash of its bytes, so two different
`diagram.png` never collide and the same image used twice is stored once. Remote images are
never fetched, by any stage: they show as a link with their alt text.

An image is checked before any output uses it: a regular file inside the media folder, no
larger than MAX_BYTES, and really an image of a kind every output shows (PNG, JPEG, GIF,
WebP, decoded whole by Pillow with a pixel limit; SVG, checked by svg.py). The checks are
remembered by content digest, a bounded number of them, and a file is read again whenever
its inode, size or times change, so `watch` shows a replaced image at once and keeps no old
bytes.
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from anyascii import anyascii

from build_decks import reading, svg
from build_decks.errors import ContentError

FOLDER = "media"
MAX_BYTES = 5_000_000
MAX_PIXELS = 40_000_000
TYPES = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"),
         "GIF": ("gif", "image/gif"), "WEBP": ("webp", "image/webp"),
         "SVG": ("svg", "image/svg+xml")}
REMOTE_SCHEMES = frozenset({"http", "https", "ftp"})
MAX_REMEMBERED = 512  # image checks a warm process (`watch`) keeps, by content digest


def is_remote(src: str) -> bool:
    """An address on the web (never fetched) rather than a file."""
    parts = urlsplit(src.strip())
    return parts.scheme.lower() in REMOTE_SCHEMES or src.strip().startswith("//")


def is_embedded(src: str) -> bool:
    return src.strip().lower().startswith("data:")


@dataclass(frozen=True)
class Checked:
    """What an image's bytes are: their digest, their kind (a TYPES key), or why they cannot
    be shown."""

    digest: str
    kind: str | None
    problem: str | None = None


_CHECKED: OrderedDict[str, Checked] = OrderedDict()  # digest -> check, most recent last


def check(data: bytes) -> Checked:
    """The bytes checked as an image every output can show (remembered by their digest)."""
    digest = hashlib.sha256(data).hexdigest()
    if (known := _CHECKED.get(digest)) is not None:
        _CHECKED.move_to_end(digest)
        return known
    if len(data) > MAX_BYTES:
        found = Checked(digest, None, f"{len(data):,} bytes; the limit for an image is "
                                      f"{MAX_BYTES:,}")
    elif data.lstrip()[:1] == b"<":
        problem = svg.problem(data)
        found = Checked(digest, None if problem else "SVG",
                        NOT_SHOWN if problem == svg.NOT_SVG else problem)
    else:
        found = _raster(digest, data)
    _CHECKED[digest] = found
    if len(_CHECKED) > MAX_REMEMBERED:
        _CHECKED.popitem(last=False)
    return found


def _raster(digest: str, data: bytes) -> Checked:
    """A PNG, JPEG, GIF or WebP that Pillow decodes whole: a bad checksum or cut-off data is
    found here, not in the middle of an output."""
    from PIL import Image  # WeasyPrint's image library

    kind = "an"
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            if kind not in TYPES or kind == "SVG":
                return Checked(digest, None, NOT_SHOWN)
            if image.width * image.height > MAX_PIXELS:
                return Checked(digest, None, f"{image.width}x{image.height} pixels; the limit "
                                             f"is {MAX_PIXELS // 1_000_000} megapixels")
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Image.UnidentifiedImageError:  # Pillow also says so of a PNG with a bad checksum
        signed = next((name for name, magic in SIGNATURES.items() if data.startswith(magic)
                       and (name != "WEBP" or data[8:12] == b"WEBP")), None)
        return Checked(digest, None, f"a broken {signed} image (it cannot be decoded)"
                       if signed else NOT_SHOWN)
    except Image.DecompressionBombError:
        return Checked(digest, None, f"more than {MAX_PIXELS // 1_000_000} megapixels")
    except Exception as error:  # Pillow raises SyntaxError, OSError, zlib and struct errors..
        why = " ".join(str(error).split())[:80] or type(error).__name__
        return Checked(digest, None, f"a broken {kind} image ({why})")
    return Checked(digest, kind)


SIGNATURES = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff", "GIF": b"GIF8",
              "WEBP": b"RIFF"}  # the first bytes of each kind (WebP: RIFF, then WEBP at 8)
NOT_SHOWN = "not an image every output can show (PNG, JPEG, GIF, WebP or SVG)"


def problem_with(data: bytes) -> str | None:
    """Why these bytes cannot be an image in the outputs, or None."""
    return check(data).problem


def stored_name(original: str, data: bytes) -> str:
    """`images/Fig 1.PNG` -> `fig-1-3fa2c1d07b.png`: readable, and unique to these bytes."""
    stem = "-".join("".join(c if c.isalnum() else " " for c in anyascii(Path(original).stem)
                            .lower()).split())[:40].strip("-") or "image"
    extension = TYPES[check(data).kind or "PNG"][0]
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
        found = self._checked(path)
        if isinstance(found, str):
            return found
        return f"image {name!r}: {found.problem}" if found.problem else None

    def _checked(self, path: Path) -> Checked | str:
        """The file's check, or why it cannot be read; remembered while its inode, size and
        times stay the same (a file replaced under the same name is checked again)."""
        try:
            if path.is_symlink() or not path.is_file():
                return f"image {path.name!r} is not in {self.path}"
            info = path.stat()
        except OSError as error:
            return f"cannot read image {path.name!r}: {error.strerror}"
        key = (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns,
               info.st_ctime_ns)
        if (digest := _DIGESTS.get(key)) is not None and digest in _CHECKED:
            return check_known(digest)
        loaded = self._read(path)
        if isinstance(loaded, str):
            return loaded
        found = loaded[1]
        _DIGESTS[key] = found.digest
        if len(_DIGESTS) > MAX_REMEMBERED:
            _DIGESTS.popitem(last=False)
        return found

    def _read(self, path: Path) -> tuple[bytes, Checked] | str:
        """One read of the file (never through a link: the open refuses one) and the check
        of exactly those bytes."""
        try:
            data = reading.read_bytes(path, MAX_BYTES, follow=False)
        except ContentError as error:
            return f"image {path.name!r}: {error.message}"
        return data, check(data)

    def load(self, name: str) -> tuple[bytes, Checked] | None:
        """The bytes of a shown image and their check, from one read: every output (the
        package, the pack, the PDFs) uses the bytes that were checked, so an image saved
        again meanwhile (under `watch`) never reaches one unchecked. None when it cannot be
        shown."""
        path = self.file(name)
        if path is None or self.problem(name):
            return None
        loaded = self._read(path)
        if isinstance(loaded, str) or loaded[1].problem or not loaded[1].kind:
            return None
        return loaded

    def digest(self, name: str) -> str:
        """The content digest of a shown image ("" for one that cannot be shown)."""
        path = self.file(name)
        found = self._checked(path) if path is not None else ""
        return found.digest if isinstance(found, Checked) and found.kind else ""

    def data_uri(self, name: str) -> str | None:
        if (loaded := self.load(name)) is None:
            return None
        data, found = loaded
        return f"data:{mime_of(found)};base64,{base64.b64encode(data).decode()}"

    def file_url(self, name: str) -> str:
        """A file URL that names the bytes too, so that a reader caching by URL (WeasyPrint)
        sees a replaced image as a new one."""
        return f"{(self.path / name).resolve().as_uri()}?v={self.digest(name)[:16]}"


_DIGESTS: OrderedDict[tuple, str] = OrderedDict()  # (path, inode, size, times) -> digest


def mime_of(found: Checked) -> str:
    return TYPES[found.kind][1] if found.kind else ""


def check_known(digest: str) -> Checked:
    _CHECKED.move_to_end(digest)
    return _CHECKED[digest]
