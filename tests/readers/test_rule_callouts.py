"""Rules `callouts` and `question-box` (rules/summaries.py): Obsidian callouts read by their
title as admonitions are, and boxes whose type says they ask."""

from __future__ import annotations

from pathlib import Path

from reading import answer, cards, read, rules


def test_a_folded_callout_whose_title_asks_is_a_question_and_its_quoted_body_the_answer(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "# Search\n\n## Questions\n\n"
               "> [!QUESTION]- What is an admissible heuristic?\n>\n"
               "> - It never overestimates the cost.\n> - It keeps A* optimal.\n\n"
               "> [!question]+ Why does consistency matter?\n"
               "> Each node is expanded once.\n")
    assert cards(doc) == [("qa", "What is an admissible heuristic?"),
                          ("qa", "Why does consistency matter?")]
    assert rules(doc) == ["callouts", "callouts"]
    assert answer(doc, "What is an admissible heuristic?") == (
        "- It never overestimates the cost.\n- It keeps A* optimal.")
    assert answer(doc, "Why does consistency matter?") == "Each node is expanded once."


def test_a_question_box_titled_with_a_stem_that_trails_off_is_a_question(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "# Messaging\n\n"
               '??? question "1. During dispatch() of an async message, the handler…"\n'
               "    **does not run**: the message is sent to the transport.\n\n"
               "> [!faq]- A consumer that falls behind the broker...\n"
               "> pauses the partition until it catches up.\n")
    assert cards(doc) == [("qa", "During dispatch() of an async message, the handler…"),
                          ("qa", "A consumer that falls behind the broker...")]
    assert answer(doc, "A consumer that falls behind the broker...") == (
        "pauses the partition until it catches up.")


def test_a_question_box_titled_with_a_name_is_no_such_stem(tmp_path: Path) -> None:
    doc = read(tmp_path, "# DP\n\n## What is memoization?\n\nCaching results.\n\n"
               '!!! question "Climbing stairs"\n'
               "    Given $n$ steps, in how many ways can you climb them?\n")
    assert "Climbing stairs" not in [front for _, front in cards(doc)]


def test_a_callout_titled_answer_after_a_question_is_its_answer_block(tmp_path: Path) -> None:
    doc = read(tmp_path, "# ML\n\n**What is overfitting?**\n\n"
               "> [!success]- Answer\n> The model learns the noise of its training data.\n")
    assert cards(doc) == [("qa", "What is overfitting?")]
    assert answer(doc, "What is overfitting?") == (
        "The model learns the noise of its training data.")


def test_other_callouts_and_untitled_alerts_are_read_as_the_quotes_they_are(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "# ML\n\n## What is dropout?\n\nIt drops units at random.\n\n"
               "> [!tip] Keep it short\n> Say it in one line.\n\n"
               "## Checklist\n\n> [!note]\n> - What is a heap?\n> - What is a trie?\n")
    assert ("qa", "What is dropout?") in cards(doc)
    assert "[!tip] Keep it short" in answer(doc, "What is dropout?")
    assert "What is a heap?" in [front for _, front in cards(doc)]


def test_a_pair_written_in_a_quote_answers_without_the_quotes_marks(tmp_path: Path) -> None:
    """Rule `quoted-pair` (answers.out_of_its_quote)."""
    doc = read(tmp_path, "# FAQ\n\n> **Q:** Will retries work with data providers?\n"
               "> **A:** Yes, with the same value each time.\n"
               "> This holds for generators too.\n>\n> > A nested quote stays one.\n\n"
               "---\n\n> **Q:** Can I set it from the CLI?\n> **A:** No.\n")
    assert cards(doc) == [("qa", "Will retries work with data providers?"),
                          ("qa", "Can I set it from the CLI?")]
    assert answer(doc, "Will retries work with data providers?") == (
        "Yes, with the same value each time.\nThis holds for generators too.\n\n"
        "> A nested quote stays one.")
    assert answer(doc, "Can I set it from the CLI?") == "No."


def test_a_quoted_answer_under_a_question_outside_the_quote_is_as_before(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "# ML\n\n## What is bagging?\n\n> Training on bootstrap samples\n"
               "> and averaging the models.\n")
    assert answer(doc, "What is bagging?") == (
        "Training on bootstrap samples\nand averaging the models.")


def test_an_answer_callout_inside_a_question_callout_gives_its_body(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Python\n\n> [!question]- What does `yield` do?\n"
               "> > [!success]- Answer\n> > It makes the function a generator.\n"
               "> > > Lazily.\n")
    assert cards(doc) == [("qa", "What does `yield` do?")]
    assert answer(doc, "What does `yield` do?") == (
        "It makes the function a generator.\n> Lazily.")
