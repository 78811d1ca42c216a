"""Outlines: numbered sections (`## 2. Model Serving`) and subsections (`### 2.1 REST API`)
whose one-line descriptions are definitions, `Tools` lists, and `**Questions:**` lists of
practice questions without answers.

Subsections become `term` cards, question lists become `prompt` cards; both remember their
section so a prompt can show its section's terms as related cards. Subsections named with a
generic word (Tools, Challenges, ...) are qualified with their section's title; an Overview
is an instruction to the reader, not a definition, and is left out (and reported).
"""

from __future__ import annotations

import re
from pathlib import Path

from build_decks import boilerplate
from build_decks.model import Document, Dropped, RawEntry
from build_decks.readers.base import (
    HEADING,
    NUMBERED_ITEM,
    URL,
    numbered_lines,
    read_text,
    strip_markup,
    trim_blank,
)

NAME = "outline"

NUMBERED_HEADING = re.compile(r"^#{1,6}\s+\d+(?:\.\d+)+\.?\s+\S")
QUESTIONS_LABEL = re.compile(r"^\s*(?:\*\*|__)?\s*(?:practice |review |interview )?questions?"
                             r"\s*:?\s*(?:\*\*|__)?\s*:?\s*$", re.IGNORECASE)
SKIPPED_TITLES = {"overview", "introduction", "summary", "outline"}
QUALIFIED_TITLES = {"tools", "tooling", "resources", "challenges", "implementation", "examples"}


def detect(text: str) -> float:
    lines = text.splitlines()
    dotted = sum(1 for line in lines if NUMBERED_HEADING.match(line))
    labels = sum(1 for line in lines if QUESTIONS_LABEL.match(line))
    if dotted >= 3 and labels:
        return 0.95
    return 0.3 if dotted >= 3 else 0.0


def _title(heading_words: str) -> str:
    return strip_markup(re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", heading_words))


def read(path: Path) -> Document:
    lines = numbered_lines(read_text(path))
    doc = Document(path, "", [])
    section_title = ""
    skipping: str | None = None  # boilerplate section kind, or a reason to drop lines
    term: RawEntry | None = None
    in_questions = False
    prompt: RawEntry | None = None

    for number, text in lines:
        heading = HEADING.match(text)
        if heading:
            level, words = len(heading.group(1)), heading.group(2)
            term, prompt, in_questions = None, None, False
            # Below section level, "Resources" or "Summary" are outline content, not boilerplate.
            skipping = boilerplate.section_kind(words) if level <= 2 else None
            if skipping:
                doc.dropped.append(Dropped(number, f"{skipping} section", text))
            elif level == 1 and not doc.title:
                doc.title = strip_markup(words)
            elif level == 2:
                section_title = _title(words)
            elif _title(words).lower() in SKIPPED_TITLES:
                skipping = "generic outline heading"
                doc.dropped.append(Dropped(number, skipping, text))
            else:
                title = _title(words)
                if title.lower() in QUALIFIED_TITLES and section_title:
                    title = f"{title}: {section_title}"
                term = RawEntry("term", title, [], number, "markdown", section_title)
                doc.entries.append(term)
            continue
        if skipping == "references":
            doc.references += URL.findall(text)
            continue
        if skipping:
            if text.strip():
                doc.dropped.append(Dropped(number, skipping, text))
            continue
        if QUESTIONS_LABEL.match(text):
            term, in_questions = None, True
            continue
        if in_questions:
            item = NUMBERED_ITEM.match(text) or re.match(r"^(\s*)()[-*+]\s+(.*)$", text)
            if item:
                prompt = RawEntry("prompt", strip_markup(item.group(3)), [], number, "markdown",
                                  section_title)
                doc.entries.append(prompt)
            elif text.strip() and prompt is not None:
                prompt.front = f"{prompt.front} {strip_markup(text)}"
            continue
        if term is not None:
            term.back_lines.append((number, text))
        elif text.strip():
            doc.dropped.append(Dropped(number, "preamble", text))

    for entry in doc.entries:
        entry.back_lines = trim_blank(entry.back_lines)
    missing = [e for e in doc.entries if e.kind == "term" and not e.back_lines]
    for entry in missing:
        doc.dropped.append(Dropped(entry.line, "heading without a description", entry.front))
    doc.entries = [e for e in doc.entries if e not in missing]
    return doc
