"""Source readers in a plain registry keyed by name.

Each entry names a format (`format: csv` in config overrides the file's ending), the file
endings it reads by default, and its module, imported on first use: a build that imports
nothing never pays for the readers (the Markdown reader, its rules and the HTML parser take a
fifth of a second to import). A reader module has one function:
    read(path: Path, text: str | None = None) -> Document
        entries with file:line, plus what was left out and why (`text`: the file as
        detection already read it, so that it is read once)

A plain-text file (`.txt`, no suffix) is Markdown notes unless its text is an Anki or Quizlet
export (anki_text.detect: Anki header lines, or lines consistently split by one separator).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from build_decks.errors import ContentError
from build_decks.model import Document

PLAIN_SUFFIXES = (".txt", ".text", "")  # plain text: Markdown notes, or a table (detected)
# A source holds at most this many cards. The largest decks people share hold about 30,000
# notes; importing 40,000 rows takes about 7 s here and every output grows with the count,
# so past it a file is a data dump, not a deck. Reading stops at the limit: no hang.
MAX_CARDS_PER_SOURCE = 50_000
# A project holds at most MAX_CARDS_TOTAL: the outputs of 100,000 cards (12,500 pages of
# 8-up flashcards at about 24 pages a second, over eight minutes) are past any build one
# waits for.
MAX_CARDS_TOTAL = 100_000


@dataclass(frozen=True)
class Reader:
    name: str  # the format's name in config.yaml
    module: str
    suffixes: tuple[str, ...] = ()  # the endings it takes by default

    def read(self, path: Path, text: str | None = None) -> Document:
        module = import_module(self.module)
        return module.read(path) if text is None else module.read(path, text)


MARKDOWN, TABLE, ANKI, WORKBOOK = "markdown", "csv", "anki", "xlsx"
REGISTRY: dict[str, Reader] = {r.name: r for r in (
    Reader(MARKDOWN, "build_decks.readers.markdown",
           (".md", ".markdown", ".mdown", ".mkd", *PLAIN_SUFFIXES)),
    Reader(TABLE, "build_decks.readers.table", (".csv", ".tsv", ".tab")),
    Reader(ANKI, "build_decks.readers.anki_text"),  # a `.txt` by `detect`, or `format: anki`
    Reader(WORKBOOK, "build_decks.readers.workbook", (".xlsx", ".xlsm")),
)}


def reader_for(path: Path) -> str | None:
    """The reader that takes this file by its name, or None (an image, a PDF, ...)."""
    suffix = path.suffix.lower()
    return next((name for name, r in REGISTRY.items() if suffix in r.suffixes), None)


def _detected(path: Path, name: str | None) -> tuple[str | None, str | None]:
    """A plain-text file that is a table goes to the table reader: (reader, the text read to
    find that out, which goes to the reader, so a file is read and decoded once; or None)."""
    if name == MARKDOWN and path.suffix.lower() in PLAIN_SUFFIXES:
        from build_decks.readers import anki_text
        from build_decks.readers.text import read_text

        text = read_text(path)
        return (ANKI if anki_text.detect(text) else name), text
    return name, None


def read_source(path: Path, format_name: str | None = None) -> tuple[str, Document]:
    """Read one source with the configured reader, else the one its suffix (and, for plain
    text, its content) names."""
    name, text = (format_name, None) if format_name else _detected(path, reader_for(path))
    if name not in REGISTRY:
        known = ", ".join(REGISTRY)
        raise ContentError(path, None, f"unknown format {name!r}; known: {known}"
                           if name else f"not a document this tool reads ({known})")
    doc = REGISTRY[name].read(path, text)
    if len(doc.entries) > MAX_CARDS_PER_SOURCE:
        raise ContentError(path, doc.entries[MAX_CARDS_PER_SOURCE].line,
                           f"more than {MAX_CARDS_PER_SOURCE:,} cards: a source holds at most "
                           f"{MAX_CARDS_PER_SOURCE:,}; split it")
    return name, doc


def check_total(count: int, path: Path) -> None:
    """The project's cards so far, after reading `path`: an error past MAX_CARDS_TOTAL."""
    if count > MAX_CARDS_TOTAL:
        raise ContentError(path, None, f"the sources hold more than {MAX_CARDS_TOTAL:,} cards "
                           "in total with this one; split the project")
