"""Markdown and plain-text documents: one parse, one question finder (see finder.py)."""

from __future__ import annotations

from pathlib import Path

from build_decks.console import plural
from build_decks.errors import ContentError
from build_decks.model import Document
from build_decks.readers.finder import Finder
from build_decks.readers.text import read_text

NAME = "markdown"
SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", "")
PLAIN_SUFFIXES = (".txt", ".text", "")


def read(path: Path) -> Document:
    text = read_text(path)
    finder = Finder(text, plain=path.suffix.lower() in PLAIN_SUFFIXES)
    entries = finder.run()
    if not entries:
        raise ContentError(path, 1, "found no question, term or prompt in this document "
                           f"({plural(len(finder.dropped), 'passage')} left out; `import -v` "
                           "lists them)")
    return Document(path, finder.style.title, entries,
                    list(dict.fromkeys(finder.references)), finder.dropped, text)
