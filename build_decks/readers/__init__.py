"""Source readers in a plain registry keyed by name.

Each reader module has the same contract:
    NAME: str                       the format name (`format: csv` in config overrides)
    SUFFIXES: tuple[str, ...]       the file name endings it reads by default
    read(path: Path) -> Document    entries with file:line, plus what was left out and why
                                    (the Markdown and tabular readers also take `text`: the
                                    file as detection already read it, so it is read once)

A plain-text file (`.txt`, no suffix) is Markdown notes unless its text is an Anki or Quizlet
export (anki_text.detect: Anki header lines, or lines consistently split by one separator).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from build_decks.errors import ContentError
from build_decks.model import Document
from build_decks.readers import anki_text, markdown, table
from build_decks.readers.tabular import MAX_CARDS_PER_SOURCE
from build_decks.readers.text import read_text

REGISTRY: dict[str, ModuleType] = {m.NAME: m for m in (markdown, table, anki_text)}
# A source holds at most MAX_CARDS_PER_SOURCE cards (tabular.py says why), whatever its
# reader, and a project MAX_CARDS_TOTAL: the outputs of 100,000 cards (12,500 pages of 8-up
# flashcards at about 24 pages a second, over eight minutes) are past any build one waits for.
MAX_CARDS_TOTAL = 100_000


def reader_for(path: Path) -> str | None:
    """The reader that takes this file by its name, or None (an image, a PDF, ...)."""
    suffix = path.suffix.lower()
    return next((name for name, m in REGISTRY.items() if suffix in m.SUFFIXES), None)


def _detected(path: Path, name: str | None) -> tuple[str | None, str | None]:
    """A plain-text file that is a table goes to the table reader: (reader, the text read to
    find that out, which goes to the reader, so a file is read and decoded once; or None)."""
    if name == markdown.NAME and path.suffix.lower() in markdown.PLAIN_SUFFIXES:
        text = read_text(path)
        return (anki_text.NAME if anki_text.detect(text) else name), text
    return name, None


def read_source(path: Path, format_name: str | None = None) -> tuple[str, Document]:
    """Read one source with the configured reader, else the one its suffix (and, for plain
    text, its content) names."""
    name, text = (format_name, None) if format_name else _detected(path, reader_for(path))
    if name not in REGISTRY:
        known = ", ".join(REGISTRY)
        raise ContentError(path, None, f"unknown format {name!r}; known: {known}"
                           if name else f"not a document this tool reads ({known})")
    doc = REGISTRY[name].read(path) if text is None else REGISTRY[name].read(path, text)
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
