"""Reading a source file's text: any common encoding, any line ending.

Every reader gets its text from here, so every reader honours the same encodings:
- a byte-order mark says the encoding: UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE). Excel's
  "Unicode text" export is UTF-16LE with a BOM (and TABs between its columns);
- without a BOM, UTF-16 written without one is recognised by its zero bytes (see
  `_bomless_utf16`); other text is UTF-8, else Windows-1252 (legacy Windows files);
- a file that is none of these (a zero byte in UTF-8 text, a byte undefined in cp1252, a
  broken UTF-16 pair) is an error naming the file, the line and the byte;
- CRLF and lone CR line ends become LF.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from build_decks.errors import ContentError
from build_decks.reading import read_bytes

# Longest first: the UTF-32LE mark begins with the UTF-16LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# UTF-16 without a BOM: ASCII-range text has a zero in every other byte. In the first
# SNIFF_BYTES, at least ZERO_SHARE of the bytes at one parity (and none at the other) being zero
# is UTF-16 (a binary file has zeros at both); 0.3 leaves room for a document mostly in CJK.
SNIFF_BYTES = 4096
ZERO_SHARE = 0.3


def _bomless_utf16(data: bytes) -> str | None:
    head = data[:SNIFF_BYTES]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if odd >= ZERO_SHARE * pairs and even == 0:
        return "utf-16-le"
    if even >= ZERO_SHARE * pairs and odd == 0:
        return "utf-16-be"
    return None


def _line_at(text_before: str) -> int:
    return text_before.count("\n") + 1


def _decode_as(data: bytes, encoding: str, skip: int, path: Path) -> str:
    body = data[skip:]
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_at(body[:exc.start].decode(encoding, errors="replace"))
        raise ContentError(path, line, f"cannot decode as {encoding.upper()} (its byte-order "
                           f"mark says so): {exc.reason} at byte {skip + exc.start}") from exc


def decode(data: bytes, path: Path) -> str:
    """The text of a file's bytes (see the module's docstring); newlines become LF."""
    encoding = next(((name, len(bom)) for bom, name in BOMS if data.startswith(bom)), None)
    if encoding is None and (utf16 := _bomless_utf16(data)):
        encoding = (utf16, 0)
    text = _decode_as(data, *encoding, path) if encoding is not None else _legacy(data, path)
    if "\x00" in text:
        line = _line_at(text[:text.index("\x00")])
        raise ContentError(path, line, "not text: it holds a zero byte (a binary file, or text "
                           "in an encoding without a byte-order mark)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _legacy(data: bytes, path: Path) -> str:
    """UTF-8 without a BOM, else Windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            line = data[:utf8.start].count(b"\n") + 1
            raise ContentError(path, line, f"not text: byte {data[utf8.start]:#04x} is neither "
                               "UTF-8 nor Windows-1252 (save the file as UTF-8)") from exc


MAX_SOURCE_BYTES = 20_000_000  # a long question bank is 200 kB; 10,000 questions 6 MB


def read_text(path: Path) -> str:
    return decode(read_bytes(path, MAX_SOURCE_BYTES), path)
