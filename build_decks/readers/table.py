"""Spreadsheet exports: CSV and TSV files of questions, answers, terms and more.

The separator is sniffed (`,`, `;`, TAB, `|`), a header row is recognised in any language,
and each column's role comes from its content and name (columns.py). A `.csv` that starts
with Anki's `#separator:` headers is read as Anki reads it (anki_text.py).
"""

from __future__ import annotations

from pathlib import Path

from build_decks.model import Document
from build_decks.readers import anki_text
from build_decks.readers.text import read_text


def read(path: Path, text: str | None = None) -> Document:
    tab = path.suffix.lower() in (".tsv", ".tab")
    return anki_text.read_text_table(path, read_text(path) if text is None else text,
                                     default_separator="\t" if tab else ",")
