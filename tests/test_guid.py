"""A card's own Anki GUID (`guid`, from an export's `#guid column:`): read, checked, used as the
note's GUID, so a collection's notes exported as text come back as the same notes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from anki.collection import DeckIdLimit
from anki_import import fresh_collection, import_package
from conftest import make_content, small_project

from build_decks.config import load_config
from build_decks.errors import ContentError, ContentErrors
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.readers import read_source
from build_decks.render import anki
from build_decks.render.anki_lock import check
from build_decks.render.options import BuildOptions
from build_decks.schema import MAX_GUID, guid_problem
from build_decks.yamlio import load_yaml

NOW = 1_760_000_000
QUESTIONS = {"What does TCP guarantee?": "Ordered, reliable delivery.",
             "Why is UDP used for DNS?": "One round trip, no connection.",
             "What is a /24 network?": "256 addresses."}


def build(content: Path, dist: Path, now: int = NOW) -> Path:
    return anki.build(load_content(content),
                      BuildOptions(dist=dist, content_root=content, now=now)).paths[0]


def test_an_anki_export_with_guids_updates_its_notes_in_place(tmp_path: Path) -> None:
    """A collection's notes -> Anki's "Notes in Plain Text" export with GUIDs -> build_decks
    import -> .apkg -> the same collection: no new note, the notes updated in place, their
    reviews kept. (A note of another note type with the same GUID is left as it is: Anki
    updates a note only from its own note type, and reports it as conflicting.)"""
    seed = small_project(tmp_path / "seed", {"seed.md": "## What is a seed?\n\nA first card.\n"})
    import_sources(load_config(seed))
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, build(seed, tmp_path / "seed-dist"))  # brings the note types
    deck = collection.decks.id("Networking")
    qa, basic = collection.models.by_name("build_decks Q&A"), collection.models.by_name("Basic")
    ours = []
    for question, answer in QUESTIONS.items():
        note = collection.new_note(qa)
        note["Question"], note["Answer"] = question, answer
        collection.add_note(note, deck)
        ours.append(note)
    other = collection.new_note(basic)
    other["Front"], other["Back"] = "What is a subnet mask?", "It marks the network bits."
    collection.add_note(other, deck)
    card = ours[0].cards()[0]
    card.start_timer()
    collection.sched.answerCard(card, 3)
    reviewed = collection.get_card(card.id)
    notes_before = collection.note_count()

    export = tmp_path / "networking.txt"
    collection.export_note_csv(out_path=str(export), limit=DeckIdLimit(deck), with_html=True,
                               with_tags=True, with_deck=True, with_notetype=True,
                               with_guid=True)
    assert "#guid column:1" in export.read_text(encoding="utf-8")
    content = make_content(tmp_path / "project", {"net": export})
    assert not import_sources(load_config(content)).errors
    cards = load_yaml(content / "decks" / "net.yaml")["cards"]
    assert {c["guid"] for c in cards} == {n.guid for n in [*ours, other]}

    package = build(content, tmp_path / "dist", now=int(time.time()) + 60)
    log = import_package(collection, package)
    assert not log.new and collection.note_count() == notes_before
    assert sorted(u.id.nid for u in log.updated) == sorted(n.id for n in ours)
    assert [c.fields[0] for c in log.conflicting] == ["What is a subnet mask?"]
    by_guid = {c["guid"]: c["id"] for c in cards}
    for note in ours:
        assert collection.get_note(note.id)["Id"] == by_guid[note.guid]  # written by us
    after = collection.get_card(card.id)
    assert (after.reps, after.ivl, after.due) == (1, reviewed.ivl, reviewed.due)
    assert collection.db.scalar("select count() from revlog where cid = ?", card.id) == 1
    collection.close()


@pytest.mark.parametrize("value, ok", [
    ("q7%Lk;p#2", True), ("Zx::9|a", True), ("0f8fad5b-d9cb-469f-a165-70867728950e", True),
    ("x" * MAX_GUID, True), ("x" * (MAX_GUID + 1), False), ("a\tb", False), ("a\nb", False),
    (" padded", False), ("", False), (42, False), ("\x07bell", False),
])
def test_guid_values(value: object, ok: bool) -> None:
    assert (guid_problem(value) is None) is ok


def _deck(tmp_path: Path, name: str, cards: str) -> None:
    (tmp_path / "content" / "decks").mkdir(parents=True, exist_ok=True)
    (tmp_path / "content" / "decks" / f"{name}.yaml").write_text(
        f"title: {name}\ncards:\n{cards}", encoding="utf-8")


def _card(card_id: str, guid: str) -> str:
    return (f"- id: {card_id}\n  kind: qa\n  topic: introduction\n  question: Q {card_id}?\n"
            f"  answer: A.\n  guid: {guid}\n")


def test_the_loader_checks_guids_and_their_uniqueness(tmp_path: Path) -> None:
    content = small_project(tmp_path, {})
    (content / "config.yaml").write_text("title: T\nsources: []\n", encoding="utf-8")
    _deck(tmp_path, "one", _card("one-a", "'q7%Lk;p#2'") + _card("one-b", '"a\\tb"'))
    _deck(tmp_path, "two", _card("two-a", "'q7%Lk;p#2'"))
    with pytest.raises(ContentErrors) as errors:
        load_content(content)
    found = sorted(str(e) for e in errors.value.errors)
    assert any("one.yaml:14" in e and "`guid` must be printable" in e for e in found), found
    assert any("two.yaml:3" in e and "duplicate guid 'q7%Lk;p#2'" in e
               and "one.yaml:3" in e for e in found), found
    _deck(tmp_path, "one", _card("one-a", "'q7%Lk;p#2'"))
    _deck(tmp_path, "two", _card("two-a", "other"))
    assert {c.id: c.guid for c in load_content(content).cards} == {"one-a": "q7%Lk;p#2",
                                                                   "two-a": "other"}


def test_a_source_with_a_guid_twice_or_a_bad_one_is_an_error_at_its_line(tmp_path: Path) -> None:
    header = "#separator:tab\n#guid column:1\n"
    path = tmp_path / "twice.txt"
    path.write_text(header + "g1\tWhat is A?\tA.\ng2\tWhat is B?\tB.\ng1\tWhat is C?\tC.\n",
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"twice\.txt:5: GUID 'g1' is also the GUID of line 3"):
        read_source(path)
    path = tmp_path / "long.txt"
    path.write_text(header + "g1\tWhat is A?\tA.\n" + "x" * 65 + "\tWhat is B?\tB.\n",
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"long\.txt:4: `guid` is 65 characters"):
        read_source(path)


def test_the_guid_is_the_notes_and_a_removed_card_keeps_it(tmp_path: Path) -> None:
    source = tmp_path / "net.txt"
    source.write_text("#separator:tab\n#guid column:1\nq7%Lk;p#2\tWhat is A?\tIt is A.\n"
                      "Zx9|a\tWhat is B?\tIt is B.\n", encoding="utf-8")
    content = make_content(tmp_path, {"net": source})
    import_sources(load_config(content))
    options = BuildOptions(dist=tmp_path / "dist", content_root=content, now=NOW)
    package, _ = anki.build_package(load_content(content), options)
    guids = {n.fields[anki.ID_FIELD]: n.guid for d in package.decks for n in d.notes}
    assert set(guids.values()) == {"q7%Lk;p#2", "Zx9|a"}
    anki.build(load_content(content), options)  # the lock keeps each note, with its GUID
    (content / "sources" / "net.txt").write_text(
        "#separator:tab\n#guid column:1\nq7%Lk;p#2\tWhat is A?\tIt is A.\n", encoding="utf-8")
    import_sources(load_config(content))
    package, _ = anki.build_package(load_content(content),
                                    BuildOptions(dist=tmp_path / "dist", content_root=content,
                                                 now=NOW + 5))
    removed = [n for d in package.decks if d.name.endswith(anki.REMOVED_DECK) for n in d.notes]
    assert [n.guid for n in removed] == ["Zx9|a"]  # the same note, tagged removed


def test_a_lock_note_with_a_bad_guid_is_refused() -> None:
    fields = ["Q", "A", "net-a", "", "", "", "", ""]
    note = {"model": "qa", "fields": fields, "tags": [], "guid": "a\nb"}
    entry = {"hash": "0123456789abcdef", "mod": NOW, "note": note}
    assert "guid" in (check("net-a", entry, anki.MODEL_FIELDS) or "")
    assert check("net-a", {**entry, "note": {**note, "guid": "ok"}}, anki.MODEL_FIELDS) is None
