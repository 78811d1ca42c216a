"""Plain text with `Q:` / `A:` markers (also `Question:`/`Answer:`, bold, numbered, `Q1)`).

Continuation lines (often indented) belong to the marker above them; blank lines separate
paragraphs of a multi-paragraph answer. Text before the first question is the title/preamble.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_decks.model import Document, Dropped, RawEntry
from build_decks.readers.base import first_heading_title, numbered_lines, read_text, trim_blank

NAME = "qa-text"

_MARK = r"^\s*(?:\*\*|__)?\s*{word}\s*\d*\s*[:.)]\s*(?:\*\*|__)?\s*(.*)$"
QUESTION = re.compile(_MARK.format(word=r"(?:Q|Question)"), re.IGNORECASE)
ANSWER = re.compile(_MARK.format(word=r"(?:A|Ans|Answer)"), re.IGNORECASE)


def detect(text: str) -> float:
    lines = text.splitlines()
    questions = sum(1 for line in lines if QUESTION.match(line))
    answers = sum(1 for line in lines if ANSWER.match(line))
    if not questions or not answers:
        return 0.0
    return 0.9 if answers <= questions else 0.5


def read(path: Path) -> Document:
    lines = numbered_lines(read_text(path))
    entries: list[RawEntry] = []
    dropped: list[Dropped] = []
    preamble: list[tuple[int, str]] = []
    current: RawEntry | None = None
    target = "front"

    for number, text in lines:
        question, answer = QUESTION.match(text), ANSWER.match(text)
        if question:
            current = RawEntry("qa", question.group(1).strip(), [], number, "wrapped")
            entries.append(current)
            target = "front"
        elif answer and current is not None and target == "front":
            current.back_lines.append((number, answer.group(1)))
            target = "back"
        elif current is None:
            preamble.append((number, text))
        elif target == "front" and text.strip():
            current.front = f"{current.front} {text.strip()}"
        elif target == "back":
            current.back_lines.append((number, text))

    for entry in entries:
        entry.back_lines = trim_blank(entry.back_lines)
        if not entry.back_lines:
            entry.kind = "prompt"
    title = first_heading_title(preamble)
    dropped += [Dropped(n, "preamble", t) for n, t in preamble
                if t.strip() and title not in t]
    return Document(path, title, entries, dropped=dropped)
