"""Rule `headings`: headings that ask, read from the whole document level by level."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import answer, cards, finder, read

from build_decks.readers.rules import REGISTRY


def items(text: str) -> dict[str, str]:
    found = finder(text)
    return {s.words: role for s, role in found.source.surveys["headings"].items.items()}


def test_mixed_heading_styles_every_question_keeps_its_answer(tmp_path: Path) -> None:
    doc = read(tmp_path, "# HTTP\n\n## Question: What is a 301?\n\nA permanent redirect.\n\n"
               "## How does caching work?\n\n```http\nCache-Control: max-age=60\n```\n\n"
               "## Question: What is an ETag?\n\nA: a version tag.\n\n## Why use HTTP/2?\n\n"
               "Multiplexing.\n")
    assert cards(doc) == [("qa", "What is a 301?"), ("qa", "How does caching work?"),
                          ("qa", "What is an ETag?"), ("qa", "Why use HTTP/2?")]
    assert "Cache-Control" in answer(doc, "How does caching work?")
    assert answer(doc, "What is an ETag?") == "a version tag."


def test_a_heading_above_the_asking_level_is_a_chapter() -> None:
    assert items("# Prep\n\n## Why should you learn it?\n\nBenefits.\n\n## Questions\n\n"
                 "### Q1. What is X?\n\nX.\n\n### Q2. What is Y?\n\nY.\n") == {
        "Q1. What is X?": "question", "Q2. What is Y?": "question"}


def test_items_on_an_asking_level_and_numbered_sub_headings() -> None:
    assert items("# Bank\n\n## What is drift?\n\nA change.\n\n## What is skew?\n\nA gap.\n\n"
                 "## Batch vs stream\n\nTwo ways.\n\n## REST API\n\nA REST API is a set of rules.\n"
                 ) == {"What is drift?": "question", "What is skew?": "question",
                       "Batch vs stream": "question", "REST API": "item"}
    numbered = items("# Q\n\n### 1. What is A?\n\nA.\n\n### **Z-score**\n\nMore on A.\n\n"
                     "### 2. What is B?\n\nB.\n")
    assert numbered == {"1. What is A?": "question", "2. What is B?": "question"}


def test_a_heading_with_an_answer_of_its_own_asks_over_its_sub_questions(tmp_path: Path) -> None:
    doc = read(tmp_path, "# DB\n\n### 什么是主从复制？\n\n主从复制是指数据复制。\n\n"
               "##### 为什么要主从复制？\n\n读写分离。\n\n### 使用索引的优点\n\n加快检索。\n\n"
               "### 有哪些约束类型？\n\n主键。\n")
    assert cards(doc) == [("qa", "什么是主从复制？"), ("qa", "为什么要主从复制？"),
                          ("qa", "使用索引的优点"), ("qa", "有哪些约束类型？")]


def test_a_topic_heading_takes_the_question_under_it(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Вопрос 1. Замыкания\n\nОбъясните, что такое замыкание?\n\n"
               "```python\ndef f(n):\n    return lambda x: x * n\n```\n\n### Ответ\n\n"
               "Функция с захваченной переменной.\n\n# Вопрос 2. Генераторы\n\n"
               "Что делает yield?\n\nВозвращает значение и приостанавливает функцию.\n")
    front = cards(doc)[0][1]
    assert front.startswith("Замыкания\nОбъясните, что такое замыкание?\n\n```python")
    assert answer(doc, front) == "Функция с захваченной переменной."
    assert cards(doc)[1] == ("qa", "Генераторы\nЧто делает yield?")


def test_code_in_a_question_keeps_its_indentation(tmp_path: Path) -> None:
    """The code between a topic heading's task and its `### Ответ` is part of the question,
    as written: Python's indentation is its meaning."""
    doc = read(tmp_path, "# Вопрос 1. Замыкания\n\nОбъясните код:\n\n```python\ndef f(n):\n"
               "    def g(x):\n        return x * n\n    return g\n```\n\n### Ответ\n\n"
               "Замыкание.\n")
    assert cards(doc)[0][1] == ("Замыкания\nОбъясните код:\n\n```python\ndef f(n):\n"
                                "    def g(x):\n        return x * n\n    return g\n```")


def test_number_only_headings_take_the_question_below(tmp_path: Path) -> None:
    doc = read(tmp_path, "## Lote 1\n\n### 1\n\n¿Qué expuso Newton en 1687?\n\n- A. Tres leyes.\n"
               "- B. Una ley.\n\n**Respuesta:** A\n\n### 2\n\n¿Qué es la inercia?\n\n"
               "**Respuesta:** Una propiedad.\n")
    assert cards(doc) == [("qa", "¿Qué expuso Newton en 1687?\n\n- A. Tres leyes.\n- B. Una ley."),
                          ("qa", "¿Qué es la inercia?")]
    assert answer(doc, "¿Qué es la inercia?") == "Una propiedad."


def test_headings_that_only_number_an_item_after_a_question_label_take_the_question_below(
        tmp_path: Path) -> None:
    """`### Question 1`, `### Câu 2`: a label and a number, nothing the item says, as `### 1`
    is; the multiple-choice question, its options and its bold `Đáp án: B` key are below."""
    doc = read(tmp_path, "# Quiz\n\n## Part 1\n\n### Question 1\n\nWhat is ML?\nA. Rules\n"
               "B. Learning from data\n\n**Answer: B**\n\n---\n\n### Question 2\n\n"
               "Which activation is max(0, x)?\nA. ReLU\nB. Sigmoid\n\n**Answer: A**\n")
    assert cards(doc) == [("qa", "What is ML?\nA. Rules\nB. Learning from data"),
                          ("qa", "Which activation is max(0, x)?\nA. ReLU\nB. Sigmoid")]
    assert answer(doc, "What is ML?\nA. Rules\nB. Learning from data") == "B"
    doc = read(tmp_path, "# Trắc nghiệm\n\n### Câu 1\n\nMachine Learning là gì?\nA. Quy tắc\n"
               "B. Học từ dữ liệu\n\n**Đáp án: B**\n\n### Câu 2\n\nReLU là gì?\nA. max(0, x)\n"
               "B. tanh(x)\n\n**Đáp án: A**\n")
    assert [front for _, front in cards(doc)] == [
        "Machine Learning là gì?\nA. Quy tắc\nB. Học từ dữ liệu",
        "ReLU là gì?\nA. max(0, x)\nB. tanh(x)"]
    assert answer(doc, "ReLU là gì?\nA. max(0, x)\nB. tanh(x)") == "A"


def test_a_question_with_its_options_right_under_it_under_a_number_heading(
        tmp_path: Path) -> None:
    """`# Frage 1`, then `Was ist SQL?` and a `- [x]` checklist with no blank line between: the
    parser reads a paragraph and then a list; the paragraph is the question, the list its
    answer. A heading that only numbers an item is never the document's title, even the
    first `#` one."""
    doc = read(tmp_path, "# Frage 1\nWas ist eine Datenbank?\n- [ ] Ein Programm\n"
               "- [x] Eine Sammlung von Daten\n\n# Frage 2\nWas bedeutet SQL?\n"
               "- [x] Structured Query Language\n- [ ] Simple Question Language\n\n"
               "# Frage 3\nWas ist SQLite?\n- [ ] Ein Dienst\n- [x] Eine Datei-Datenbank\n")
    assert cards(doc) == [("qa", "Was ist eine Datenbank?"), ("qa", "Was bedeutet SQL?"),
                          ("qa", "Was ist SQLite?")]
    assert answer(doc, "Was ist eine Datenbank?") == (
        "- [ ] Ein Programm\n- [x] Eine Sammlung von Daten")
    doc = read(tmp_path, "# Quiz\n\n### 1\nWhich is a database?\n- [x] SQLite\n- [ ] Redis\n\n"
               "### 2\nWhich is a cache?\n\n- [ ] SQLite\n- [x] Redis\n")
    assert cards(doc) == [("qa", "Which is a database?"), ("qa", "Which is a cache?")]
    assert answer(doc, "Which is a database?") == "- [x] SQLite\n- [ ] Redis"
    doc = read(tmp_path, "# Quiz\n\n### 1\nWhat does this print?\n```python\nprint(1)\n```\n\n"
               "### 2\nWhich is a cache?\n\n- [x] Redis\n")
    front = cards(doc)[0][1]  # code right under a question stays with it, not on the back alone
    assert front != "What does this print?"
    assert "What does this print?\n```python\nprint(1)\n```" in front + "\n" + answer(doc, front)


def test_html_headings_are_headings_as_github_shows_them(tmp_path: Path) -> None:
    """`<h3>1. What is ML?</h3>` is a heading on the page: its questions are heading questions.
    Text right under the tag, in the same HTML block (no blank line), is its answer, not part
    of the question before; an unclosed `<h3>` on its own line is a heading too."""
    doc = read(tmp_path, "# ML\n\n<h3>1. What is ML?</h3>\n\nPotential Answer: Learning from "
               "data.\n\n<h3>2. What is recall?</h3>\nPotential Answer: TP / (TP + FN).\n\n"
               "More on recall.\n\n<h3>3. Explain the concept of PCA.\n\nProjection.\n")
    assert cards(doc) == [("qa", "What is ML?"), ("qa", "What is recall?"),
                          ("qa", "Explain the concept of PCA.")]
    assert answer(doc, "What is ML?") == "Learning from data."
    assert answer(doc, "What is recall?") == "TP / (TP + FN).\n\nMore on recall."
    assert answer(doc, "Explain the concept of PCA.") == "Projection."


def test_answer_headings_and_sub_headings_belong_to_the_answer(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Backend\n\n### **Q1: What is Flask?**\n\n#### **Answer:**\n\n"
               "A micro framework.\n\n### Q2: What is Django?\n\n### Ответ\n\nA framework.\n")
    assert answer(doc, "What is Flask?") == "A micro framework."
    assert answer(doc, "What is Django?") == "A framework."
    doc = read(tmp_path, "# Stats\n\n### 25. What is a z-score?\n\nA distance.\n\n"
               "### **Formula**\n\n(x - mean) / sd.\n\n### 26. What is a t-test?\n\nA test.\n")
    assert "### **Formula**" in answer(doc, "What is a z-score?")


def test_an_answer_heading_is_never_an_outline_term(tmp_path: Path) -> None:
    """Three `### Ответ` leaf headings, each over one short line, are the answers of the
    topic headings above them, not an outline of terms named "Ответ"."""
    doc = read(tmp_path, "".join(
        f"# Вопрос {n}. {topic}\n\nОбъясните {topic.lower()}.\n\n### Ответ\n\n{reply}\n\n"
        for n, topic, reply in ((1, "Замыкания", "Функция с захваченной переменной."),
                                (2, "Генераторы", "Функция с yield."),
                                (3, "Декораторы", "Обёртка над функцией."))))
    assert [kind for kind, _ in cards(doc)] == ["qa", "qa", "qa"]
    assert answer(doc, "Генераторы\nОбъясните генераторы.") == "Функция с yield."


def test_chinese_headings_that_ask_without_a_question_mark_make_a_question_level(
        tmp_path: Path) -> None:
    """A bank of Chinese interview headings, most without `？`: their question words and task
    verbs make the level ask, and its other headings are items of the bank."""
    doc = read(tmp_path, "# 面试题\n\n#### **手写CNN**\n\n#### **LSTM的公式是什么**\n\n"
               "#### **LSTM比RNN好在哪**\n\n#### **1x1 filter**\n\n"
               "#### **什么是skip-connection**\n")
    assert cards(doc) == [("prompt", "手写CNN"), ("prompt", "LSTM的公式是什么"),
                          ("prompt", "LSTM比RNN好在哪"), ("prompt", "1x1 filter"),
                          ("prompt", "什么是skip-connection")]


def test_numbered_headings_of_a_section_where_none_asks_are_its_points(tmp_path: Path) -> None:
    """Numbered questions in one section, numbered tips in another: the tips, none of which
    asks, are the points of their section, listed, not questions."""
    doc = read(tmp_path, "# Prep\n\n## Questions\n\n### 1. What is drift?\n\nA change.\n\n"
               "### 2. Tell me about yourself\n\nBriefly.\n\n### 3. Why this job?\n\nFit.\n\n"
               "## On the day\n\n### 1. Prepare well\n\nRead up.\n\n### 2. Sleep early\n\nRest.\n")
    assert cards(doc) == [("qa", "What is drift?"), ("qa", "Tell me about yourself"),
                          ("qa", "Why this job?")]
    assert answer(doc, "Why this job?") == "Fit."


def test_unnumbered_headings_after_the_last_numbered_question_are_sections_of_their_own(
        tmp_path: Path) -> None:
    """Between numbered questions an unnumbered heading of their level is a sub-heading of
    the answer; after the last one, with no numbered question to come, it is a section of its
    own (a list of resources), left out and listed, not the last answer."""
    doc = read(tmp_path, "# ML\n\n## 1. What is a test set?\n\nHeld-out data.\n\n"
               "## **Formula**\n\nerror = wrong / all.\n\n## 2. Why cross-validate?\n\n"
               "To reuse data.\n\n## Open data repositories:\n\n- UCI\n- Kaggle\n")
    assert "## **Formula**" in answer(doc, "What is a test set?")
    assert answer(doc, "Why cross-validate?") == "To reuse data."
    assert any(d.text.startswith("## Open data") for d in doc.dropped)


def test_the_rule_is_registered_with_its_survey() -> None:
    rule = REGISTRY["headings"]
    assert rule.survey is not None and rule.priority < REGISTRY["markers"].priority


def test_a_line_questions_answer_in_parts_under_sub_headings(tmp_path: Path) -> None:
    doc = read(tmp_path, "## Models\n\n**How is KNN different from k-means?**\n\n#### KNN\n"
               "A supervised classifier.\n\n#### K-means\nAn unsupervised clustering.\n\n"
               "**What is a ROC curve?**\n\nA plot of TPR against FPR.\n")
    assert cards(doc) == [("qa", "How is KNN different from k-means?"),
                          ("qa", "What is a ROC curve?")]
    assert answer(doc, "How is KNN different from k-means?") == (
        "#### KNN\nA supervised classifier.\n\n#### K-means\nAn unsupervised clustering.")
    assert answer(doc, "What is a ROC curve?") == "A plot of TPR against FPR."


@pytest.mark.parametrize("text", [
    # One heading under a prompt names the next topic.
    "## Models\n\n**Why do models drift?**\n\n### Monitoring\nDashboards and alerts.\n",
    # Headings after the answer has begun are sections of their own.
    "## Models\n\n**Why do models drift?**\n\nThe world changes.\n\n### Monitoring\n"
    "Dashboards.\n\n### Alerts\nPager rules.\n",
    # Headings of the question's own level are sections of their own.
    "## Models\n\n**Why do models drift?**\n\n## Monitoring\nDashboards.\n\n## Alerts\n"
    "Pager rules.\n",
    # Headings over questions of their own name those questions' groups.
    "## Models\n\n*Q: Why do models drift?*\n\n### Monitoring\n\n*Q: Which Dashboards?*\n\n"
    "### Alerts\n\n*Q: Which alerts page you?*\n",
])
def test_headings_that_are_no_parts_of_a_line_questions_answer_end_it(
        tmp_path: Path, text: str) -> None:
    doc = read(tmp_path, text)
    front = "Why do models drift?"
    assert cards(doc)[0][1] == front
    assert "Monitoring" not in answer(doc, front)


def test_a_heading_that_asks_is_answered_by_its_sub_sections_up_to_one_that_asks(
        tmp_path: Path) -> None:
    """Rule `answered-by-sub-sections`: no group, though a question stands under it."""
    doc = read(tmp_path, "# Delivery\n\n## When should I use this?\n\n### Use it when\n\n"
               "- Any message can be redelivered.\n\n### Avoid it when\n\n"
               "- No stable key exists.\n\n### What problem does it solve?\n\n"
               "Partial failures become a contract.\n")
    assert cards(doc) == [("qa", "When should I use this?"),
                          ("qa", "What problem does it solve?")]
    assert answer(doc, "When should I use this?") == (
        "### Use it when\n\n- Any message can be redelivered.\n\n### Avoid it when\n\n"
        "- No stable key exists.")


def test_a_heading_whose_first_sub_section_asks_or_groups_questions_still_groups(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "# ML\n\n## Which models should I know?\n\n### What is a tree?\n\n"
               "A model of splits.\n\n## How do I evaluate them?\n\n### Metrics\n\n"
               "#### What is recall?\n\nThe share of positives found.\n")
    assert cards(doc) == [("qa", "What is a tree?"), ("qa", "What is recall?")]


def test_a_heading_its_sub_sections_answer_is_no_chapter_above_the_asking_level(
        tmp_path: Path) -> None:
    doc = read(tmp_path, "# Delivery\n\n## 23. When should I use this?\n\n### Use it when\n\n"
               "- Any message can be redelivered.\n\n### Avoid it when\n\n- No key exists.\n\n"
               "### What problem does it solve?\n\nPartial failures.\n\n"
               "### What does it not solve?\n\nReplication lag.\n")
    assert ("qa", "When should I use this?") in cards(doc)
    assert answer(doc, "When should I use this?").endswith("- No key exists.")
