"""Rule `markers`: a line labelled as a question; its answer, the label taken off, whatever
its length."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import answer, cards, context, finder, first, read, rules

from build_decks.readers.elements import Paragraph
from build_decks.readers.rule import LeftOut, LineUnit, Open, Skip
from build_decks.readers.rules import REGISTRY

SHORT_ANSWERS = ("Q: What is six times seven?\nA: 42\n\nQ: What does a binary search cost?\n"
                 "A: O(log n)\n\nQ: How do you reverse a list in place?\nA: lst.reverse()\n\n"
                 "Q: Which status is a missing page?\nA: 404 Not Found\n\n"
                 "Q: Which word ends a loop?\nA: break\n\nQ: Is 0 falsy in Python?\nAns. Yes\n")


@pytest.mark.parametrize("name", ["notes.txt", "notes.md"])
def test_answers_of_one_word_a_number_or_code_are_kept(tmp_path: Path, name: str) -> None:
    doc = read(tmp_path, SHORT_ANSWERS, name)
    assert [answer(doc, front) for _, front in cards(doc)] == [
        "42", "O(log n)", "lst.reverse()", "404 Not Found", "break", "Yes"]
    assert set(rules(doc)) == {"markers"}


def test_the_match_alone_opens_a_question_and_reads_its_continuation() -> None:
    found = finder("Q: What is the cost of\nhashing a key?\nA: O(1).\n")
    para = first(found, Paragraph)
    words = ("Q: What is the cost of", "hashing a key?", "A: O(1).")
    actions = REGISTRY["markers"].match(LineUnit(para, 0, words), context(found, para))
    assert isinstance(actions[0], Open) and actions[1] == Skip(1)
    assert actions[0].question.front == "What is the cost of hashing a key?"
    assert REGISTRY["markers"].match(LineUnit(para, 2, words), context(found, para)) is None


@pytest.mark.parametrize(("text", "front", "back"), [
    ("**Q: Stack vs queue?** LIFO against FIFO.\n", "Stack vs queue?", "LIFO against FIFO."),
    ("**Frage:** Was ist ein Index?  \n**Antwort:** Eine Suchstruktur.\n", "Was ist ein Index?",
     "Eine Suchstruktur."),
    ("**问：** 什么是索引？  \n**答：** 一种数据结构。\n", "什么是索引？", "一种数据结构。"),
    ("**Question :** Combien d'hôtes dans un /26 ?\n\n**Réponse :** 62.\n",
     "Combien d'hôtes dans un /26 ?", "62."),
    ("Вопрос: Что такое GIL?\nОтвет: Глобальная блокировка интерпретатора.\n",
     "Что такое GIL?", "Глобальная блокировка интерпретатора."),
    ("質問：インデックスとは何ですか？\n答え：検索を速くする構造です。\n",
     "インデックスとは何ですか？", "検索を速くする構造です。"),
    ("**Domanda:** Cos'è un indice?\n**Risposta:** Una struttura di ricerca.\n",
     "Cos'è un indice?", "Una struttura di ricerca."),
])
def test_labels_in_many_languages(tmp_path: Path, text: str, front: str, back: str) -> None:
    doc = read(tmp_path, "# Notes\n\n" + text)
    assert cards(doc) == [("qa", front)] and answer(doc, front) == back


def test_a_question_runs_to_its_answer_label(tmp_path: Path) -> None:
    doc = read(tmp_path, "Q: Define the following terms:\n- agent\n- reward\nA: The agent acts; the"
               " reward scores it.\n\nQ: Which option is right?\na) 12\nb) 11\n\nA: b\n")
    assert cards(doc) == [("qa", "Define the following terms:\n- agent\n- reward"),
                          ("qa", "Which option is right?\na) 12\nb) 11")]
    assert answer(doc, "Which option is right?\na) 12\nb) 11") == "b"


def test_display_math_over_several_lines_of_an_answer_is_kept_whole(tmp_path: Path) -> None:
    """`$$` on its own line inside a paragraph is one inline token over several source lines:
    the answer keeps every one of them, not only the line where the token ends."""
    doc = read(tmp_path, "## Q: What is the general form?\nA: \n$$\nx = 1 \\\\\ny = 2\n$$\n"
               "where x is real.\n\nQ: And in one line?\nA: $$x = 1$$ then\nmore.\n")
    assert answer(doc, "What is the general form?") == (
        "$$\nx = 1 \\\\\ny = 2\n$$\nwhere x is real.")
    assert answer(doc, "And in one line?") == "$$x = 1$$ then\nmore."


def test_a_labelled_question_inside_a_heading_question_is_its_own(tmp_path: Path) -> None:
    doc = read(tmp_path, "### What is a boolean function?\n\nA function of boolean variables.\n\n"
               "**Ques. How many functions of one variable are there?**\n**Ans.** 4.\n\n"
               "### What is SOP?\n\nA sum of products.\n")
    assert cards(doc) == [("qa", "What is a boolean function?"),
                          ("qa", "How many functions of one variable are there?"),
                          ("qa", "What is SOP?")]
    assert answer(doc, "What is a boolean function?") == "A function of boolean variables."


def test_a_section_label_before_a_marker_line_is_left_out_by_name() -> None:
    found = finder("Docker Questions\nQuestion: What is an image?\nAnswer: A template.\n")
    para = first(found, Paragraph)
    words = ("Docker Questions", "Question: What is an image?", "Answer: A template.")
    actions = REGISTRY["markers"].match(LineUnit(para, 0, words), context(found, para))
    assert actions == [LeftOut(0, 1, "section label", "Docker Questions")]


def test_a_heading_that_only_titles_a_labelled_question_is_no_card(tmp_path: Path) -> None:
    doc = read(tmp_path, "## Exercices\n\n### Exercice 3 : Sous-réseaux\n\n**Question :** Combien "
               "d'hôtes dans un /26 ?\n\n**Réponse :** 62.\n\n### Quel est le résultat ?\n\n144.\n")
    assert cards(doc) == [("qa", "Combien d'hôtes dans un /26 ?"), ("qa", "Quel est le résultat ?")]


@pytest.mark.parametrize(("line", "text", "marked"), [
    ("Q2 How is KNN different from k-means?", "How is KNN different from k-means?", True),
    ("Q14 -When should you use classification?", "When should you use classification?", True),
    ("**Q9 What is a time-series split?**", "What is a time-series split?", True),
    ("Q3 2024 revenue grew by 10%", "Q3 2024 revenue grew by 10%", False),
    ("Q3 revenue grew?", "Q3 revenue grew?", False),
])
def test_a_number_after_q_with_only_a_space_labels_a_question_that_opens_as_one(
        line: str, text: str, marked: bool) -> None:
    from build_decks.readers import shapes
    cleaned = shapes.clean_question(line)
    assert (cleaned.text, cleaned.marker) == (text, marked)


INLINE_ANSWERS = """# Caching

## Review

1. **Q:** What is a cache? **A:** A *fast* store close to the CPU.
2. **Q:** Why use an index? **A:** It makes lookups fast.

**Q:** What does LRU evict? **A:** The least recently used `entry`.
"""


def test_an_answer_label_right_after_a_labelled_question_on_its_line_answers_it(
        tmp_path: Path) -> None:
    """`**Q:** What is X? **A:** Y` written as one line, in a list or as a paragraph."""
    doc = read(tmp_path, INLINE_ANSWERS)
    assert cards(doc) == [("qa", "What is a cache?"), ("qa", "Why use an index?"),
                          ("qa", "What does LRU evict?")]
    assert answer(doc, "What is a cache?") == "A *fast* store close to the CPU."  # markup kept
    assert answer(doc, "What does LRU evict?") == "The least recently used `entry`."


def test_a_label_inside_the_question_or_after_an_unlabelled_one_stays_text(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "- What is X? A: a letter after an unlabelled question.\n"
               "- What is Y?\n\n**Q:** What does `A: 1` print? Explain.\n")
    assert cards(doc)[0] == ("prompt", "What is X? A: a letter after an unlabelled question.")
    assert cards(doc)[2][1] == "What does `A: 1` print? Explain."
