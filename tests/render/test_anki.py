"""The .apkg packages, imported with the real Anki library into fresh collections."""

from __future__ import annotations

import html
import re
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from anki_import import fresh_collection, import_package

from build_decks.errors import RenderError
from build_decks.loader import load_content
from build_decks.render import anki
from build_decks.render.options import BuildOptions

NOW = 1_760_000_000


def build(content_root: Path, dist: Path, now: int = NOW) -> Path:
    options = BuildOptions(dist=dist, content_root=content_root, now=now)
    return anki.build(load_content(content_root), options).paths[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def seed_package(seed_content: Path, tmp_path: Path) -> Path:
    return build(seed_content, tmp_path / "dist")


def test_seed_package_imports_every_note_and_card(seed_content: Path, seed_package: Path,
                                                  tmp_path: Path) -> None:
    content = load_content(seed_content)
    notes, terms = len(content.cards), sum(1 for c in content.cards if c.kind == "term")
    collection = fresh_collection(tmp_path / "anki")
    log = import_package(collection, seed_package)
    assert (len(log.new), len(log.updated)) == (notes, 0)
    assert not log.duplicate and not log.conflicting and not log.missing_notetype
    assert collection.note_count() == notes
    assert collection.card_count() == notes + terms  # terms have a reverse card
    per_deck = {}
    for deck in collection.decks.all_names_and_ids():
        query = f'"deck:{deck.name}" -"deck:{deck.name}::*"'
        kinds = Counter(tag for nid in collection.find_notes(query)
                        for tag in collection.get_note(nid).tags if tag.startswith("kind::"))
        if kinds:
            per_deck[deck.name.removeprefix(f"{content.title}::")] = dict(kinds)
    titles = {t.id: t.title for t in content.topics}
    expected: dict[str, Counter] = {}
    for card in content.cards:
        expected.setdefault(titles[card.topic], Counter())[f"kind::{card.kind}"] += 1
    assert per_deck == {name: dict(kinds) for name, kinds in expected.items()}
    collection.close()


def note_by_id(collection, card_id: str):
    nids = collection.find_notes(f'"Id:{card_id}"')
    assert len(nids) == 1, card_id
    return collection.get_note(nids[0])


def test_fields_tags_and_rendered_cards(seed_package: Path, tmp_path: Path) -> None:
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, seed_package)
    note = note_by_id(collection, "mlops-qa-training-serving-skew")
    assert note["Question"] == "What is Training-Serving Skew?"
    assert "<ul>\n<li>A discrepancy between how you handle data" in note["Answer"]
    assert note["Source"] == "cloud.google.com · MLOps Questions with Sources"
    assert note["Topic"] == "Monitoring and drift"
    assert sorted(note.tags) == ["drift", "kind::qa", "source::mlops-qa", "topic::monitoring"]
    assert not re.search(r'style=|color:', note["Answer"])
    back = note.cards()[0].answer()
    assert "cloud.google.com" in back and "Training-serving skew is a difference" in back

    term = note_by_id(collection, "mastering-deployment-grpc")
    fronts = [card.question() for card in term.cards()]
    assert "gRPC" in fronts[0] and "Google Remote Procedure Call" in fronts[1]
    assert "gRPC" in term.cards()[1].answer()

    prompt = note_by_id(collection, "mastering-deployment-rest-api-serving-compare-grpc")
    assert prompt["Answer"] == ""
    prompt_back = prompt.cards()[0].answer()
    assert "No reference answer" in prompt_back
    assert "REST API" in prompt["Related"] and "Google Remote Procedure Call" in prompt["Related"]
    collection.close()


def test_every_prompt_back_has_text_and_its_related_cards(
        seed_content: Path, seed_package: Path, tmp_path: Path) -> None:
    content = load_content(seed_content)
    related = {c.id: len(content.related(c)) for c in content.cards if c.kind == "prompt"}
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, seed_package)
    prompts = collection.find_notes("tag:kind::prompt")
    assert len(prompts) == len(related)
    assert sum(1 for n in related.values() if n) >= 0.5 * len(related)  # by subject only
    for nid in prompts:
        note = collection.get_note(nid)
        assert note["Related"].count("<li>") == related[note["Id"]], note["Id"]
        back = note.cards()[0].answer()
        assert "No reference answer" in back
        assert ("Related cards" in back) == bool(related[note["Id"]])  # never an empty list
    collection.close()


def test_one_edited_answer_updates_one_note_and_keeps_review_history(
        seed_content: Path, tmp_path: Path) -> None:
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, build(seed_content, tmp_path / "v1"))
    note = note_by_id(collection, "mlops-blog-model-concept-drift")
    card = note.cards()[0]
    card.start_timer()
    collection.sched.answerCard(card, 3)
    reviewed = collection.get_card(card.id)
    assert reviewed.reps == 1

    edit(seed_content / "decks" / "mlops-blog.yaml", "This almost always requires model "
         "retraining.", "This almost always requires retraining on fresh data.")
    log = import_package(collection, build(seed_content, tmp_path / "v2", now=NOW + 5))
    assert [n.fields[2] for n in log.updated] == ["mlops-blog-model-concept-drift"]
    assert not log.new and not log.conflicting
    assert collection.note_count() == len(load_content(seed_content).cards)
    after = collection.get_card(card.id)
    assert after.reps == 1 and after.ivl == reviewed.ivl and after.due == reviewed.due
    assert "fresh data" in note_by_id(collection, "mlops-blog-model-concept-drift")["Answer"]
    collection.close()


def test_an_edit_within_the_same_second_still_updates(seed_content: Path, tmp_path: Path) -> None:
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, build(seed_content, tmp_path / "v1"))
    edit(seed_content / "decks" / "readiness.yaml", "Causal Inference is", "Causal inference is")
    log = import_package(collection, build(seed_content, tmp_path / "v2"))  # same clock
    assert len(log.updated) == 1


def test_unchanged_rebuild_imports_nothing_new_and_updates_nothing(
        seed_content: Path, tmp_path: Path) -> None:
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, build(seed_content, tmp_path / "v1"))
    log = import_package(collection, build(seed_content, tmp_path / "v2", now=NOW + 3600))
    notes = len(load_content(seed_content).cards)
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, notes)
    collection.close()


class Attributes(HTMLParser):
    """Every attribute value in some HTML (where a live `javascript:` URL would be)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.values += [value or "" for _, value in attrs]


def test_hostile_content_is_inert_and_template_syntax_literal(
        hostile_content: Path, tmp_path: Path) -> None:
    collection = fresh_collection(tmp_path / "anki")
    log = import_package(collection, build(hostile_content, tmp_path / "dist"))
    assert len(log.new) == 4
    rendered = []
    for nid in collection.find_notes(""):
        note = collection.get_note(nid)
        for card in note.cards():
            rendered += [card.question(), card.answer()]
        rendered += list(note.fields)
    text = "\n".join(rendered)
    lowered = text.lower()
    for bad in ("<script", "onerror", "onload", "onclick", "onmouseover", "<iframe",
                "<style>body", "<svg", "<img"):
        assert bad not in lowered, bad
    attributes = Attributes()
    attributes.feed(text)
    assert not [v for v in attributes.values if v.strip().lower().startswith("javascript:")]
    assert "[here](javascript:alert(3))" in text  # refused as a link: shown as the text it is
    visible = html.unescape(re.sub(r"<[^>]+>", "", text))
    for literal in ("{{ 7*7 }}", "{% for x in y %}", "{{Question}}", "{{FrontSide}}",
                    "{{c1::cloze}}", "{{Term}}", "{% raw %}", "{{ config }}"):
        assert literal in visible, literal
    assert '<pre class="hl">' in text and "<table>" in text
    collection.close()


def test_package_is_deflated_with_fixed_entry_times(seed_package: Path) -> None:
    with zipfile.ZipFile(seed_package) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == ["collection.anki2", "media"]
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
    assert infos[0].compress_size * 4 < infos[0].file_size
    assert all(i.date_time == infos[0].date_time for i in infos)


def test_same_input_and_time_give_identical_bytes(seed_content: Path, tmp_path: Path) -> None:
    first = build(seed_content, tmp_path / "a").read_bytes()
    assert build(seed_content, tmp_path / "b").read_bytes() == first


def test_note_type_fields_never_change() -> None:
    """Adding, renaming or reordering a field forks the note type in every user's collection."""
    assert anki.QA_FIELDS == ("Question", "Answer", "Id", "Topic", "Source", "Related", "Notes",
                              "Extra")
    assert anki.TERM_FIELDS == ("Term", "Definition", "Id", "Topic", "Source", "Related",
                                "Notes", "Extra")
    assert (anki.QA_MODEL_ID, anki.TERM_MODEL_ID) == (1763840001, 1763840002)


def test_deck_names_are_validated() -> None:
    with pytest.raises(RenderError, match="bad Anki deck name"):
        anki.deck_name("Root", " padded ")
