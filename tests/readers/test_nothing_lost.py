"""Nothing lost in silence: every question keeps its answer through the import, every passage
left out has a named reason, and the import lists the ones that are not boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import read, reasons

from build_decks.cli import main
from build_decks.config import load_config
from build_decks.importer import import_sources
from build_decks.yamlio import load_yaml

QUIZ = ("Python quiz\n\nQ: What is six times seven?\nA: 42\n\nQ: What does a binary search cost?\n"
        "A: O(log n)\n\nQ: How do you reverse a list in place?\nA: lst.reverse()\n\n"
        "Q: Which status means a missing page?\nA: 404 Not Found\n\nQ: Which word ends a loop?\n"
        "A: break\n")
NOTES = ("# HTTP notes\n\nA few notes first.\n\n## Question: What is a 301?\n\nA permanent "
         "redirect.\n\n## How does caching work?\n\n```http\nCache-Control: max-age=60\n```\n\n"
         "## Question: What is an ETag?\n\nA: 7\n\n## Why use HTTP/2?\n\nMultiplexing.\n\n"
         "## Tips\n\nRead the RFCs.\n\n## License\n\nMIT.\n")
EXPECTED = {"What is six times seven?": "42", "What does a binary search cost?": "O(log n)",
            "How do you reverse a list in place?": "lst.reverse()",
            "Which status means a missing page?": "404 Not Found",
            "Which word ends a loop?": "break", "What is a 301?": "A permanent redirect.",
            "How does caching work?": "```http\nCache-Control: max-age=60\n```",
            "What is an ETag?": "7", "Why use HTTP/2?": "Multiplexing."}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "quiz.txt").write_text(QUIZ, encoding="utf-8")
    (folder / "sources" / "http.md").write_text(NOTES, encoding="utf-8")
    (folder / "config.yaml").write_text("title: T\n", encoding="utf-8")
    (folder / "topics.yaml").write_text("default: g\ntopics:\n  - id: g\n    title: G\n",
                                        encoding="utf-8")
    return folder


def test_a_txt_and_an_md_note_keep_every_answer(content: Path) -> None:
    import_sources(load_config(content))
    found = {card["question"]: card.get("answer") for deck in ("quiz", "http")
             for card in load_yaml(content / "decks" / f"{deck}.yaml")["cards"]}
    assert found == EXPECTED


def test_the_import_lists_what_it_left_out_and_verbose_names_the_rules(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--content", str(content), "import"]) == 0
    plain = capsys.readouterr().err
    assert "sources/http.md:3: dropped: section introduction (under its heading, before its " \
           "questions) (line 3): 'A few notes first.'" in plain  # named, and still listed
    assert "sources/http.md:23: dropped: tips section (lines 23-25): '## Tips'" in plain
    assert "licence section" not in plain and "found:" not in plain  # boilerplate, rules: -v
    assert main(["--content", str(content), "import", "--verbose"]) == 0
    verbose = capsys.readouterr().err
    assert "sources/quiz.txt:3: found: qa (markers): 'What is six times seven?'" in verbose
    assert "sources/http.md:5: found: qa (headings): 'What is a 301?'" in verbose
    assert "licence section" in verbose and "tips section" in verbose


def test_each_unread_passage_has_a_named_reason(tmp_path: Path) -> None:
    doc = read(tmp_path, "Intro text before anything.\n\n🔹 Docker\n\n- What is an image?\n"
               "- What is a layer?\n\nTip: keep images small.\n\nSome words between.\n\n"
               "- What is a volume?\n\nThe end, thanks for reading.\n")
    assert {"introduction (before the first question)", "section label", "tip or note",
            "outside any question", "closing text (after the last question)"} <= reasons(doc)
    spans = {d.reason: (d.line, d.end) for d in doc.dropped}
    assert spans["outside any question"] == (10, 10)


def test_an_empty_answer_label_is_reported(tmp_path: Path) -> None:
    doc = read(tmp_path, "Q: What is X?\nA:\n\nQ: What is Y?\nA: Y.\n")
    assert "empty answer" in reasons(doc)


def test_a_plain_text_note_is_read_and_decoded_once(tmp_path: Path, monkeypatch) -> None:
    from build_decks.readers import markdown, read_source, text
    calls: list[Path] = []
    real = text.decode
    monkeypatch.setattr(text, "decode", lambda data, path: calls.append(path) or real(data, path))
    path = tmp_path / "notes.txt"
    path.write_text("Q: What is X?\nA: Y.\n", encoding="utf-8")
    assert [e.front for e in read_source(path)[1].entries] == ["What is X?"]
    assert calls == [path]
    assert markdown.read(path, "Q: What is Z?\nA: W.\n").entries[0].front == "What is Z?"
