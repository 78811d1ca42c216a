"""Markdown and plain-text documents: one parse, one question finder (see finder.py)."""

from __future__ import annotations

from pathlib import Path

from build_decks.collector import collector_paused
from build_decks.console import plural
from build_decks.model import Document, NothingFound
from build_decks.readers import PLAIN_SUFFIXES
from build_decks.readers.finder import Finder
from build_decks.readers.text import read_text


def read(path: Path, text: str | None = None) -> Document:
    """`text`: the file's text where the caller has already read and decoded it."""
    text = read_text(path) if text is None else text
    with collector_paused():
        finder = Finder(text, plain=path.suffix.lower() in PLAIN_SUFFIXES)
        entries = finder.run()
    if not entries:
        raise NothingFound(path, 1, "found no question, term or prompt in this document "
                           f"({plural(len(finder.dropped), 'passage')} left out; `import -v` "
                           "lists them)", finder.dropped)
    return Document(path, finder.source.outline.title, entries,
                    list(dict.fromkeys(finder.references)), finder.dropped, text)
