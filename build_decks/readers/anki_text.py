"""Anki's "Notes in Plain Text" files and Quizlet exports: rows of fields, one note a row.

Anki writes (and reads) header lines at the top of the file, `#key:value`:
`#separator:` (tab, semicolon, comma, pipe, colon, space, or the character itself),
`#html:true|false`, `#columns:` (field names, split by the separator), `#tags:` (tags for
every note), `#deck:` / `#notetype:` (for every note), `#tags column:N`, `#deck column:N`,
`#notetype column:N`, `#guid column:N` (1-based), `#if matches:`. A first line `tags:…` is
the older form of `#tags:`. Any other `#` line there, and later a line that starts with `#`
outside a quoted field, is a comment, as in Anki.

Without headers (older exports, hand-written files, Quizlet's "term TAB definition"), a
`.txt` is still read as a table when its lines are consistently split by one separator:
see `detect`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from build_decks.model import Document, Dropped
from build_decks.readers import tabular
from build_decks.readers.text import read_text

SEPARATORS = {"tab": "\t", "semicolon": ";", "comma": ",", "pipe": "|", "colon": ":",
              "space": " "}
COLUMN_HEADERS = {"tags column": "tags", "deck column": "deck", "notetype column": "notetype",
                  "guid column": "guid"}
KNOWN_HEADERS = frozenset({"separator", "html", "columns", "tags", "deck", "notetype",
                           "if matches", *COLUMN_HEADERS})
_HEADER = re.compile(r"^#([^:\n]+):(.*)$")


@dataclass
class Headers:
    separator: str | None = None
    html: bool | None = None
    columns: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    deck: str = ""
    fixed: dict[int, str] = field(default_factory=dict)  # 0-based column -> role
    lines: int = 0  # how many lines the header block takes
    known: int = 0  # how many of them are Anki header keys

    def named(self) -> bool:
        return self.known > 0


def _separator(value: str) -> str | None:
    if value in SEPARATORS.values():
        return value
    return SEPARATORS.get(value.strip().lower())


def parse_headers(text: str) -> Headers:
    """The header block at the top of the file (nothing when there is none)."""
    found = Headers()
    lines = text.split("\n")
    if lines and lines[0].startswith("tags:"):
        found.tags, found.lines = lines[0][5:].split(), 1
    for line in lines[found.lines:]:
        if not line.startswith("#"):
            break
        found.lines += 1
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match[1].strip().lower(), match[2]
        found.known += key in KNOWN_HEADERS
        if key == "separator":
            found.separator = _separator(value) or found.separator
        elif key == "html" and value.strip().lower() in ("true", "false"):
            found.html = value.strip().lower() == "true"
        elif key == "tags":
            found.tags = value.split()
        elif key == "deck":
            found.deck = value.strip()
        elif key in COLUMN_HEADERS and value.strip().isascii() and value.strip().isdigit() \
                and int(value) > 0:
            found.fixed[int(value) - 1] = COLUMN_HEADERS[key]
        elif key == "columns":
            found.columns = [value]  # split once the separator is known
    if found.columns:
        found.columns = next(csv.reader([found.columns[0]],
                                        delimiter=found.separator or "\t"), [])
    return found


def detect(text: str) -> bool:
    """Whether a plain-text file is an Anki or Quizlet export rather than prose notes.

    Rule `anki-headers`: its first line is an Anki header (`#separator:tab`, `#html:true`,
    ...; keys are Anki's own, so a Markdown heading or an Obsidian `#tag` line is not one).
    Rule `consistent-separator`: its lines are split by one separator (tabular.sniff).
    """
    headers = parse_headers(text)
    if headers.named():
        return True
    body = "\n".join(text.split("\n")[headers.lines:])  # `#` lines at the top are comments
    return tabular.sniff(body[:tabular.SNIFF_CHARS]) is not None


def read(path: Path, text: str | None = None) -> Document:
    """`text`: the file's text when it was already read (by detection)."""
    return read_text_table(path, read_text(path) if text is None else text)


def read_text_table(path: Path, text: str, default_separator: str = "\t") -> Document:
    """A table file, Anki headers honoured when it has them (`default_separator` when
    neither a header nor the rows say which)."""
    headers = parse_headers(text)
    body = "\n" * headers.lines + "\n".join(text.split("\n")[headers.lines:])
    if headers.named() or headers.lines:
        body = _without_comments(body)
    doc = tabular.read_table(path, text, body, tabular.Options(
        separator=headers.separator, html=headers.html, names=headers.columns,
        fixed=headers.fixed, tags=headers.tags, section=headers.deck,
        anki=headers.named(), default_separator=default_separator))
    if headers.lines:
        lines = text.split("\n")[:headers.lines]
        doc.dropped.insert(0, Dropped(1, tabular.FILE_HEADERS, " ".join(lines)[:200],
                                      headers.lines, boilerplate=True))
    return doc


def _without_comments(body: str) -> str:
    """Lines starting with `#` outside a quoted field become blank (Anki's comments);
    blank, so every other line keeps its number."""
    lines, inside = [], False
    for line in body.split("\n"):
        if not inside and line.startswith("#"):
            lines.append("")
            continue
        lines.append(line)
        inside ^= line.count('"') % 2 == 1
    return "\n".join(lines)

