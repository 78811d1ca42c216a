"""Markdown lists of questions whose answers sit in `<details><summary>` blocks.

A question is a numbered or bulleted item (or a heading) whose text is bold or ends in `?`.
Its answer is the body of the next `<details>` block before the following question; an empty
or missing block makes a prompt. Template, contributing and similar sections are skipped, a
references section becomes the deck's references.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_decks import boilerplate
from build_decks.model import Document, Dropped, RawEntry
from build_decks.readers.base import (
    HEADING,
    URL,
    dedent_block,
    first_heading_title,
    numbered_lines,
    read_text,
    strip_markup,
    trim_blank,
)

NAME = "details-md"

DETAILS_OPEN = re.compile(r"<details\b[^>]*>", re.IGNORECASE)
DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
SUMMARY = re.compile(r"<summary\b[^>]*>.*?</summary\s*>", re.IGNORECASE | re.DOTALL)
ITEM = re.compile(r"^\s{0,3}(?:\d+[.)]|[-*+])\s+(.*)$")


def detect(text: str) -> float:
    opened = len(DETAILS_OPEN.findall(text))
    summaries = len(re.findall(r"<summary\b", text, re.IGNORECASE))
    return 0.95 if opened and summaries else 0.0


def _question_text(line: str) -> str | None:
    heading = HEADING.match(line)
    match = heading.group(2) if heading and len(heading.group(1)) >= 2 else None
    if match is None:
        item = ITEM.match(line)
        match = item.group(1) if item else None
    if match is None:
        return None
    bold = re.fullmatch(r"\s*(\*\*|__)(.+?)\1\s*[:?]?\s*", match)
    if bold or match.rstrip().endswith("?"):
        return strip_markup(match)
    return None


def read(path: Path) -> Document:
    lines = numbered_lines(read_text(path))
    doc = Document(path, first_heading_title(lines), [])
    current: RawEntry | None = None
    section: str | None = None  # kind of the boilerplate section we are in, if any
    in_details = False

    for number, text in lines:
        heading = HEADING.match(text)
        if heading and not in_details:
            section = boilerplate.section_kind(heading.group(2))
            if section:
                current = None
                doc.dropped.append(Dropped(number, f"{section} section", text))
                continue
        if section == "references":
            doc.references += URL.findall(text)
            continue
        if section:
            if text.strip():
                doc.dropped.append(Dropped(number, f"{section} section", text))
            continue
        if in_details:
            if DETAILS_CLOSE.search(text):
                in_details = False
                before = DETAILS_CLOSE.split(text)[0]
                if before.strip() and current:
                    current.back_lines.append((number, before))
            elif current is not None:
                current.back_lines.append((number, SUMMARY.sub("", text)))
            continue
        if DETAILS_OPEN.search(text):
            rest = SUMMARY.sub("", DETAILS_OPEN.split(text, maxsplit=1)[1])
            in_details = not DETAILS_CLOSE.search(rest)
            if current is None:
                doc.dropped.append(Dropped(number, "answer block without a question", text))
            elif rest.strip() and in_details:
                current.back_lines.append((number, rest))
            continue
        question = _question_text(text)
        if question:
            current = RawEntry("qa", question, [], number, "markdown")
            doc.entries.append(current)
        elif current is None and text.strip() and not heading and "<h" not in text:
            doc.dropped.append(Dropped(number, "preamble", text))

    for entry in doc.entries:
        entry.back_lines = trim_blank(dedent_block(entry.back_lines))
        if not entry.back_lines:
            entry.kind = "prompt"
    return doc
