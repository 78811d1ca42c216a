"""Obsidian_to_Anki notes (the plugin's syntax).

    START
    Basic                      <- the note type (any name: `BI-SZZ` is a custom one)
    The front, any lines       <- the first field
    Back: the back, any lines  <- a field line `Name:` starts the next field
    Tags: tag1 tag2            <- the note's tags
    <!--ID: 1709482501788-->   <- the note's id in Anki: metadata
    END

and `STARTI [Basic] front Back: back ENDI` on one line, alone or as a list item or a quote
(rule `inline-note-in-list`: the plugin finds an inline note anywhere on a line, and people
write them as a list, `1. STARTI ... ENDI`; the marker is the list's, not the note's; an
`<!--ID: ...-->` the plugin wrote into it is metadata). `TARGET DECK` and `FILE TAGS` lines
(the value after the colon or on the next line) are metadata; the file's tags go on every
note. A note whose first field holds cloze deletions is a cloze card.
"""

from __future__ import annotations

import re

from build_decks import cloze
from build_decks.readers.answers import STRONG, Question, Reach, front_text

START, END, INLINE_START, INLINE_END = "START", "END", "STARTI", "ENDI"
FIELD = re.compile(r"^(?P<name>[A-Z][\w ]{0,30}):(?:\s+(?P<rest>.*))?$")  # `Back:`, `Extra: x`
TAGS_FIELD = "Tags"
# The field that starts the back, by the names of Anki's built-in note types (Basic: Front,
# Back; Cloze: Text, Back Extra); the rest of the note is the back, labels and all.
BACK_FIELDS = frozenset({"Back", "Back Extra", "Extra", "Answer"})
FILE_KEYS = ("TARGET DECK", "FILE TAGS")
ID_COMMENT = "<!--ID:"
INLINE_NOTE = re.compile(r"^STARTI\s+\[(?P<type>[^\]]*)\]\s*(?P<body>.*?)\s*ENDI$")
# What may stand before an inline note on its line (rule `inline-note-in-list`): a list
# item's marker (`-`, `*`, `+`, `1.`, `1)`) or a quote's `>`, nothing else.
INLINE_LEAD = re.compile(r"^(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?")
ID_IN_NOTE = re.compile(r"\s*<!--ID:\s*\d+\s*-->")
RULE = "obsidian-to-anki"


def detect(source, skip: set[int], claims, _tags) -> None:
    lines = source.lines
    file_tags = _file_keys(lines, skip, claims)
    number = 0
    while number < len(lines):
        text = lines[number].strip()
        inline = text[INLINE_LEAD.match(text).end():]
        if number not in skip and inline.startswith(INLINE_START) and text.endswith(INLINE_END):
            _inline(inline, number, claims, file_tags)
        elif number not in skip and text == START:
            end = next((n for n in range(number + 1, len(lines)) if lines[n].strip() == END
                        or lines[n].strip() == START), None)
            if end is not None and lines[end].strip() == END:
                _note(lines, number, end, claims, file_tags)
                number = end
        number += 1


def _file_keys(lines: list[str], skip: set[int], claims) -> list[str]:
    tags: list[str] = []
    for number, line in enumerate(lines):
        key = next((k for k in FILE_KEYS if line.strip().startswith(k)), None)
        if key is None or number in skip:
            continue
        value = line.strip()[len(key):].lstrip(":").strip()
        claims.metadata(number, line)
        if not value and number + 1 < len(lines) and lines[number + 1].strip():
            value = lines[number + 1].strip()
            claims.metadata(number + 1, lines[number + 1])
        if key == "FILE TAGS":
            tags += value.split()
    return tags


def _note(lines: list[str], start: int, end: int, claims, file_tags: list[str]) -> None:
    body = list(range(start + 1, end))
    while body and not lines[body[0]].strip():
        body.pop(0)
    if not body:
        return
    body = body[1:]  # the note type
    fields: list[tuple[str, list[int]]] = [("", [])]
    tags = list(file_tags)
    for number in body:
        text = lines[number].strip()
        match = FIELD.match(text)
        if text.startswith(ID_COMMENT):
            continue
        if match and match["name"] == TAGS_FIELD:
            tags += (match["rest"] or "").split()
        elif match and match["name"] in BACK_FIELDS and len(fields) == 1 and fields[0][1]:
            fields.append((match["name"], [number] if match["rest"] else []))
        else:
            fields[-1][1].append(number)
    front_lines = _trimmed(lines, fields[0][1])
    if not front_lines:
        return
    front = "\n".join(front_text(lines[n]) if lines[n].strip() else "" for n in front_lines)
    kind = "cloze" if cloze.has_deletion(front) else "qa"
    question = Question(front, front_lines[0], STRONG, RULE, "", kind, reach=Reach.COMPLETE,
                        tags=list(dict.fromkeys(tags)))
    for name, numbers in fields[1:]:
        answer = [(n, _field_text(lines[n], name)) for n in _trimmed(lines, numbers)]
        question.add(answer)
    claims.card(question, start, end + 1)


def _field_text(line: str, name: str) -> str:
    """A field's line, its `Name:` label taken off where the value follows on the line."""
    match = FIELD.match(line.strip())
    return (match["rest"] or "") if match and match["name"] == name else line


def _trimmed(lines: list[str], numbers: list[int]) -> list[int]:
    while numbers and not lines[numbers[0]].strip():
        numbers = numbers[1:]
    while numbers and not lines[numbers[-1]].strip():
        numbers = numbers[:-1]
    return numbers


def _inline(note: str, number: int, claims, file_tags: list[str]) -> None:
    """`note`: the line from its `STARTI` on."""
    match = INLINE_NOTE.match(note)
    if match is None:
        return
    front, _, back = ID_IN_NOTE.sub("", match["body"]).partition(" Back:")
    if not front.strip():
        return
    kind = "cloze" if cloze.has_deletion(front) else "qa"
    question = Question(front_text(front.strip()), number, STRONG, RULE, "", kind,
                        reach=Reach.COMPLETE, tags=list(file_tags))
    if back.strip():
        question.add([(number, back.strip())])
    claims.card(question, number, number + 1)
