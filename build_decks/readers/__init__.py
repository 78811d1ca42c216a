"""Source readers in a plain registry keyed by name.

Each reader module has the same contract:
    NAME: str                       the format name (`format: csv` in config overrides)
    SUFFIXES: tuple[str, ...]       the file name endings it reads by default
    read(path: Path) -> Document    entries with file:line, plus what was left out and why
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from build_decks.errors import ContentError
from build_decks.model import Document
from build_decks.readers import markdown, table

REGISTRY: dict[str, ModuleType] = {m.NAME: m for m in (markdown, table)}


def reader_for(path: Path) -> str | None:
    """The reader that takes this file by its name, or None (an image, a PDF, ...)."""
    suffix = path.suffix.lower()
    return next((name for name, m in REGISTRY.items() if suffix in m.SUFFIXES), None)


def read_source(path: Path, format_name: str | None = None) -> tuple[str, Document]:
    """Read one source with the configured reader, else the one its suffix names."""
    name = format_name or reader_for(path)
    if name not in REGISTRY:
        known = ", ".join(REGISTRY)
        raise ContentError(path, None, f"unknown format {name!r}; known: {known}"
                           if name else f"not a document this tool reads ({known})")
    return name, REGISTRY[name].read(path)
