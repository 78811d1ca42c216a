"""Re-imports: deterministic, and hand edits in the YAML survive them."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, make_content

from build_decks.config import load_config
from build_decks.importer import import_sources


def snapshot(content: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((content / "decks").iterdir())} | {
        "lock": (content / "import-lock.json").read_bytes()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_reimport_of_unchanged_sources_changes_no_byte(fixture_content: Path) -> None:
    before = snapshot(fixture_content)
    result = import_sources(load_config(fixture_content))
    assert result.written == []
    assert snapshot(fixture_content) == before


def test_two_fresh_imports_give_identical_yaml(tmp_path: Path) -> None:
    sources = {"blog": FIXTURES / "sources" / "blog_variants.txt"}
    first = make_content(tmp_path / "a", sources)
    second = make_content(tmp_path / "b", sources)
    import_sources(load_config(first))
    import_sources(load_config(second))
    assert snapshot(first) == snapshot(second)


def test_hand_edits_survive_a_reimport(fixture_content: Path) -> None:
    deck = fixture_content / "decks" / "qa.yaml"
    edit(deck, "  question: A question nobody answered?\n",
         "  question: A question nobody answered?\n  answer: My own answer.\n")
    edit(deck, "topic: strategies", "topic: monitoring")
    result = import_sources(load_config(fixture_content))
    text = deck.read_text(encoding="utf-8")
    assert "answer: My own answer." in text and "topic: monitoring" in text
    assert deck not in result.written
    assert not [f for f in result.findings if f.kind == "conflict"]


def test_source_change_is_applied_when_the_card_was_not_edited(fixture_content: Path) -> None:
    source = fixture_content / "sources" / "qa_variants.txt"
    source.write_bytes(source.read_bytes().replace(b"Run the new model", b"Run the candidate"))
    import_sources(load_config(fixture_content))
    text = (fixture_content / "decks" / "qa.yaml").read_text(encoding="utf-8")
    assert "answer: Run the candidate without returning its output." in text
    assert "id: qa-shadow-mode" in text


def test_conflicting_source_change_is_reported_and_the_edit_kept(fixture_content: Path) -> None:
    deck = fixture_content / "decks" / "qa.yaml"
    edit(deck, "Run the new model without returning its output.", "My corrected answer.")
    source = fixture_content / "sources" / "qa_variants.txt"
    source.write_bytes(source.read_bytes().replace(b"Run the new model", b"Run the candidate"))
    result = import_sources(load_config(fixture_content))
    conflicts = [f for f in result.findings if f.kind == "conflict"]
    assert len(conflicts) == 1
    assert conflicts[0].path.endswith("qa.yaml") and conflicts[0].line > 0
    assert "qa-shadow-mode" in conflicts[0].message and "Run the candidate" in conflicts[0].message
    assert "My corrected answer." in deck.read_text(encoding="utf-8")


def test_reworded_question_keeps_its_id_and_new_questions_get_new_ones(
        fixture_content: Path) -> None:
    source = fixture_content / "sources" / "qa_variants.txt"
    data = source.read_bytes().replace(b"What is shadow mode?", b"What is a shadow mode?")
    source.write_bytes(data + b"\r\n\r\nQ: What is a canary release?\r\nA: A small rollout.")
    import_sources(load_config(fixture_content))
    text = (fixture_content / "decks" / "qa.yaml").read_text(encoding="utf-8")
    assert "id: qa-shadow-mode\n" in text and "question: What is a shadow mode?" in text
    assert "id: qa-canary-release\n" in text


def test_removed_question_is_reported(fixture_content: Path) -> None:
    source = fixture_content / "sources" / "qa_variants.txt"
    data = source.read_bytes()
    source.write_bytes(data[:data.index(b"Q1)")])
    result = import_sources(load_config(fixture_content))
    removed = [f.message for f in result.findings if f.kind == "removed"]
    assert removed == ["qa-question-nobody-answered: no longer in the source; removed",
                       "qa-last-one: no longer in the source; removed"]


def test_hand_added_card_is_kept(fixture_content: Path) -> None:
    deck = fixture_content / "decks" / "qa.yaml"
    with deck.open("a", encoding="utf-8") as out:
        out.write("- id: my-own-card\n  kind: qa\n  topic: testing\n"
                  "  question: Mine?\n  answer: Yes.\n")
    import_sources(load_config(fixture_content))
    assert "id: my-own-card" in deck.read_text(encoding="utf-8")


def test_a_lost_lock_neither_duplicates_cards_nor_loses_edits(fixture_content: Path) -> None:
    deck = fixture_content / "decks" / "qa.yaml"
    edit(deck, "Run the new model without returning its output.", "My corrected answer.")
    (fixture_content / "import-lock.json").unlink()
    import_sources(load_config(fixture_content))
    text = deck.read_text(encoding="utf-8")
    assert text.count("- id: ") == 4 and "-2\n" not in text
    assert "My corrected answer." in text
