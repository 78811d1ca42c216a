"""Spreadsheets (readers/workbook.py): each visible sheet read as a table, rows at their row
numbers, several sheets as sections; what holds no cards is reported; hostile workbooks are
refused with the file named. The workbooks are written here with openpyxl."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import make_content

from build_decks.config import discover
from build_decks.errors import ContentError
from build_decks.readers import read_source, workbook


def saved(path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def test_a_sheet_is_read_as_a_table_in_its_language_with_its_row_numbers(tmp_path: Path) -> None:
    path = saved(tmp_path / "вопросы.xlsx", {"Лист1": [
        ["Вопрос", "Ответ", "Сложность"],
        ["Что такое переобучение?", "Модель запоминает шум:\n- мало данных\n- много признаков",
         "средняя"],
        [],
        ["Сколько будет 2+2?", 4.0, None],
        ["Что такое дрейф данных?", None, None]]})
    name, doc = read_source(path)
    assert name == "xlsx"
    cards = [(e.front, e.kind, e.line, [text for _, text in e.back_lines]) for e in doc.entries]
    assert cards == [
        ("Что такое переобучение?", "qa", 2,
         ["Модель запоминает шум:\n- мало данных\n- много признаков"]),
        ("Сколько будет 2+2?", "qa", 4, ["4"]),
        ("Что такое дрейф данных?", "qa", 5, [])]  # no answer: normalize makes it a prompt
    assert "Сложность" in doc.entries[0].notes
    assert doc.text.split("\n")[3].startswith("Сколько будет 2+2?\t4")


def test_several_sheets_are_sections_and_a_sheet_without_cards_is_reported(
        tmp_path: Path) -> None:
    path = saved(tmp_path / "prep.xlsx", {
        "Python": [["Question", "Answer"], ["What is a list?", "A mutable sequence."]],
        "ML": [["Question", "Answer"], ["What is overfitting?", "Fitting the noise."]],
        "Scores": [[1, 2], [3, 4], [5, 6]],
        "Drafts": [["Question", "Answer"], ["What is hidden?", "Not this."]]},
        hidden=("Drafts",))
    _, doc = read_source(path)
    assert [(e.front, e.section) for e in doc.entries] == [
        ("What is a list?", "Python"), ("What is overfitting?", "ML")]
    assert [(d.reason.split(" (")[0], d.text) for d in doc.dropped if "sheet" in d.reason] == [
        ("sheet not read", "Scores")]


def test_a_formula_shows_its_saved_value_never_its_text(tmp_path: Path) -> None:
    path = saved(tmp_path / "f.xlsx", {"S": [["Question", "Answer"],
                                             ["What is 6 times 7?", "=6*7"]]})
    _, doc = read_source(path)  # openpyxl saves no value for a formula: Excel would have
    assert all("=6*7" not in text for e in doc.entries for _, text in e.back_lines)


def test_a_workbook_is_found_under_sources_as_a_document(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    saved(tmp_path / "sources" / "deck.xlsx", {"S": [["Q", "A"], ["What?", "That."]]})
    assert discover(tmp_path) == (["sources/deck.xlsx"], [])


def test_a_file_that_is_not_a_workbook_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old .xls saved under the new name")
    with pytest.raises(ContentError) as raised:
        read_source(path)
    assert raised.value.path == path and "not a workbook" in raised.value.message


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A part that unpacks past the limit (the limit lowered here, so the test writes a small
    archive) is refused from the archive's directory alone."""
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1_000_000)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 2_000_000)
    with pytest.raises(ContentError) as raised:
        read_source(path)
    assert "unpack to 2,000,000 bytes" in raised.value.message


def test_xml_entities_in_a_workbook_are_refused_not_expanded(tmp_path: Path) -> None:
    """A sheet whose XML declares entities (the "billion laughs" expand into gigabytes) is
    refused by defusedxml, as one error naming the file."""
    good = saved(tmp_path / "good.xlsx", {"S": [["Question", "Answer"], ["What?", "That."]]})
    hostile = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(hostile, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY lol "lol">'
                                    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet', 1)
                data = data.replace(b"What?", b"&lol2;")
            target.writestr(info, data)
    with pytest.raises(ContentError) as raised:
        read_source(hostile)
    assert raised.value.path == hostile and "cannot read the workbook" in raised.value.message
    assert "EntitiesForbidden" in raised.value.message  # defusedxml refused them


def test_a_sheet_broken_past_its_first_rows_is_an_error_naming_the_file(tmp_path: Path) -> None:
    """A read-only workbook parses a sheet's rows only when they are read: XML broken in the
    middle of a sheet is met then, and is still one error naming the file."""
    good = saved(tmp_path / "good.xlsx", {"S": [["Question", "Answer"], ["What?", "That."],
                                                ["Why?", "Because."]]})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b'<row r="3"', b'<row r="3" <<', 1)
            target.writestr(info, data)
    with pytest.raises(ContentError) as raised:
        read_source(broken)
    assert raised.value.path == broken and "cannot read the workbook" in raised.value.message


def test_a_workbook_imports_into_its_deck_with_row_numbers(tmp_path: Path) -> None:
    """Through the command: the deck's cards name the rows they come from."""
    book = saved(tmp_path / "prep.xlsx", {"S": [["Question", "Answer"], [],
                                                ["What is a list?", "A sequence."]]})
    content = make_content(tmp_path, {"prep": book})
    done = subprocess.run([sys.executable, "-m", "build_decks", "--content", str(content),
                           "import"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    deck = (content / "decks" / "prep.yaml").read_text(encoding="utf-8")
    assert "question: What is a list?" in deck and "origin: sources/prep.xlsx:3" in deck
