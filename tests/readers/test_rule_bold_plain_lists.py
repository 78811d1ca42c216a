"""Rules `bold`, `plain`, `plain.run` and `question lists`: questions that are lines."""

from __future__ import annotations

from pathlib import Path

from reading import answer, cards, context, finder, first, read, rules

from build_decks.readers.answers import STRONG, Question
from build_decks.readers.elements import ListBlock, Paragraph
from build_decks.readers.rule import Close, Lines, LineUnit
from build_decks.readers.rules import REGISTRY


def test_bold_questions_and_the_numbered_style(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Theory\n\n**What is precision at k? 👶**\n\nThe share.\n\n"
               "**Cold start approaches? ⭐️**\n\n* Content-based.\n")
    assert cards(doc) == [("qa", "What is precision at k?"), ("qa", "Cold start approaches?")]
    assert set(rules(doc)) == {"bold"}
    numbered = read(tmp_path, "**“Why?”**\n\nA quote.\n\n**1\\. What is A?**\n\nA.\n\n"
                    "**2\\. What is B?**\n\nB.\n")
    assert cards(numbered) == [("qa", "What is A?"), ("qa", "What is B?")]


def test_a_run_of_plain_questions_and_a_lone_one(tmp_path: Path) -> None:
    doc = read(tmp_path, "Area 2 - Testing\nWhat is a t-test?\nExplain the CLT.\n", "notes.txt")
    assert cards(doc) == [("prompt", "What is a t-test?"), ("prompt", "Explain the CLT.")]
    assert set(rules(doc)) == {"plain"}
    lone = read(tmp_path, "Why do models drift?\n\nBecause the world changes.\n")
    assert cards(lone) == [("qa", "Why do models drift?")]


def test_the_run_rule_ends_a_weak_answer_before_the_run() -> None:
    found = finder("- What is A?\n\nNotes.\nWhat is B?\nWhat is C?\n")
    para = next(e for e in found.source.elements if isinstance(e, Paragraph))
    weak = Question("What is A?", 0, 1, "question lists")
    assert REGISTRY["plain.run"].match(para, context(found, para, weak)) == [Close(), Lines()]
    strong = Question("What is A?", 0, STRONG, "bold")
    assert REGISTRY["plain.run"].match(para, context(found, para, strong)) is None


def test_a_lone_plain_line_is_prose_where_other_questions_are_marked() -> None:
    found = finder("Q: What is A?\nA: A.\n\nWhy does it matter?\n")
    para = [e for e in found.source.elements if isinstance(e, Paragraph)][-1]
    unit = LineUnit(para, 0, ("Why does it matter?",))
    assert REGISTRY["plain"].match(unit, context(found, para)) is None


def test_question_lists_with_stems_sub_questions_and_answer_blocks(tmp_path: Path) -> None:
    doc = read(tmp_path, "1. Convexity\n    1. What is a convex set?\n    1. Prove that a ball "
               "is convex.\n2. What is a saddle point?\n   - A stationary point that is no "
               "extremum.\n")
    assert cards(doc) == [("prompt", "What is a convex set?"),
                          ("prompt", "Prove that a ball is convex."),
                          ("qa", "What is a saddle point?")]
    assert answer(doc, "What is a saddle point?") == "- A stationary point that is no extremum."


def test_a_list_after_a_strong_question_is_its_answer() -> None:
    found = finder("**What helps?**\n\n- What is batching?\n- What is caching?\n")
    block = first(found, ListBlock)
    strong = Question("What helps?", 0, STRONG, "bold")
    assert REGISTRY["question lists"].match(block, context(found, block, strong)) is None
    actions = REGISTRY["question lists"].match(block, context(found, block))
    assert [a.question.front for a in actions if hasattr(a, "question")] == [
        "What is batching?", "What is caching?"]


def test_one_numbered_bold_question_does_not_hide_the_unnumbered_ones(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Python\n\n**1. ¿Qué es un decorador?**\n\nUna función que envuelve "
               "otra.\n\n**¿Qué es un generador?**\n\nUna función con yield.\n\n"
               "**¿Qué es el GIL?**\n\nUn cerrojo global.\n")
    assert cards(doc) == [("qa", "¿Qué es un decorador?"), ("qa", "¿Qué es un generador?"),
                          ("qa", "¿Qué es el GIL?")]
    assert answer(doc, "¿Qué es un decorador?") == "Una función que envuelve otra."


def test_where_most_bold_questions_are_numbered_a_question_mark_still_asks(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "**1. What is A?**\n\nA.\n\n**2. What is B?**\n\nB.\n\n"
               "**3. What is C?**\n\nC.\n\n**Why does it matter?**\n\nIt does.\n\n"
               "**Worked example**\n\nSteps.\n")
    assert cards(doc) == [("qa", "What is A?"), ("qa", "What is B?"), ("qa", "What is C?"),
                          ("qa", "Why does it matter?")]
    assert answer(doc, "What is C?") == "C."
    # where the questions are numbered, a bold line with no number nor `?` is a sub-heading
    assert "**Worked example**" in answer(doc, "Why does it matter?")


def test_a_list_right_under_the_last_question_of_a_list_answers_it(tmp_path: Path) -> None:
    """No blank line between: on the page the bullets go on under the last item. After a
    blank line, a list that does not ask is no answer of the list's last question."""
    doc = read(tmp_path, "1) What is a mutex?\n\n2) What is a semaphore?\n* A counter of permits.\n"
               "\n3) What is a monitor?\n4) What is a latch?\n\n* A note on locks.\n")
    assert cards(doc) == [("prompt", "What is a mutex?"), ("qa", "What is a semaphore?"),
                          ("prompt", "What is a monitor?"), ("prompt", "What is a latch?")]
    assert answer(doc, "What is a semaphore?") == "* A counter of permits."
    following = read(tmp_path, "- What is A?\n- What is B?\n* What is C?\n* What is D?\n")
    assert [front for _, front in cards(following)] == [
        "What is A?", "What is B?", "What is C?", "What is D?"]


def test_a_question_item_goes_on_to_the_line_where_its_question_mark_is(tmp_path: Path) -> None:
    """A lead with no end punctuation, then a line that only ends the sentence with `?`
    (in German, even in upper case): one question. A line that asks on its own does not."""
    doc = read(tmp_path, "1) Was können wir in Kotlin anders machen in Bezug auf\n"
               "If-Ausdrücke und When-Ausdrücke?\n* Sie sind Ausdrücke.\n")
    assert cards(doc) == [("qa", "Was können wir in Kotlin anders machen in Bezug auf "
                                 "If-Ausdrücke und When-Ausdrücke?")]
    assert answer(doc, cards(doc)[0][1]) == "* Sie sind Ausdrücke."
    two = read(tmp_path, "- Name the layers of the stack\n  What does each one do?\n")
    assert cards(two)[0][1] == "Name the layers of the stack"


def test_an_answer_label_under_a_list_question_opens_its_whole_answer(tmp_path: Path) -> None:
    """The label says where the answer starts; the paragraphs after it go on with it, to the
    next question. Without a label, prose after a list question is no answer of it."""
    doc = read(tmp_path, "* **Q1**. Why scale features?\n\n **Answer:** Distances need it.\n\n"
               " Trees do not.\n\n* **Q2**. Why use dropout?\n\n **Answer:** Less overfitting.\n")
    assert answer(doc, "Why scale features?") == "Distances need it.\n\n Trees do not."
    assert answer(doc, "Why use dropout?") == "Less overfitting."
    plain = read(tmp_path, "- Why scale features?\n\nA note on the course.\n")
    assert cards(plain) == [("prompt", "Why scale features?")]


def test_a_qualified_answer_label_is_taken_off_before_or_after_its_noun(tmp_path: Path) -> None:
    """"Réponse attendue" ("expected answer", the adjective after its noun) labels the answer
    as "Expected Answer" does; the label is taken off, and an empty one leaves a prompt."""
    doc = read(tmp_path, "1. **Question:** Pourquoi normaliser ?\n   **Réponse attendue:** Pour "
               "les distances.\n\n2. **Question:** Was ist Dropout?\n   **Erwartete Antwort:** "
               "Regularisierung.\n\n3. **Question:** Quelles leçons tirez-vous ?\n"
               "   **Réponse attendue:** \n")
    assert answer(doc, "Pourquoi normaliser ?") == "Pour les distances."
    assert answer(doc, "Was ist Dropout?") == "Regularisierung."
    assert cards(doc)[2] == ("prompt", "Quelles leçons tirez-vous ?")


def test_a_lone_nested_question_in_another_script_is_the_questions_translation(
        tmp_path: Path) -> None:
    """A bilingual list: each question with, under it, the same question in the writer's other
    language. The translation is part of the question, not a sub-question of its own."""
    doc = read(tmp_path, "- What is a deadlock?\n  - Что такое взаимная блокировка?\n"
               "- Why use a queue?\n  - 为什么使用队列？\n- 什么是线程？\n"
               "- Что такое процесс?\n  - What is a process?\n")
    assert cards(doc) == [("prompt", "What is a deadlock?\nЧто такое взаимная блокировка?"),
                          ("prompt", "Why use a queue?\n为什么使用队列？"),
                          ("prompt", "什么是线程？"),
                          ("prompt", "Что такое процесс?\nWhat is a process?")]


def test_a_translation_that_asks_by_its_ending_without_a_question_mark_is_one_too(
        tmp_path: Path) -> None:
    """Japanese asks with a request ending as often as with `？`: the translation still."""
    doc = read(tmp_path, "- How did you get into coding?\n"
               "  - コーディングを始めたきっかけを教えてください\n"
               "- What is your greatest strength?\n  - 最大の強みは何ですか？\n")
    assert cards(doc) == [
        ("prompt", "How did you get into coding?\nコーディングを始めたきっかけを教えてください"),
        ("prompt", "What is your greatest strength?\n最大の強みは何ですか？")]


def test_a_nested_question_in_the_same_script_or_an_answer_in_another_stays_so(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "- What is a deadlock?\n  - How do you detect one?\n"
               "- What is a mutex?\n  - 一种互斥锁。\n"
               "- What is a lock?\n  - 什么是锁？\n    - 一种同步原语。\n")
    assert cards(doc)[:3] == [("prompt", "What is a deadlock?"),
                              ("prompt", "How do you detect one?"), ("qa", "What is a mutex?")]
    assert answer(doc, "What is a mutex?") == "- 一种互斥锁。"
    assert ("qa", "什么是锁？") in cards(doc)  # a nested question with its own answer


def test_a_bold_question_with_a_task_after_it_on_its_line_asks_as_a_whole(
        tmp_path: Path) -> None:
    """`**What is X?** Describe its stages.`: the bold run asks, and the sentence after it on
    the line sets a task in the document's language; the whole line is the question. A
    sentence after it that does not open as a question or task ("A thing.") is no task."""
    doc = read(tmp_path, "## Perguntas\n\n**O que é o ciclo de vida dos dados?** Descreva as "
               "etapas principais desse processo.\n**Qual a importância de cada etapa?**\n"
               "**Como a qualidade dos dados influencia o ciclo?**\n")
    assert cards(doc)[0][1] == (
        "O que é o ciclo de vida dos dados? Descreva as etapas principais desse processo.")
    assert len(cards(doc)) == 3
    doc = read(tmp_path, "# ML\n\n**What is a data pipeline?** Explain its stages.\n\n"
               "Ingest, clean, train.\n\n**Why do models drift?**\n\nThe world changes.\n")
    assert cards(doc)[0] == ("qa", "What is a data pipeline? Explain its stages.")
    assert answer(doc, "What is a data pipeline? Explain its stages.") == "Ingest, clean, train."
    doc = read(tmp_path, "# ML\n\n**What is a data pipeline?** A chain of steps.\n\n"
               "**Why do models drift?**\n\nThe world changes.\n")
    assert "What is a data pipeline? A chain of steps." not in [f for _, f in cards(doc)]


def test_a_label_that_names_the_next_group_of_questions_ends_the_answer_before_it(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "## Pipelines\n\n**Basic questions:**\n\n**What is a data pipeline?**\n"
               "**Why do pipelines fail?**\n\n**Questions about monitoring:**\n\n"
               "**What is drift?**\nA change in the data.\n\n**Behavioral Questions**\n\n"
               "**Why did you choose this model?**\n")
    assert cards(doc) == [("prompt", "What is a data pipeline?"),
                          ("prompt", "Why do pipelines fail?"), ("qa", "What is drift?"),
                          ("prompt", "Why did you choose this model?")]
    assert answer(doc, "What is drift?") == "A change in the data."
    labels = {d.text for d in doc.dropped if d.reason == "section label"}
    assert {"Questions about monitoring:", "Behavioral Questions"} <= labels
    # A sentence that speaks of questions is part of the answer.
    prose = read(tmp_path, "**What is drift?**\n\nA change in the data.\n\n"
                 "Questions about it come up often.\n\n**What is skew?**\n\nA gap.\n")
    assert answer(prose, "What is drift?") == (
        "A change in the data.\n\nQuestions about it come up often.")
