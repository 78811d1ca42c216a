"""A card deleted from the YAML: Anki deletes no note on import, so the next package sends the
note once more, tagged `build_decks::removed` in a "Removed" subdeck, checked with the real
`anki` importer on a collection with reviews."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from anki.scheduler_pb2 import CardAnswer
from anki_import import fresh_collection, import_package

from build_decks import cli

TAG = "build_decks::removed"
SCHEDULE = "select id, ivl, due, type, reps from cards order by id"


@pytest.fixture
def content(qa_content: Path) -> Path:
    return qa_content


def _package(content: Path, dist: Path, capsys: pytest.CaptureFixture) -> tuple[Path, str]:
    assert cli.main(["--content", str(content), "--dist", str(dist), "anki"]) == 0
    return next(dist.glob("*.apkg")), capsys.readouterr().err


def _delete_card(content: Path) -> str:
    deck = content / "decks" / "qa.yaml"
    data = yaml.safe_load(deck.read_text(encoding="utf-8"))
    gone = data["cards"].pop(0)["id"]
    deck.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return gone


def _review_everything(collection) -> None:
    for card_id in collection.find_cards(""):
        card = collection.get_card(card_id)
        card.start_timer()
        states = collection._backend.get_scheduling_states(card.id)
        collection.sched.answer_card(collection.sched.build_answer(
            card=card, states=states, rating=CardAnswer.GOOD))


def _note_of(collection, card_id: str):
    return collection.get_note(collection.find_notes(f"Id:{card_id}")[0])


def test_a_deleted_card_comes_back_tagged_and_reviews_stay(content: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    first, _ = _package(content, tmp_path / "dist", capsys)
    collection = fresh_collection(tmp_path / "anki")
    try:
        import_package(collection, first)
        _review_everything(collection)
        notes_before = collection.note_count()
        reviews = collection.db.all(SCHEDULE)
        revlog = collection.db.scalar("select count() from revlog")

        gone = _delete_card(content)
        decks = {collection.decks.name(c.did) for c in _note_of(collection, gone).cards()}
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000100")
        second, warnings = _package(content, tmp_path / "dist", capsys)
        assert f"tag:{TAG}" in warnings and "forget-removed" in warnings
        log = import_package(collection, second)

        removed = _note_of(collection, gone)
        assert TAG in removed.tags
        assert removed.fields[0]  # its question is still there to recognise it
        # Anki moves no existing card on import: the tag finds them (the "Removed" subdeck
        # only receives them in a collection that never had them)
        assert {collection.decks.name(c.did) for c in removed.cards()} == decks
        assert "Test Prep::Removed" in collection.decks.all_names()
        assert collection.note_count() == notes_before
        updated = {note.fields[2] for note in log.updated}  # the Id field
        assert gone in updated and not log.new
        # besides it, only prompts whose list of related cards named it
        assert all(not note.fields[1] for note in log.updated if note.fields[2] != gone)
        assert collection.db.scalar("select count() from revlog") == revlog
        assert collection.db.all(SCHEDULE) == reviews

        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000200")
        third, _ = _package(content, tmp_path / "dist", capsys)
        again = import_package(collection, third)
        assert not again.updated and not again.new  # sent once more, but unchanged

        assert cli.main(["--content", str(content), "forget-removed"]) == 0
        capsys.readouterr()
        fourth, warnings = _package(content, tmp_path / "dist", capsys)
        assert TAG not in warnings
        collection.remove_notes([removed.id])
        last = import_package(collection, fourth)
        assert not last.new and not last.updated  # a deleted note does not come back
    finally:
        collection.close()


def test_a_card_put_back_loses_the_tag(content: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    deck = content / "decks" / "qa.yaml"
    original = deck.read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    collection = fresh_collection(tmp_path / "anki")
    try:
        import_package(collection, _package(content, tmp_path / "dist", capsys)[0])
        gone = _delete_card(content)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000100")
        import_package(collection, _package(content, tmp_path / "dist", capsys)[0])
        assert TAG in _note_of(collection, gone).tags
        deck.write_text(original, encoding="utf-8")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000200")
        import_package(collection, _package(content, tmp_path / "dist", capsys)[0])
        assert TAG not in _note_of(collection, gone).tags
    finally:
        collection.close()


def test_removing_every_card_still_sends_the_removed_notes_once(
        content: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    dist = tmp_path / "dist"
    package, _ = _package(content, dist, capsys)
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, package)
    count = len(collection.find_notes(""))
    deck = content / "decks" / "qa.yaml"
    data = yaml.safe_load(deck.read_text(encoding="utf-8"))
    data["cards"] = []
    deck.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    package, err = _package(content, dist, capsys)
    assert f"{count} card{'' if count == 1 else 's'} no longer in the content" in err
    log = import_package(collection, package)
    assert len(log.updated) == count and not log.new
    assert len(collection.find_notes(f"tag:{TAG}")) == count
    _, err = _package(content, dist, capsys)  # sent once: the next package changes nothing
    assert len(import_package(collection, next(dist.glob("*.apkg"))).updated) == 0
    collection.close()
