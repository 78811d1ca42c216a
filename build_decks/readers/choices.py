"""Multiple-choice exports: a column of options and a column that holds the chosen one.

A spreadsheet exported from a quiz (an Anki multiple-choice note type, a test bank) gives each
row its question, its options as a list in one column and the correct option in another. Where
the back column holds a list in most rows and another column's value is one of that row's
options (columns.CONTENT_SHARE of the rows that have both), that column is the answer: the
options go with the question on the front, as a person answers from them, and the chosen
option is the back.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from build_decks.readers import columns

LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+(.*?)\s*$")  # a Markdown list item's line


def options(markdown: str) -> list[str]:
    """The items of a cell written as a list (`1. 3` / `2. 4`), else none."""
    return [match[1] for line in markdown.splitlines() if (match := LIST_ITEM.match(line))]


def chosen_column(rows: list[list[str]], back: int | None, candidates: list[int],
                  markdown: Callable[[list[str], int | None], str]) -> int | None:
    """The column whose value is one of the back column's options, row by row."""
    if back is None:
        return None
    listed = [(row, options(markdown(row, back))) for row in rows]
    listed = [(row, found) for row, found in listed if len(found) > 1]
    if not listed or len(listed) < columns.CONTENT_SHARE * len(rows):
        return None
    for index in candidates:
        pairs = [(markdown(row, index), found) for row, found in listed]
        pairs = [(value, found) for value, found in pairs if value]
        if pairs and sum(value in found for value, found in pairs) >= (
                columns.CONTENT_SHARE * len(pairs)):
            return index
    return None
