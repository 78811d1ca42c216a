"""A deck whose source is gone (issue 18, part 4): removed with a message when its YAML holds
no hand edit since the last import, its notes then sent to Anki as removed cards (checked in a
real collection); kept, with a message saying how to drop it, when it does."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_import import fresh_collection, import_package
from conftest import small_project

from build_decks import cli

TAG = "build_decks::removed"
EXAMPLE = "Q: What is an example?\nA: This one.\n\nQ: Why delete it?\nA: To start over.\n"
MINE = "Q: What is drift?\nA: Change.\n"


def project(root: Path) -> Path:
    return small_project(root, {"example.md": EXAMPLE, "mine.md": MINE}, "Starter")


def run(capsys: pytest.CaptureFixture, content: Path, *args: str) -> str:
    assert cli.main(["--content", str(content), "--dist", str(content.parent / "dist"),
                     *args]) == 0
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_a_deck_whose_source_is_gone_is_removed_and_its_notes_tagged_in_anki(
        tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    content = project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    run(capsys, content, "build", "--import")
    collection = fresh_collection(tmp_path / "anki")
    try:
        import_package(collection, next((tmp_path / "dist").glob("*.apkg")))
        notes = collection.note_count()
        (content / "sources" / "example.md").unlink()
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000100")
        said = run(capsys, content, "build", "--import")
        assert ("deck 'example': its source sources/example.md is gone and the deck held no hand "
                "edit since the last import: removed it") in said
        assert not (content / "decks" / "example.yaml").exists()
        assert "example" not in (content / "import-lock.json").read_text(encoding="utf-8")
        assert f"2 cards no longer in the content are in the package as notes tagged {TAG}" in (
            said)
        log = import_package(collection, next((tmp_path / "dist").glob("*.apkg")))
        assert not log.new and collection.note_count() == notes
        removed = {collection.get_note(n).fields[2] for n in collection.find_notes(f"tag:{TAG}")}
        assert removed == {"example-example", "example-delete"}
        pack = (tmp_path / "dist" / "study-pack.html").read_text(encoding="utf-8")
        assert "What is an example?" not in pack and "What is drift?" in pack
    finally:
        collection.close()


@pytest.mark.parametrize(("edit", "what"), [
    (lambda text: text.replace("answer: This one.", "answer: My own words."),
     "1 card edited or added by hand"),
    (lambda text: text + "- id: my-card\n  kind: qa\n  topic: testing\n  question: Mine?\n"
                         "  answer: Yes.\n", "1 card edited or added by hand"),
    (lambda text: text.replace("title: Example", "title: My examples"), "its title edited"),
])
def test_a_deck_with_hand_edits_is_kept_and_the_message_says_how_to_drop_it(
        tmp_path: Path, capsys: pytest.CaptureFixture, edit, what: str) -> None:
    content = project(tmp_path)
    run(capsys, content, "import")
    deck = content / "decks" / "example.yaml"
    deck.write_text(edit(deck.read_text(encoding="utf-8")), encoding="utf-8")
    before = deck.read_bytes()
    (content / "sources" / "example.md").unlink()
    said = run(capsys, content, "import")
    assert (f"deck 'example': its source sources/example.md is gone; the deck is kept because "
            f"it holds hand edits ({what}): delete example.yaml to drop it") in said
    assert deck.read_bytes() == before
    said = run(capsys, content, "import")  # and again: still kept, still said
    assert "delete example.yaml to drop it" in said and deck.read_bytes() == before
    deck.unlink()  # as the message says
    said = run(capsys, content, "import")
    assert "example" not in said and "example" not in (
        content / "import-lock.json").read_text(encoding="utf-8")


def test_cards_moved_out_of_a_gone_source_go_with_it(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    content = project(tmp_path)
    run(capsys, content, "import")
    (content / "sources" / "example.md").unlink()
    (content / "sources" / "mine.md").write_text(
        MINE + "\nQ: What is an example?\nA: This one.\n", encoding="utf-8")
    said = run(capsys, content, "import")
    assert "example-example: moved here from decks/example.yaml" in said
    assert "removed it (1 card left; 1 moved to other decks" in said
    assert sorted(p.name for p in (content / "decks").iterdir()) == ["mine.yaml"]
    assert "id: example-example" in (content / "decks" / "mine.yaml").read_text(encoding="utf-8")
