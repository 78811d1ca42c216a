"""Spreadsheet exports: CSV and TSV with question/answer or term/definition columns.

A header row names the columns (question, answer, term, definition, front, back, ...); with no
header, as in a Quizlet export, the first column is the front and the second the back. The
delimiter is sniffed, so a `.csv` with semicolons or tabs reads as well.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from build_decks.errors import ContentError
from build_decks.model import Document, Dropped, RawEntry
from build_decks.readers import shapes
from build_decks.readers.text import read_text

NAME = "csv"
SUFFIXES = (".csv", ".tsv", ".tab")
FRONTS = {"question": "qa", "questions": "qa", "q": "qa", "prompt": "qa", "front": "qa",
          "term": "term", "terms": "term", "word": "term", "concept": "term"}
BACKS = frozenset({"answer", "answers", "a", "definition", "definitions", "back", "meaning",
                   "explanation", "solution", "description"})


def read(path: Path) -> Document:
    text = read_text(path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() in (".tsv", ".tab") else csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise ContentError(path, reader.line_num, f"cannot read CSV: {exc}") from exc
    if not rows:
        raise ContentError(path, 1, "no rows")
    names = [" ".join(shapes.words(cell)) for cell in rows[0][1]]
    front = next((i for i, n in enumerate(names) if n in FRONTS), None)
    back = next((i for i, n in enumerate(names) if n in BACKS), None)
    kind = FRONTS[names[front]] if front is not None else None
    if front is None:  # no header: first column asks, second answers
        front, back = 0, 1 if len(rows[0][1]) > 1 else None
    else:
        rows = rows[1:]
    doc = Document(path, path.stem, [], text=text)
    for line, row in rows:
        question = row[front].strip() if front < len(row) else ""
        answer = row[back].strip() if back is not None and back < len(row) else ""
        if not question:
            doc.dropped.append(Dropped(line, "row without a question", ",".join(row)))
            continue
        row_kind = kind or ("qa" if shapes.is_question_like(question) or not answer else "term")
        doc.entries.append(RawEntry(row_kind, question, [(line, answer)] if answer else [],
                                    line, "markdown"))
    return doc
