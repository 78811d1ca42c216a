"""Spreadsheets (`.xlsx`, `.xlsm`: Excel, LibreOffice, a Google Sheets download).

Each visible sheet's rows are a table read as a CSV file's are (tabular.py: a header row in
any language, column roles from their content and names, placeholders, tags), each row at
its row number. In a workbook of several sheets, each sheet's name is the section of its
cards, and a sheet that holds no cards (a chart's data, a list of numbers) is reported, not
an error. Cells are read as the spreadsheet last saved them: a formula's value, never its
text, and macros are never run. The workbook is read by openpyxl, its XML through defusedxml.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl

from build_decks.errors import ContentError
from build_decks.model import Document, Dropped
from build_decks.readers import tabular
from build_decks.readers.text import MAX_SOURCE_BYTES
from build_decks.reading import read_bytes

MAX_UNPACKED_BYTES = 200_000_000  # the workbook's parts unpacked (a zip archive): 50,000 rows of
# questions take about 30 MB; more is a zip bomb, refused before anything is unpacked
MAX_COLUMNS = 64  # a card table has a handful of columns; the rest of a wide sheet is reported
SEPARATOR = "\t"  # how a row is shown in the import's report (and its text)


def read(path: Path) -> Document:
    book = _opened(path, read_bytes(path, MAX_SOURCE_BYTES))
    try:  # a read-only workbook parses each sheet's XML as its rows are asked for
        return _read_sheets(path, [s for s in book.worksheets if s.sheet_state == "visible"])
    except ContentError:
        raise
    except Exception as exc:  # openpyxl raises what its parsers meet: KeyError, ValueError, ...
        raise _unreadable(path, exc) from exc
    finally:
        book.close()


def _read_sheets(path: Path, sheets: list) -> Document:
    several = len(sheets) > 1
    docs: list[Document] = []
    failed: list[tuple[str, ContentError]] = []
    for sheet in sheets:
        rows, wide = _rows(path, sheet)
        if not rows:
            continue
        try:
            doc = tabular.read_table(path, _text(rows), "", tabular.Options(
                separator=SEPARATOR, section=sheet.title if several else ""), rows=rows)
        except ContentError as error:
            failed.append((sheet.title, error))
            continue
        if wide:
            doc.dropped.append(Dropped(rows[0][0], f"columns after the {MAX_COLUMNS}th not "
                                       "read", sheet.title))
        docs.append(doc)
    if not docs:
        raise failed[0][1] if failed else ContentError(path, None, "no rows in any sheet")
    joined = Document(path, docs[0].title if not several else "", [], text=docs[0].text)
    for doc in docs:
        joined.entries += doc.entries
        joined.dropped += doc.dropped
    joined.dropped += [Dropped(error.line or 1, f"sheet not read ({error.message})", title)
                       for title, error in failed]
    return joined


def _opened(path: Path, data: bytes) -> openpyxl.Workbook:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ContentError(path, None, "not a workbook this tool reads (an .xlsx file is a zip "
                           "archive; an old .xls must be saved as .xlsx or CSV)") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ContentError(path, None, f"its parts unpack to {unpacked:,} bytes (the limit is "
                           f"{MAX_UNPACKED_BYTES:,}): not read")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                      keep_links=False)
    except Exception as exc:  # as in `read`
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: Exception) -> ContentError:
    cause = exc.__cause__ or exc  # openpyxl's ValueError wraps the parser's error
    return ContentError(path, None, f"cannot read the workbook: {type(cause).__name__}: "
                        f"{cause}"[:300])


def _rows(path: Path, sheet) -> tuple[list[tuple[int, list[str]]], bool]:
    """The sheet's non-empty rows (row number, cells as text), and whether it has columns
    past MAX_COLUMNS."""
    rows: list[tuple[int, list[str]]] = []
    wide = (sheet.max_column or 0) > MAX_COLUMNS
    for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True),
                                    start=1):
        cells = [_cell(value) for value in values]
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells:
            continue
        rows.append((number, cells))
        tabular.check_rows(path, number, rows)
    return rows, wide


def _cell(value: object) -> str:
    """A cell as its text: `4` for a whole number saved as 4.0, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _text(rows: list[tuple[int, list[str]]]) -> str:
    """The sheet as lines of text, row N on line N (a cell's own line breaks as spaces): what
    the import's report quotes."""
    lines = [""] * rows[-1][0]
    for number, cells in rows:
        lines[number - 1] = SEPARATOR.join(" ".join(c.split("\n")) for c in cells)
    return "\n".join(lines)
