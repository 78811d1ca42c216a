"""Reading a source file's text: any common encoding, any line ending."""

from __future__ import annotations

from pathlib import Path

from build_decks.errors import ContentError


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
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ContentError(path, None, f"too large ({size:,} bytes; a source may have "
                               f"{MAX_SOURCE_BYTES:,})")
        return decode(path.read_bytes(), path)
    except OSError as exc:
        raise ContentError(path, None, f"cannot read file: {exc.strerror}") from exc
