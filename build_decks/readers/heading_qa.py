"""Lists of `## Q1: question` headings, each followed by its answer (and often `Source: x`)."""

from __future__ import annotations

from pathlib import Path

from build_decks.model import Document
from build_decks.readers.headings import read_heading_questions, stats

NAME = "heading-qa"


def detect(text: str) -> float:
    found = stats(text)
    if found.marked < 2:
        return 0.0
    return 0.85 if found.marked >= 0.8 * found.headings else 0.4


def read(path: Path) -> Document:
    return read_heading_questions(path)
