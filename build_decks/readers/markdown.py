"""Markdown and plain-text documents: one parse, one question finder (see finder.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from build_decks.console import plural
from build_decks.errors import ContentError
from build_decks.model import Document
from build_decks.readers import PLAIN_SUFFIXES
from build_decks.readers.finder import Finder
from build_decks.readers.text import read_text


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a document is read. A parse makes an object
    per token, element and line, all alive until the read ends; each collection would walk
    them all again, so a long document would cost more than its length (measured: 10,000
    items took 6.5x the time of 2,000 with the collector on, 5x with it paused)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read(path: Path, text: str | None = None) -> Document:
    """`text`: the file's text where the caller has already read and decoded it."""
    text = read_text(path) if text is None else text
    with collector_paused():
        finder = Finder(text, plain=path.suffix.lower() in PLAIN_SUFFIXES)
        entries = finder.run()
    if not entries:
        raise ContentError(path, 1, "found no question, term or prompt in this document "
                           f"({plural(len(finder.dropped), 'passage')} left out; `import -v` "
                           "lists them)")
    return Document(path, finder.source.outline.title, entries,
                    list(dict.fromkeys(finder.references)), finder.dropped, text)
