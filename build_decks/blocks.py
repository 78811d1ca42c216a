"""Turn answer lines of each source layout into Markdown (see model.Layout).

Scraped text ("lines" layout) lost its markup: every paragraph and list item is one line. The
rules here restore lists from the shapes such text has: an intro line ending in a colon, runs
of `Label: text` lines, runs of short lines.
"""

from __future__ import annotations

import re

from build_decks.model import Layout
from build_decks.readers import shapes

LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
LABEL = re.compile(r"^(?P<label>[A-Z][\w/&()'’+ .-]{0,60}?)\s?:\s+(?P<rest>\S.*)$")
ENDS_LIST = re.compile(r"^(however|thus|overall|in summary|in short|by following|to sum up)\b",
                       re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
SHORT_WORDS = 10  # a line of a list scraped flat, not a sentence of prose


def to_markdown(lines: list[str], layout: Layout) -> str:
    if layout == "markdown":
        return "\n".join(lines).strip()
    groups = _groups(lines)
    if layout == "wrapped":
        return "\n\n".join(_unwrap(group) for group in groups).strip()
    return "\n\n".join(_line_blocks(groups)).strip()


def _groups(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _unwrap(group: list[str]) -> str:
    """Join hard-wrapped lines; list items keep a line of their own."""
    out: list[str] = []
    for line in group:
        text = line.strip()
        if out and not LIST_MARKER.match(line):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return "\n".join(out)


def label(line: str) -> re.Match[str] | None:
    match = LABEL.match(line.strip())
    if match and len(match["label"].split()) <= shapes.LABEL_WORDS and "," not in match["label"]:
        return match
    return None


def is_short(line: str) -> bool:
    text = line.strip()
    return len(text.split()) <= SHORT_WORDS and not re.search(r"[.:;!?,]$", text)


def _item(line: str) -> str:
    match = label(line)
    text = f"**{match['label']}:** {match['rest']}" if match else line.strip()
    return f"- {text}"


def _paragraph(line: str) -> str:
    """A lone line stays as written: a single `Word: text` line is as often prose as a label."""
    return line.strip()


def _sentences(line: str) -> int:
    return 1 + len(SENTENCE_BREAK.findall(line))


def _intro_items(group: list[str]) -> list[str]:
    """The lines after an intro line ending in ':' that read as its list items."""
    items: list[str] = []
    labelled = label(group[0]) is not None if group else False
    for line in group:
        if line.startswith("#") or ENDS_LIST.match(line.strip()):
            break
        if labelled and label(line) is None:
            break
        if (not labelled and items and _sentences(line) >= 2
                and all(_sentences(item) == 1 for item in items)):
            break
        items.append(line)
    return items


def _run(group: list[str], test) -> int:
    count = 0
    while count < len(group) and test(group[count]):
        count += 1
    return count


def _line_blocks(groups: list[list[str]]) -> list[str]:
    blocks: list[str] = []
    for index, group in enumerate(groups):
        i = 0
        while i < len(group):
            line = group[i]
            rest = group[i + 1:]
            if not rest and line.rstrip().endswith(":") and index + 1 < len(groups):
                # "... as follows:" then a blank line, then the items as one block of lines.
                following = groups[index + 1]
                if len(following) >= 2 and (items := _intro_items(following)):
                    blocks.append(_paragraph(line))
                    blocks.append("\n".join(_item(item) for item in items))
                    groups[index + 1] = following[len(items):]
                    break
            if line.rstrip().endswith(":") and rest and (items := _intro_items(rest)):
                blocks.append(_paragraph(line))
                blocks.append("\n".join(_item(item) for item in items))
                i += 1 + len(items)
                continue
            for test in (lambda x: label(x) is not None, is_short):
                run = _run(group[i:], test)
                if run >= 2:
                    blocks.append("\n".join(_item(item) for item in group[i:i + run]))
                    i += run
                    break
            else:
                blocks.append(_paragraph(line))
                i += 1
    return blocks
