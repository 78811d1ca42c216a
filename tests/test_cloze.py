"""Cloze as Anki counts it (issue 16, part 6): every case's cards checked against the real
`anki` library, both the cards Anki itself gives a note and the cards our package imports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from anki_import import fresh_collection, import_package
from conftest import SEEDS

from build_decks import cli, cloze
from build_decks.render.markup import SLOT_CLOSE, SLOT_OPEN

NESTED_10 = "".join(f"{{{{c{n}::{n} " for n in range(1, 11)) + "x" + "}}" * 10
CASES = {  # card id -> cloze text
    "one": "The {{c1::F1 score}} combines P and R.",
    "nested": "{{c1::{{c2::x}}}}",
    "nested-three": "{{c1::a {{c2::b {{c3::c}}}}}}",
    "nested-hint": "{{c1::outer {{c2::inner::h}} rest::hint}}",
    "reordered": "{{c2::a}} and {{c1::b}}",
    "repeated": "{{c1::a}} and {{c1::b}}",
    "third-only": "Only {{c3::x}}.",
    "limit": "At the limit: {{c500::x}}.",
    "ten-deep": NESTED_10,
    "tex-spaced": "The ratio {{c1::$\\frac{a}{b_{i} }$}} is exact.",
}


def project(root: Path, cards: dict[str, str]) -> Path:
    content = root / "content"
    (content / "decks").mkdir(parents=True)
    shutil.copy(SEEDS / "topics.yaml", content / "topics.yaml")
    (content / "config.yaml").write_text("title: Cloze\n", encoding="utf-8")
    lines = ["title: Notes", "cards:"]
    for cid, text in cards.items():
        lines += [f"- id: {cid}", "  kind: cloze", "  topic: testing", "  text: |-",
                  *(f"    {line}".rstrip() for line in text.split("\n"))]
    (content / "decks" / "notes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return content


def anki_own_cards(collection, text: str) -> list[int]:
    """The card numbers Anki itself gives a note of its stock Cloze type with this text."""
    note = collection.new_note(collection.models.by_name("Cloze"))
    note["Text"] = text
    collection.add_note(note, collection.decks.id("Own"))
    return sorted(card.ord + 1 for card in note.cards())


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("cloze")
    content = project(root, CASES)
    assert cli.main(["--content", str(content), "--dist", str(root / "dist"), "build"]) == 0
    collection = fresh_collection(root / "anki")
    log = import_package(collection, next((root / "dist").glob("*.apkg")))
    yield collection, log, root / "dist"
    collection.close()


@pytest.mark.parametrize("card_id", list(CASES))
def test_each_cloze_note_gets_the_cards_anki_gives_it(imported, card_id: str) -> None:
    collection, _, _ = imported
    text = CASES[card_id]
    own = anki_own_cards(collection, text)
    assert cloze.numbers(text) == own  # computed by us, as Anki computes it
    note = collection.get_note(collection.find_notes(f"Id:{card_id}")[0])
    assert sorted(card.ord + 1 for card in note.cards()) == own  # and imported so
    for card in note.cards():
        question = card.question()
        assert "No cloze" not in question
        assert 'class="cloze" data-cloze=' in question  # its own deletion is hidden
        assert SLOT_OPEN not in question + card.answer()


def test_a_tex_group_closed_with_a_space_renders_in_every_output(imported) -> None:
    collection, _, dist = imported
    note = collection.get_note(collection.find_notes("Id:tex-spaced")[0])
    answer = note.cards()[0].answer()
    assert "\\frac" in answer.replace("&#123;", "{") and "[...]" not in answer
    pack = (dist / "study-pack.html").read_text(encoding="utf-8")
    assert SLOT_OPEN not in pack and SLOT_CLOSE not in pack


@pytest.mark.parametrize(("text", "message"), [
    ("{{c501::x}}", "deletion number c501 is beyond Anki's limit: numbers run from 1 to 500"),
    ("{{c99999999::x}}", "deletion number c99999999 is beyond Anki's limit"),
    ("{{c" + "7" * 5000 + "::x}}", "(5000 digits) is beyond Anki's limit"),
    ("The ratio {{c1::$\\frac{a}{b_{i}}$}} is exact.",
     "deletion c1 ends inside a formula: a `}}` in TeX closes the deletion; write `} }`"),
    ("$x = {{c1::a}}$", "deletion c1 starts inside a formula"),
    ("{{c1::" * 11 + "x" + "}}" * 11, "deletions nest more than 10 deep; Anki reads at most 10"),
    ("{{c1,2::x}}", "a deletion on several cards ({{c1,2::…}}) is not supported"),
])
def test_what_anki_would_count_otherwise_is_an_error_at_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture, text: str, message: str) -> None:
    content = project(tmp_path, {"fine": "{{c1::ok}}", "broken": "line one\n\n" + text})
    assert cli.main(["--content", str(content), "--dist", str(tmp_path / "dist"), "anki"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0], errors
    assert "notes.yaml:14: card 'broken'" in errors[0]  # the line of the deletion itself
    assert not (tmp_path / "dist").exists()


def test_a_source_with_a_deletion_beyond_the_limit_fails_its_import(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    content = project(tmp_path, {})
    (content / "sources").mkdir()
    (content / "sources" / "notes.md").write_text(
        "# Notes\n\nThe {{c1::F1 score}} is a {{c2::harmonic mean}}.\n\n"
        "The {{c501::last}} one is too far.\n", encoding="utf-8")
    assert cli.main(["--content", str(content), "import"]) == 1
    err = capsys.readouterr().err
    assert "sources/notes.md:5: deletion number c501 is beyond Anki's limit" in err, err


def test_blanked_shows_each_outermost_deletion_as_a_blank() -> None:
    assert cloze.blanked("A {{c1::model}} serves {{c2::requests::what?}} fast") == \
        "A […] serves [what?] fast"
    assert cloze.blanked("{{c1::outer {{c2::inner}} text}} end") == "[…] end"
    assert cloze.blanked("{{c1::a {{c2::b}}}} {{c3::c::h}} {{c1::{{c2::d}}::e}}") == \
        "[…] [h] [e]"
    assert cloze.blanked("no deletion }} here") == "no deletion }} here"
