"""Reading a source file's text: any common encoding, any line ending."""

from __future__ import annotations

from pathlib import Path

from build_decks.errors import ContentError
from build_decks.reading import read_bytes


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (BOM or not), falling back to cp1252 for legacy files; newlines become LF."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            line = data[:utf8.start].count(b"\n") + 1
            raise ContentError(path, line, f"not text: byte {data[utf8.start]:#04x} is neither "
                               "UTF-8 nor Windows-1252") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


MAX_SOURCE_BYTES = 20_000_000  # a long question bank is 200 kB; 10,000 questions 6 MB


def read_text(path: Path) -> str:
    return decode(read_bytes(path, MAX_SOURCE_BYTES), path)
