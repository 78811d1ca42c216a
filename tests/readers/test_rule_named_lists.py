"""Rule `named-question-list` (rules/question_lists.py): a list of short phrases under a
heading that names questions, in a document that marks no question otherwise, is a list of
questions to answer, though few of its items ask in so many words."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import cards, read

from build_decks.errors import ContentError

TOPICS = """\
# Expected interview questions

### Experience

1. Your most confident project
2. Your role in that project
3. Technologies used in the project

### Job

1. Anomaly detection methods
2. Entropy?
3. Supervised anomaly detection
4. Confusion matrix
"""


def test_phrases_under_a_heading_that_names_questions_are_prompts(tmp_path: Path) -> None:
    assert cards(read(tmp_path, TOPICS)) == [
        ("prompt", "Your most confident project"), ("prompt", "Your role in that project"),
        ("prompt", "Technologies used in the project"), ("prompt", "Anomaly detection methods"),
        ("prompt", "Entropy?"), ("prompt", "Supervised anomaly detection"),
        ("prompt", "Confusion matrix")]


def test_in_a_language_that_glues_its_words(tmp_path: Path) -> None:
    korean = ("# 면접 예상 질문 리스트\n\n### 직무\n\n1. 이상치 탐지 방법\n2. Entropy란?\n"
              "3. 성능 측정 방법\n4. 데이터 불균형 문제\n")
    assert [front for _, front in cards(read(tmp_path, korean))] == [
        "이상치 탐지 방법", "Entropy란?", "성능 측정 방법", "데이터 불균형 문제"]
    chinese = "# 面试问题\n\n## 机器学习\n\n- 过拟合\n- 梯度消失\n- 交叉验证\n"
    assert [front for _, front in cards(read(tmp_path, chinese))] == ["过拟合", "梯度消失",
                                                                      "交叉验证"]


def test_a_heading_that_names_no_questions_keeps_its_list_out(tmp_path: Path) -> None:
    with pytest.raises(ContentError):
        read(tmp_path, TOPICS.replace("Expected interview questions", "Interview notes"))


def test_an_overview_over_sub_sections_is_no_list_of_questions(tmp_path: Path) -> None:
    """A list in a section with sub-sections is their overview (a table of contents)."""
    text = ("# Data science interview questions\n\n- Statistics\n- Machine learning\n\n"
            "## Statistics\n\n### What is a p-value?\n\nThe chance of data this extreme.\n")
    assert cards(read(tmp_path, text)) == [("qa", "What is a p-value?")]


def test_where_questions_are_marked_a_list_is_what_was_written_under_them(
        tmp_path: Path) -> None:
    text = ("# Interview questions\n\n## Deployment\n\n### What is a canary release?\n\n"
            "A small share of traffic first.\n\n## Reading\n\n- Designing ML systems\n"
            "- Reliable machine learning\n")
    assert [front for _, front in cards(read(tmp_path, text))] == [
        "What is a canary release?"]


def test_sentences_are_no_topics(tmp_path: Path) -> None:
    """Items longer than NAMED_ITEM_WORDS are an answer's points or notes, not topics."""
    long = ("Models are retrained every week on the latest labelled data from the warehouse "
            "and then checked against the holdout set")
    text = f"# Interview questions\n\n## Notes\n\n- {long}\n- Short topic\n"
    with pytest.raises(ContentError):
        read(tmp_path, text)


def test_stems_over_questions_of_their_own_are_no_topics(tmp_path: Path) -> None:
    """An item whose lines below its lead ask is a stem over those questions: the list is
    read by the other rules (here: each asking line a prompt), not as topics."""
    text = ("# More questions\n\n## Statistics\n\n1. Fundamentals\nWhat is a joint "
            "probability?\nDefine a CDF.\n2. Testing\nWhat is power?\n")
    fronts = [front for _, front in cards(read(tmp_path, text))]
    assert "Fundamentals" not in fronts and "What is power?" in fronts
