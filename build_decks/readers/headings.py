"""Shared parsing for documents whose questions are Markdown headings.

Used by the `heading-qa` and `blog` readers. A document marks its questions in one style: with
`Q1:`-like markers when any heading has one (other headings, even ones ending in `?`, are then
sections such as "Why should you learn X?"), else by ending in `?`. Everything up to the next
question heading is the answer; other headings inside it become sub-headings; a boilerplate
heading (conclusion, licence, references, ...) ends the questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_decks import boilerplate
from build_decks.model import Document, Dropped, RawEntry
from build_decks.readers.base import (
    HEADING,
    URL,
    numbered_lines,
    read_text,
    strip_markup,
    trim_blank,
)

Q_MARKER = re.compile(r"^(?:\*\*)?\s*(?:Q(?:uestion)?\s*\d+|\d+)\s*[:.)]\s*(?:\*\*)?\s*(.+)$",
                      re.IGNORECASE)
Q_NAMED = re.compile(r"^(?:\*\*)?\s*Q(?:uestion)?\s*\d+\s*[:.)]", re.IGNORECASE)


@dataclass(frozen=True)
class HeadingStats:
    headings: int
    marked: int
    asked: int

    @property
    def questions(self) -> int:
        return self.marked or self.asked


def stats(text: str) -> HeadingStats:
    titles = [m.group(2) for m in map(HEADING.match, text.splitlines()) if m]
    marked = sum(1 for t in titles if Q_NAMED.match(t))
    asked = sum(1 for t in titles if t.rstrip().endswith("?"))
    return HeadingStats(len(titles), marked, asked)


def _question(title: str, marked_style: bool) -> str | None:
    if marked_style:
        marked = Q_MARKER.match(title) if Q_NAMED.match(title) else None
        return strip_markup(marked.group(1)) if marked else None
    return strip_markup(title) if title.rstrip().endswith("?") else None


def read_heading_questions(path: Path) -> Document:
    text = read_text(path)
    lines = numbered_lines(text)
    marked_style = stats(text).marked > 0
    doc = Document(path, "", [])
    current: RawEntry | None = None
    section: str | None = None
    title_line = 0

    for number, line in lines:
        heading = HEADING.match(line)
        if heading:
            question = _question(heading.group(2), marked_style)
            if question:
                current, section = RawEntry("qa", question, [], number, "lines"), None
                doc.entries.append(current)
                continue
            section = boilerplate.section_kind(heading.group(2))
            if section:
                current = None
                doc.dropped.append(Dropped(number, f"{section} section", line))
                continue
            if current is not None:
                current.back_lines.append((number, f"#### {strip_markup(heading.group(2))}"))
                continue
            if len(heading.group(1)) == 1 and not doc.title and not doc.entries:
                doc.title, title_line = strip_markup(heading.group(2)), number
                continue
        if section == "references":
            doc.references += URL.findall(line)
        elif current is not None and section is None:
            current.back_lines.append((number, line))
        elif line.strip() and number != title_line:
            doc.dropped.append(Dropped(number, f"{section or 'preamble'} section", line))

    for entry in doc.entries:
        entry.back_lines = trim_blank(entry.back_lines)
        if not entry.back_lines:
            entry.kind = "prompt"
    return doc
