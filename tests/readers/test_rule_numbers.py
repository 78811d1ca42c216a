"""Rule `numbers`: an item's number standing alone on its line (`7.`) labels the text after it
as a question; what follows answers it, to the next number line."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import answer, cards, context, finder, first, read, rules

from build_decks.readers.elements import Paragraph
from build_decks.readers.rule import LeftOut, LineUnit, Open
from build_decks.readers.rules import REGISTRY
from build_decks.readers.rules.numbers import ITEM_NUMBER, glued_number, number_of

# After a blank line `1.` is an empty list item; right under an answer line, `3.` cannot
# interrupt the paragraph and is one of its lines. Both label the line after them.
QUIZ = ("1.\nWhich port does HTTPS use by default?\n\n443\n\n"
        "2.\nWhat does `len([1, 2, 3])` return?\n\n    x = len([1, 2, 3])\n\n3\n"
        "3.\nName the two kinds of cache miss:\nCold misses and capacity misses.\n"
        "4.\nIs a tuple mutable?\nNo, never.\nCheck the docs\n\n"
        "5.\nWhat does DNS translate?\nNames into addresses.\n")


@pytest.mark.parametrize("name", ["quiz.md", "quiz.txt"])
def test_a_number_alone_on_its_line_labels_the_question_after_it(tmp_path: Path,
                                                                  name: str) -> None:
    doc = read(tmp_path, QUIZ, name)
    assert cards(doc) == [
        ("qa", "Which port does HTTPS use by default?"),
        ("qa", "What does `len([1, 2, 3])` return?"),
        ("qa", "Name the two kinds of cache miss:"),
        ("qa", "Is a tuple mutable?"),
        ("qa", "What does DNS translate?")]
    assert set(rules(doc)) == {"numbers"}
    assert answer(doc, "Which port does HTTPS use by default?") == "443"
    assert answer(doc, "Name the two kinds of cache miss:") == "Cold misses and capacity misses."
    assert answer(doc, "Is a tuple mutable?") == "No, never.\nCheck the docs"
    assert answer(doc, "What does DNS translate?") == "Names into addresses."
    # A bare number is an answer (a count, a year), never a label: it stays in its answer.
    assert answer(doc, "What does `len([1, 2, 3])` return?").endswith("3")
    # The numbers are markup: left out, and listed only by `import -v`.
    numbers = [d for d in doc.dropped if d.reason == ITEM_NUMBER]
    assert [d.text for d in numbers] == ["1.", "2.", "3.", "4.", "5."]
    assert all(d.boilerplate for d in numbers)
    assert all(d.reason == ITEM_NUMBER for d in doc.dropped)


@pytest.mark.parametrize(("text", "front", "back"), [
    ("1)\nWas ist ein Primärschlüssel?\nEin eindeutiger Schlüssel.\n2)\nWozu dient ein Index?\n"
     "Er beschleunigt die Suche.\n", "Was ist ein Primärschlüssel?", "Ein eindeutiger Schlüssel."),
    ("1.\nЧто такое процесс?\n\nПрограмма во время исполнения.\n\n2.\nЧто такое поток?\n\n"
     "Часть процесса.\n", "Что такое поток?", "Часть процесса."),
    ("7.\n¿Qué devuelve `type(1.0)`?\nfloat\n\n8.\nExplica qué es un decorador.\n"
     "Una función que envuelve a otra.\n", "Explica qué es un decorador.",
     "Una función que envuelve a otra."),
    ("1.\n什么是死锁？\n\n两个进程互相等待。\n\n2.\n什么是饥饿？\n\n一个进程永远得不到资源。\n",
     "什么是死锁？", "两个进程互相等待。"),
])
def test_number_lines_in_many_languages(tmp_path: Path, text: str, front: str,
                                        back: str) -> None:
    doc = read(tmp_path, text)
    assert len(cards(doc)) == 2 and set(rules(doc)) == {"numbers"}
    assert answer(doc, front) == back


def test_a_stray_number_counts_nothing_and_labels_nothing(tmp_path: Path) -> None:
    """`3.` alone, with no number line one less before it or one more after it, is text."""
    doc = read(tmp_path, "Q: What is the result of 7 // 2?\nA: It is\n3.\n"
               "Integer division rounds down.\n")
    assert cards(doc) == [("qa", "What is the result of 7 // 2?")]
    assert answer(doc, "What is the result of 7 // 2?") == (
        "It is\n3.\nInteger division rounds down.")
    assert not {d.reason for d in doc.dropped}
    assert number_of("3.") == 3 and number_of("12)") == 12
    assert number_of("3") is None and number_of("3. x") is None and number_of("v3.") is None


def test_the_match_alone_opens_the_labelled_line_and_leaves_the_number_out() -> None:
    found = finder("Notes.\n1.\nWhat is a mutex?\nA lock.\n2.\nWhat is a semaphore?\nA counter.\n")
    para = first(found, Paragraph)
    words = tuple(found.source.lines[:7])
    match = REGISTRY["numbers"].match
    number = match(LineUnit(para, 1, words), context(found, para))
    assert number == [LeftOut(1, 2, ITEM_NUMBER, "1.")]
    opened = match(LineUnit(para, 2, words), context(found, para))
    assert isinstance(opened[0], Open) and opened[0].question.front == "What is a mutex?"
    assert match(LineUnit(para, 3, words), context(found, para)) is None
    assert match(LineUnit(para, 0, words), context(found, para)) is None


def test_a_number_line_inside_a_heading_question_keeps_its_answer_whole(tmp_path: Path) -> None:
    """A heading's answer is its whole section: numbered lines there are its own steps."""
    doc = read(tmp_path, "## How do you roll back a release?\n\n1.\nStop the rollout.\n\n2.\n"
               "Redeploy the previous image.\n")
    assert cards(doc) == [("qa", "How do you roll back a release?")]
    assert answer(doc, "How do you roll back a release?") == (
        "1.\nStop the rollout.\n\n2.\nRedeploy the previous image.")


def test_a_number_glued_to_its_text_is_an_item_whose_line_is_the_question(
        tmp_path: Path) -> None:
    """`2.[Go to statement](q2.md)`: no space after the number, so no list item; the page
    shows numbered lines, each an item of its own, however many lines a paragraph holds. A
    topic that does not ask is a prompt, not the answer of the question above it."""
    doc = read(tmp_path, "### C\n\n1.[What is pragma in C](c/1.md)\n\n2.[Go to statement](c/2.md)"
               "\n\n3.What is `const`?\nA qualifier.\n\n### OS\n\n1.What is an OS?\n"
               "2.[Banker's algorithm](os/2.md)\n")
    assert cards(doc) == [("prompt", "[What is pragma in C](c/1.md)"),
                          ("prompt", "[Go to statement](c/2.md)"), ("qa", "What is `const`?"),
                          ("prompt", "What is an OS?"), ("prompt", "[Banker's algorithm](os/2.md)")]
    assert answer(doc, "What is `const`?") == "A qualifier."


@pytest.mark.parametrize(("words", "number"), [
    ("2.What is LIFO?", 2), ("3)[Link](x.md)", 3), ("1.5 seconds", None), ("1. spaced", None),
    ("v2.0", None), ("12.", None)])
def test_glued_number(words: str, number: int | None) -> None:
    assert glued_number(words) == number


def test_glued_numbers_that_do_not_count_stay_prose(tmp_path: Path) -> None:
    doc = read(tmp_path, "Q: How long does a cold start take?\n\nA: About\n3.5x slower, or\n"
               "4.Xms at worst.\n")
    assert cards(doc) == [("qa", "How long does a cold start take?")]
    assert answer(doc, "How long does a cold start take?") == (
        "About\n3.5x slower, or\n4.Xms at worst.")


def test_a_number_written_twice_counts_where_the_first_does(tmp_path: Path) -> None:
    """`4.` twice (a slip) with the next section numbered from 1: the second `4.` is an item of
    its own, not the first one's answer; a repeated number that counts nothing stays prose."""
    doc = read(tmp_path, "## C\n\n3.What is a pointer?\n\n4.What is const?\n\n4.What is strcmp?\n\n"
               "## DSA\n\n1.What is a stack?\n\n2.What is a queue?\n")
    assert [front for _, front in cards(doc)] == [
        "What is a pointer?", "What is const?", "What is strcmp?", "What is a stack?",
        "What is a queue?"]
    doc = read(tmp_path, "Q: How fast is it?\n\nA: About\n4.Xms once,\n4.Xms again.\n")
    assert answer(doc, "How fast is it?") == "About\n4.Xms once,\n4.Xms again."
