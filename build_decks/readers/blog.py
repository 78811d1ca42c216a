"""Blog posts: a table of contents, an intro with ads, `### Q1.` or `### What is X?` questions,
figure captions and sub-headings inside answers, a conclusion after the last answer.

Structure is parsed like heading lists (see readers.headings); the blog's extra noise (the
table of contents, the intro, captions, ads, a conclusion glued to the last answer) is
removed by the section rules there and by normalize's line rules.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_decks import boilerplate
from build_decks.model import Document
from build_decks.readers.base import HEADING
from build_decks.readers.headings import read_heading_questions, stats

NAME = "blog"


def detect(text: str) -> float:
    found = stats(text)
    if found.questions < 2:
        return 0.0
    has_toc = any(
        boilerplate.section_kind(m.group(2)) == "toc"
        for m in map(HEADING.match, text.splitlines()) if m
    )
    prose_before = re.split(r"^#{1,6} .*\?\s*$", text, maxsplit=1, flags=re.MULTILINE)[0]
    if has_toc or found.questions < 0.8 * found.headings or len(prose_before) > 500:
        return 0.9
    return 0.5


def read(path: Path) -> Document:
    return read_heading_questions(path)
