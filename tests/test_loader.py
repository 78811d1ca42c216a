"""Loading validates everything and reports every error with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from build_decks.errors import ContentError, ContentErrors
from build_decks.loader import load_content

BAD_DECK = FIXTURES / "bad_deck.yaml"


def use_deck(content: Path, deck: str, text: str) -> Path:
    path = content / "decks" / f"{deck}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_content_loads(fixture_content: Path) -> None:
    content = load_content(fixture_content)
    assert [d.name for d in content.decks] == ["qa", "details", "headings", "blog", "outline"]
    assert {c.kind for c in content.cards} == {"qa", "term", "prompt"}
    assert all(c.origin.startswith("sources/") for c in content.cards)


def test_every_error_is_reported_with_its_line(fixture_content: Path) -> None:
    path = use_deck(fixture_content, "qa", BAD_DECK.read_text(encoding="utf-8"))
    with pytest.raises(ContentErrors) as caught:
        load_content(fixture_content)
    found = [(e.path, e.line, e.message) for e in caught.value.errors]
    assert found == [
        (path, 8, "card 'no-answer': `answer` is missing (use kind: prompt for a question "
                  "without one)"),
        (path, 13, "card 'bad-kind': `kind` must be one of qa, term, prompt, cloze (got 'quiz')"),
        (path, 20, "card 'typo': unknown field `anwser` for a qa card"),
        (path, 16, "card 'typo': `answer` is missing (use kind: prompt for a question without "
                   "one)"),
        (path, 23, "card 'bad-topic': unknown topic 'cooking' (see content/topics.yaml)"),
        (path, 29, "card 'bad-tags': bad tag 'Has Space' (lower-case, no spaces, '::' for "
                   "levels)"),
        (path, 32, "card 'Bad_ID': id must be lower-case letters, digits and '-'"),
        (path, 36, "card 'term-no-def': `definition` is missing"),
        (path, 40, "card has no `id`"),
        (path, 43, f"duplicate id 'ok-card' (first used at {path}:3)"),
    ]


def test_duplicate_id_across_decks_names_both_places(fixture_content: Path) -> None:
    blog = fixture_content / "decks" / "blog.yaml"
    use_deck(fixture_content, "qa", blog.read_text(encoding="utf-8"))
    with pytest.raises(ContentErrors) as caught:
        load_content(fixture_content)
    messages = [str(e) for e in caught.value.errors]
    assert len(messages) == 2
    assert all("duplicate id 'blog-" in m and "blog.yaml:" in m for m in messages)


def test_broken_yaml_names_file_and_line(fixture_content: Path) -> None:
    path = use_deck(fixture_content, "qa", "title: x\ncards:\n- id: a\n  question: [unclosed\n")
    with pytest.raises(ContentErrors) as caught:
        load_content(fixture_content)
    error = caught.value.errors[0]
    assert error.path == path and error.line == 5 and "invalid YAML" in error.message


def test_deck_without_cards_list(fixture_content: Path) -> None:
    use_deck(fixture_content, "qa", "title: x\ncards: nope\n")
    with pytest.raises(ContentErrors, match=r"qa\.yaml:1: a deck file needs a `cards:` list"):
        load_content(fixture_content)


def test_config_errors_name_the_config(fixture_content: Path) -> None:
    config = fixture_content / "config.yaml"
    config.write_text(config.read_text() + "  - name: Bad Name\n    file: sources/missing.md\n")
    with pytest.raises(ContentErrors) as caught:
        load_content(fixture_content)
    assert [str(e).split(": ", 1)[1] for e in caught.value.errors] == [
        "source name 'Bad Name': use a-z, 0-9 and -",
        "source file 'sources/missing.md' not found under sources/",
    ]
    assert all(isinstance(e, ContentError) and e.line == 16 for e in caught.value.errors)


def test_answered_prompt_studies_as_qa(fixture_content: Path) -> None:
    deck = fixture_content / "decks" / "details.yaml"
    text = deck.read_text(encoding="utf-8").replace(
        "question: What is an inference server?",
        "question: What is an inference server?\n  answer: A process that serves models.")
    deck.write_text(text, encoding="utf-8")
    card = next(c for c in load_content(fixture_content).cards
                if c.id == "details-inference-server")
    assert card.kind == "qa" and card.back == "A process that serves models."
