"""Source readers, one module per document family, in a plain registry keyed by name.

Each reader module has the same contract:
    NAME: str                       the format name used in config (`format: blog`)
    detect(text: str) -> float      0.0 (not this family) .. 1.0 (certainly this family)
    read(path: Path) -> Document    entries with file:line, plus what was left out and why
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from build_decks.errors import ContentError
from build_decks.model import Document
from build_decks.readers import blog, details_md, heading_qa, outline, qa_text
from build_decks.readers.base import read_text

REGISTRY: dict[str, ModuleType] = {m.NAME: m for m in (qa_text, details_md, heading_qa, blog,
                                                        outline)}


def detect_format(path: Path) -> str:
    """The name of the reader that scores highest for this file."""
    text = read_text(path)
    scores = sorted(((m.detect(text), name) for name, m in REGISTRY.items()), reverse=True)
    best_score, best = scores[0]
    if best_score <= 0:
        raise ContentError(path, None, "no reader recognises this document; set `format:` "
                           f"in content/config.yaml to one of {', '.join(REGISTRY)}")
    return best


def read_source(path: Path, format_name: str | None = None) -> tuple[str, Document]:
    """Read one source with the configured or detected reader; returns (format, document)."""
    name = format_name or detect_format(path)
    if name not in REGISTRY:
        raise ContentError(path, None, f"unknown format {name!r}; known: {', '.join(REGISTRY)}")
    return name, REGISTRY[name].read(path)
