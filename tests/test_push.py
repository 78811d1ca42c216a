"""`build-decks push` against an AnkiConnect test server over a real `anki` Collection
(tests/ankiconnect_server.py, on 127.0.0.1 at a free port)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import genanki
import pytest
import yaml
from anki_import import fresh_collection, import_package
from ankiconnect_server import Server

from build_decks import cli
from build_decks.ankiconnect import field_query
from build_decks.loader import load_content
from build_decks.render import anki

SCHEDULE = "select id, did, ivl, due, type, queue, reps, lapses, factor from cards order by id"
WRITES = {"updateNoteFields", "addTags", "removeTags", "changeDeck", "importPackage",
          "storeMediaFile", "updateModelTemplates", "updateModelStyling", "createDeck"}


def push(content: Path, server_url: str, capsys: pytest.CaptureFixture, *extra: str
         ) -> tuple[int, str, str]:
    code = cli.main(["--content", str(content), "--dist", str(content.parent / "dist"), "push",
                     "--url", server_url, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def report(content: Path, server_url: str, capsys: pytest.CaptureFixture, *extra: str) -> dict:
    code, out, err = push(content, server_url, capsys, "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def sent(server: Server) -> list[str]:
    return [action for request in server.anki.requests for action in request]


def note_of(collection, card_id: str):
    found = collection.find_notes(field_query("Id", card_id))
    assert len(found) == 1, card_id
    return collection.get_note(found[0])


def edit_card(content: Path, card_id: str, key: str, value: str) -> None:
    for deck in (content / "decks").glob("*.yaml"):
        data = yaml.safe_load(deck.read_text(encoding="utf-8"))
        for card in data["cards"]:
            if card["id"] == card_id:
                card[key] = value
                deck.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                encoding="utf-8")
                return
    raise AssertionError(card_id)


def review(collection, card_ids: list[int]) -> None:
    for card_id in card_ids:
        card = collection.get_card(card_id)
        card.start_timer()
        collection.sched.answerCard(card, 3)


def test_push_the_seed_edit_review_conflict_and_switch_to_the_package(
        seed_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    content = load_content(seed_content)
    qa = [c for c in content.cards if c.kind == "qa"]
    edited, conflicted = qa[0].id, qa[1].id
    collection = fresh_collection(tmp_path / "anki")
    options = collection.decks.get_config(1)
    options["new"]["perDay"] = 99  # the user's deck options: importPackage must keep them
    collection.decks.update_config(options)
    with Server(collection) as server:
        # (1) the seed into an empty collection: every note with the package's GUID, in its
        # topic's deck; then some reviews
        first = report(seed_content, server.url, capsys)
        assert first["counts"]["added"] == len(content.cards) == collection.note_count()
        assert collection.card_count() == len(content.cards) + sum(
            1 for c in content.cards if c.kind == "term")
        notes = [collection.get_note(n) for n in collection.find_notes("")]
        assert {n["Id"]: n.guid for n in notes} == {
            c.id: genanki.guid_for(anki.GUID_NAMESPACE, c.id) for c in content.cards}
        titles = {t.id: t.title for t in content.topics}
        for card in content.cards[:20]:
            decks = {collection.decks.name(c.did) for c in note_of(collection, card.id).cards()}
            assert decks == {f"{content.title}::{titles[card.topic]}"}
        review(collection, sorted(collection.find_cards(""))[:25])
        schedule = collection.db.all(SCHEDULE)
        revlog = collection.db.scalar("select count() from revlog")
        assert revlog == 25

        # (2) one card edited in the YAML: one note updated, every review kept
        edit_card(seed_content, edited, "answer", "A new answer, *edited*.")
        server.anki.requests.clear()
        second = report(seed_content, server.url, capsys)
        assert second["counts"] == {"added": 0, "updated": 1, "removed": 0, "moved": 0,
                                    "conflict": 0, "unchanged": len(content.cards) - 1}
        assert [c["id"] for d in second["decks"] for c in d.get("updated", [])] == [edited]
        assert [c["fields"] for d in second["decks"] for c in d.get("updated", [])] == [
            ["Answer"]]
        assert [a for a in sent(server) if a in WRITES] == ["updateNoteFields"]
        assert note_of(collection, edited)["Answer"] == "<p>A new answer, <em>edited</em>.</p>\n"
        assert collection.db.all(SCHEDULE) == schedule
        assert collection.db.scalar("select count() from revlog") == revlog

        # (3) an unchanged tree: no request at all
        server.anki.requests.clear()
        code, _, err = push(seed_content, server.url, capsys)
        assert code == 0 and "nothing to push" in err
        assert server.anki.requests == []

        # (4) the same card edited in Anki and in the YAML: a conflict, Anki's text kept;
        # a field edited in Anki only stays too
        note = note_of(collection, conflicted)
        note["Answer"] = "<p>My answer, typed in Anki.</p>"
        note["Notes"] = "my own note"
        collection.update_note(note)
        edit_card(seed_content, conflicted, "answer", "The YAML's new answer.")
        code, out, err = push(seed_content, server.url, capsys)
        assert code == 0
        assert f"warning: {conflicted} (" in err and "--overwrite" in err
        assert "Answer edited in Anki and in the YAML since the last push" in err
        assert "1 conflicts" in out.splitlines()[-1]
        assert note_of(collection, conflicted)["Answer"] == "<p>My answer, typed in Anki.</p>"
        again = report(seed_content, server.url, capsys)  # still a conflict, still not written
        assert again["counts"]["conflict"] == 1 and again["counts"]["updated"] == 0
        code, out, err = push(seed_content, server.url, capsys, "--overwrite")
        assert code == 0 and "warning" not in err
        assert note_of(collection, conflicted)["Answer"] == "<p>The YAML's new answer.</p>\n"
        assert note_of(collection, conflicted)["Notes"] == "my own note"
        assert collection.db.all(SCHEDULE) == schedule

        # (5) the .apkg of the same content into the same collection: nothing duplicated
        assert cli.main(["--content", str(seed_content), "--dist", str(tmp_path / "dist"),
                         "anki"]) == 0
        capsys.readouterr()
        log = import_package(collection, next((tmp_path / "dist").glob("*.apkg")))
        assert not log.new and not log.conflicting and not log.missing_notetype
        assert collection.note_count() == len(content.cards)
        assert sorted(m.name for m in collection.models.all_names_and_ids()
                      if m.name.startswith("build_decks")) == ["build_decks Q&A",
                                                               "build_decks Term"]  # no copy
        assert collection.db.scalar("select count() from revlog") == revlog
        assert [row[0] for row in collection.db.all(SCHEDULE)] == [row[0] for row in schedule]
        assert collection.decks.get_config(1)["new"]["perDay"] == 99
    collection.close()


def test_a_collection_that_imported_the_package_takes_push_without_duplicates(
        qa_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["--content", str(qa_content), "--dist", str(tmp_path / "dist"), "anki"]) == 0
    capsys.readouterr()
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, next((tmp_path / "dist").glob("*.apkg")))
    notes = collection.note_count()
    with Server(collection) as server:
        first = report(qa_content, server.url, capsys)
        assert first["counts"]["added"] == 0 and first["counts"]["updated"] == 0
        assert not [a for a in sent(server) if a in WRITES]  # found by Id, equal: read only
        card_id = load_content(qa_content).cards[0].id
        edit_card(qa_content, card_id, "answer", "Changed after the package.")
        second = report(qa_content, server.url, capsys)
        assert second["counts"]["updated"] == 1 and collection.note_count() == notes
    collection.close()


def test_removed_moved_tags_and_media(qa_content: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture) -> None:
    from PIL import Image

    (qa_content / "media").mkdir()
    Image.new("RGB", (4, 4), "red").save(qa_content / "media" / "dot-0123456789.png")
    cards = load_content(qa_content).cards
    gone, moving, pictured, mine = (c.id for c in cards[:4])
    collection = fresh_collection(tmp_path / "anki")
    with Server(collection) as server:
        report(qa_content, server.url, capsys)
        note = note_of(collection, moving)
        note.add_tag("marked")  # a tag of the user's
        collection.update_note(note)
        review(collection, [c.id for c in note_of(collection, moving).cards()])
        collection.set_deck([c.id for c in note_of(collection, mine).cards()],
                            collection.decks.id("My own deck"))  # the user's choice
        schedule = collection.db.all(SCHEDULE)

        deck = qa_content / "decks" / "qa.yaml"
        data = yaml.safe_load(deck.read_text(encoding="utf-8"))
        original = next(c for c in data["cards"] if c["id"] == gone)
        data["cards"] = [c for c in data["cards"] if c["id"] != gone]
        for card in data["cards"]:
            if card["id"] in (moving, mine):
                card["topic"] = "serving" if card["topic"] != "serving" else "monitoring"
            if card["id"] == moving:
                moved_to = card["topic"]
            if card["id"] == pictured:
                card["answer"] = "A dot: ![dot](dot-0123456789.png)"
        deck.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        changed = report(qa_content, server.url, capsys)
        counts = changed["counts"]
        assert (counts["added"], counts["removed"], counts["moved"]) == (0, 1, 1)
        assert anki.REMOVED_TAG in note_of(collection, gone).tags
        assert collection.note_count() == len(cards)  # nothing deleted
        content = load_content(qa_content)
        title = next(t.title for t in content.topics if t.id == moved_to)
        moved = note_of(collection, moving)
        assert {collection.decks.name(c.did) for c in moved.cards()} == {f"Test Prep::{title}"}
        assert "marked" in moved.tags and f"topic::{moved_to}" in moved.tags
        assert {collection.decks.name(c.did) for c in note_of(collection, mine).cards()} == {
            "My own deck"}
        assert [row[2:] for row in collection.db.all(SCHEDULE)] == [row[2:] for row in schedule]
        stored = Path(collection.media.dir()) / "dot-0123456789.png"
        assert stored.read_bytes() == (qa_content / "media" / "dot-0123456789.png").read_bytes()
        assert 'src="dot-0123456789.png"' in note_of(collection, pictured)["Answer"]

        # the deleted card put back: the tag goes, the note is the same
        data["cards"].insert(0, original)
        deck.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        report(qa_content, server.url, capsys)
        assert anki.REMOVED_TAG not in note_of(collection, gone).tags
        assert collection.note_count() == len(cards)
    collection.close()


def test_a_lock_cannot_make_push_strip_the_users_tags_or_move_cards_out_of_their_decks(
        qa_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """push-lock.json (input, maybe someone else's) names tags and decks as if build_decks
    had made them: push still takes away only tags of the kinds it writes (a YAML tag dropped
    from the YAML goes), never Anki's own, and moves no card out of a deck outside the
    content's root deck."""
    cards = load_content(qa_content).cards
    tagged, mine = cards[0].id, cards[1].id
    edit_card(qa_content, tagged, "tags", ["obsolete", "kept"])
    collection = fresh_collection(tmp_path / "anki")
    with Server(collection) as server:
        report(qa_content, server.url, capsys)
        note = note_of(collection, tagged)
        for tag in ("marked", "leech"):
            note.add_tag(tag)
        collection.update_note(note)
        collection.set_deck([c.id for c in note_of(collection, mine).cards()],
                            collection.decks.id("My own deck"))

        path = qa_content / "push-lock.json"
        lock = json.loads(path.read_text(encoding="utf-8"))
        lock[tagged]["tags"] += ["marked", "leech"]  # "ours", says the lock
        lock[mine]["deck"] = "My own deck"
        path.write_text(json.dumps(lock), encoding="utf-8")
        edit_card(qa_content, tagged, "tags", ["kept"])  # a YAML tag dropped
        edit_card(qa_content, mine, "answer", "Changed, so push looks at it.")
        report(qa_content, server.url, capsys, "--all")
        tags = set(note_of(collection, tagged).tags)
        assert {"marked", "leech", "kept"} <= tags and "obsolete" not in tags
        assert {collection.decks.name(c.did) for c in note_of(collection, mine).cards()} == {
            "My own deck"}
        assert "Changed, so push" in note_of(collection, mine)["Answer"]
    collection.close()


def test_dry_run_reads_and_writes_nothing(qa_content: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture) -> None:
    collection = fresh_collection(tmp_path / "anki")
    with Server(collection) as server:
        dry = report(qa_content, server.url, capsys, "--dry-run")
        assert dry["counts"]["added"] == len(load_content(qa_content).cards)
        assert collection.note_count() == 0 and not (qa_content / "push-lock.json").exists()
        report(qa_content, server.url, capsys)
        card_id = load_content(qa_content).cards[0].id
        edit_card(qa_content, card_id, "answer", "Dry.")
        server.anki.requests.clear()
        code, out, err = push(qa_content, server.url, capsys, "--dry-run")
        assert code == 0 and "nothing was written" in err
        assert f"~ updated  {card_id} (Answer)" in out
        assert not [a for a in sent(server) if a in WRITES]
        assert note_of(collection, card_id)["Answer"] != "<p>Dry.</p>\n"
    collection.close()


def test_an_update_anki_does_not_take_is_an_error_and_tried_again(
        qa_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    collection = fresh_collection(tmp_path / "anki")
    card_id = load_content(qa_content).cards[0].id
    with Server(collection) as server:
        report(qa_content, server.url, capsys)
        edit_card(qa_content, card_id, "answer", "Open in the browser.")
        server.anki.open_in_browser = {note_of(collection, card_id).id}
        code, _, err = push(qa_content, server.url, capsys)
        assert code == 1
        assert f"error: {card_id}: Anki did not take the update of Answer" in err
        assert "AnkiConnect #82" in err
        server.anki.open_in_browser = set()
        again = report(qa_content, server.url, capsys)
        assert again["counts"]["updated"] == 1
        assert note_of(collection, card_id)["Answer"] == "<p>Open in the browser.</p>\n"
    collection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def one_error(code: int, err: str) -> str:
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


def test_anki_not_running_is_one_line(qa_content: Path, capsys: pytest.CaptureFixture) -> None:
    line = one_error(*push(qa_content, f"http://127.0.0.1:{free_port()}", capsys)[::2])
    assert "cannot reach AnkiConnect at http://127.0.0.1:" in line and "start Anki" in line
    assert not (qa_content / "push-lock.json").exists()


def test_a_wrong_or_missing_key_is_one_line(qa_content: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture) -> None:
    collection = fresh_collection(tmp_path / "anki")
    with Server(collection, api_key="s3cret") as server:
        line = one_error(*push(qa_content, server.url, capsys, "--key", "wrong")[::2])
        assert "refused the request: the key you gave is not the one" in line
        line = one_error(*push(qa_content, server.url, capsys)[::2])
        assert "it asks for an API key" in line and "--key" in line
        assert collection.note_count() == 0
        assert push(qa_content, server.url, capsys, "--key", "s3cret")[0] == 0
        assert collection.note_count() == len(load_content(qa_content).cards)
    collection.close()


def test_a_refused_action_is_one_line(qa_content: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture) -> None:
    collection = fresh_collection(tmp_path / "anki")
    with Server(collection) as server:
        server.anki.refuse = {"importPackage"}
        line = one_error(*push(qa_content, server.url, capsys)[::2])
        assert "does not know `importPackage`: update the add-on" in line
        assert not (qa_content / "push-lock.json").exists()
        assert not list((qa_content.parent / "dist").glob("*.apkg*"))  # its package is gone
    collection.close()


def test_fields_renamed_in_anki_stop_push_before_any_write(
        qa_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    collection = fresh_collection(tmp_path / "anki")
    with Server(collection) as server:
        report(qa_content, server.url, capsys)
        model = collection.models.by_name("build_decks Q&A")
        collection.models.rename_field(model, model["flds"][1], "Back")
        collection.models.update_dict(model)
        card_id = load_content(qa_content).cards[0].id
        edit_card(qa_content, card_id, "answer", "Never written.")
        server.anki.requests.clear()
        line = one_error(*push(qa_content, server.url, capsys)[::2])
        assert ("note type 'build_decks Q&A' in Anki has the fields Question, Back, Id" in line
                and "rename them back" in line)
        assert not [a for a in sent(server) if a in WRITES]
    collection.close()


GOOD_ENTRY = {"hash": "0123456789abcdef", "note": 12, "model": "qa", "deck": "Test Prep::Serving",
              "fields": ["Q", "A", "qa-card", "", "", "", "", ""], "tags": ["topic::serving"],
              "removed": False}


@pytest.mark.parametrize(("key", "change", "problem"), [
    ("qa-card", {"note": "12"}, "`note` must be Anki's note id"),
    ("qa-card", {"fields": ["a"]}, "`fields` must list the 8 fields"),
    ("qa-card", {"model": "basic"}, "`model` must be one of"),
    ("qa-card", [1, 2], "is not an object"),
    ("qa-card", {"hash": "x"}, "`hash` is not a hash this tool writes"),
    ("qa-card", {"hash": "removed:<b>"}, "`hash` is not a hash this tool writes"),
    ("QA Card!", {}, "a card id is lower-case letters"),
    ("qa-card", {"tags": ["Has Space"]}, "`tags`: tags are lower-case words"),
    ("qa-card", {"tags": ["x"] * 1001}, "`tags`: at most 1000 tags"),
    ("qa-card", {"deck": "Test Prep:: "}, "`deck` must be a deck name"),
    ("qa-card", {"deck": "D" * 1_000_001}, "`deck` must be a deck name"),
    ("qa-card", {"fields": ["Q", "A" * 1_000_001, "qa-card", "", "", "", "", ""]},
     "`fields` must list the 8 fields"),
    ("qa-card", {"fields": ["Q", "A", "other-card", "", "", "", "", ""]},
     "its Id field is not its card id"),
    ("_model:basic", {"hash": "0123456789abcdef"}, "not a note type of this tool"),
])
def test_a_broken_push_lock_names_lock_entry_and_fix(qa_content: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture, key: str,
                                                     change: dict | list, problem: str) -> None:
    entry = change if isinstance(change, list) else (
        {"hash": "0123456789abcdef"} if key.startswith("_model:") else {**GOOD_ENTRY, **change})
    lock = qa_content / "push-lock.json"
    lock.write_text('{\n "_about": "x",\n "_model:qa": {"hash": "0123456789abcdef"},\n '
                    f'{json.dumps(key)}: {json.dumps(entry)}\n}}\n', encoding="utf-8")
    collection = fresh_collection(tmp_path / "anki")
    with Server(collection) as server:
        line = one_error(*push(qa_content, server.url, capsys)[::2])
        assert line.startswith(f"error: {lock}:4: invalid lock file: entry {key!r}: "), line
        assert problem in line and "delete this line" in line, line
        assert server.anki.requests == []
    collection.close()


def test_id_searches_are_escaped_for_anki(tmp_path: Path) -> None:
    """Anki's search syntax: `*`, `_`, `\\`, `"` and `:` are special in a field search."""
    collection = fresh_collection(tmp_path / "anki")
    model = collection.models.new("T")
    for name in ("Front", "Id"):
        collection.models.add_field(model, collection.models.new_field(name))
    template = collection.models.new_template("c")
    template["qfmt"], template["afmt"] = "{{Front}}", "{{Id}}"
    collection.models.add_template(model, template)
    collection.models.add(model)
    values = ["a*b", "a_b", "axb", 'a"b', "a\\b", "a:b", "nc:x", "a(b)", "sp ace", "-x", "дрейф"]
    for value in values:
        note = collection.new_note(collection.models.by_name("T"))
        note["Front"], note["Id"] = "x", value
        collection.add_note(note, 1)
    for value in values:
        found = [collection.get_note(n)["Id"] for n in collection.find_notes(
            field_query("Id", value))]
        assert found == [value]
    collection.close()


def test_all_compares_every_note_and_keeps_edits_made_only_in_anki(
        qa_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    collection = fresh_collection(tmp_path / "anki")
    cards = load_content(qa_content).cards
    with Server(collection) as server:
        report(qa_content, server.url, capsys)
        note = note_of(collection, cards[0].id)
        note["Answer"] = "<p>Only in Anki.</p>"
        collection.update_note(note)
        collection.remove_notes([note_of(collection, cards[1].id).id])  # deleted in Anki
        server.anki.requests.clear()
        assert push(qa_content, server.url, capsys)[0] == 0
        assert server.anki.requests == []  # nothing changed in the YAML: nothing looked at
        code, out, err = push(qa_content, server.url, capsys, "--all", "--json")
        assert code == 0 and f"1 note keeps text edited in Anki that the YAML did not " \
            f"change ({cards[0].id})" in err
        counts = json.loads(out)["counts"]
        assert (counts["added"], counts["updated"], counts["conflict"]) == (1, 0, 0)
        assert note_of(collection, cards[0].id)["Answer"] == "<p>Only in Anki.</p>"
        assert collection.note_count() == len(cards)
    collection.close()
