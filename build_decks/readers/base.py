"""Helpers every reader shares: decoding, line clean-up, heading and list patterns."""

from __future__ import annotations

import re
from pathlib import Path

from build_decks.errors import ContentError

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
NUMBERED_ITEM = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
URL = re.compile(r"https?://[^\s<>()\[\]\\]+")


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (BOM or not), falling back to cp1252 for legacy files; newlines become LF."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ContentError(path, None, f"cannot decode file: {exc}") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    try:
        return decode(path.read_bytes(), path)
    except OSError as exc:
        raise ContentError(path, None, f"cannot read file: {exc.strerror}") from exc


def numbered_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line number, line) with tabs expanded and trailing blanks removed."""
    return [(i, line.expandtabs(4).rstrip()) for i, line in enumerate(text.split("\n"), 1)]


def strip_markup(text: str) -> str:
    """Plain words of a one-line fragment: no HTML tags, emphasis markers or extra spaces."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return " ".join(text.split())


def first_heading_title(lines: list[tuple[int, str]]) -> str:
    """The first Markdown or HTML heading (or first text line) of a document, as plain text."""
    for _, line in lines:
        html = re.match(r"^\s*<h[1-3][^>]*>(.*?)</h[1-3]>", line, re.IGNORECASE)
        if html:
            return strip_markup(html.group(1))
        heading = HEADING.match(line)
        if heading:
            return strip_markup(heading.group(2))
        words = line.strip(" =-*#")
        if words:
            return strip_markup(words)
    return ""


def dedent_block(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Remove the indentation common to all non-blank lines."""
    indents = [len(t) - len(t.lstrip()) for _, t in lines if t.strip()]
    cut = min(indents, default=0)
    return [(n, t[cut:]) for n, t in lines]


def trim_blank(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop blank lines at both ends."""
    start, end = 0, len(lines)
    while start < end and not lines[start][1].strip():
        start += 1
    while end > start and not lines[end - 1][1].strip():
        end -= 1
    return lines[start:end]
