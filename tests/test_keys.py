"""Question keys and the rewording rule (keys.py), on their own."""

from __future__ import annotations

import pytest

from build_decks.keys import FuzzyIndex, legacy_keys, marks, question_key


@pytest.mark.parametrize(("one", "other"), [
    ("What is C++?", "What is C#?"),
    ("Is a == b?", "Is a != b?"),
    ("What is A/B?", "What is A-B?"),
    ("🚀?", "🔥?"),
    ("Python 2?", "Python 3?"),
])
def test_questions_that_differ_in_symbols_have_different_keys(one: str, other: str) -> None:
    assert question_key(one) != question_key(other)


def test_a_key_ignores_what_a_reader_does_not_see() -> None:
    assert question_key("What  is\tDRIFT?") == question_key("what is drift?")
    assert question_key("Ｗhat is ｄrift?") == question_key("What is drift?")  # NFKC


def test_marks_are_numbers_symbols_and_emoji_not_sentence_punctuation() -> None:
    assert marks(question_key("Why use C++ (not C) in 2024?!")) == ("+", "+", "2024")
    assert marks(question_key("What's a state-of-the-art model?")) == ()
    assert marks(question_key("🚀 launch?")) == ("🚀",)


@pytest.mark.parametrize(("old", "new"), [
    ("What is shadow mode?", "What is a shadow mode?"),  # an article
    ("What is model drift?", "Explain model drift."),  # another way to ask
    ("Describe the canary release", "What is the canary release?"),
    ("How does Kubernetes autoscale pods?", "How does Kubernetes autoscale the pods?"),
    ("What is feature stor?", "What is a feature store?"),  # a typo fixed
])
def test_a_reworded_question_is_found_again(old: str, new: str) -> None:
    index = FuzzyIndex([(question_key(old), "id"), (question_key("What is a canary?"), "other")])
    assert index.take(question_key(new)) == "id"


@pytest.mark.parametrize(("old", "new"), [
    ("What changed in Python 2?", "What changed in Python 3?"),  # another number
    ("What is C++ used for?", "What is C# used for?"),  # another symbol
    ("Is a == b in Python?", "Is a != b in Python?"),
    ("What is model drift?", "What is data leakage?"),  # another subject
    ("🚀?", "🔥?"),  # no words to compare: only an exact match
])
def test_a_different_question_is_not_taken_for_a_rewording(old: str, new: str) -> None:
    assert FuzzyIndex([(question_key(old), "id")]).take(question_key(new)) is None


def test_same_content_words_must_point_to_one_question() -> None:
    index = FuzzyIndex([(question_key("What is drift?"), "a"), (question_key("Why drift?"), "b")])
    assert index.take(question_key("Explain drift.")) is None  # two candidates: not clear


def test_each_spare_question_is_taken_once() -> None:
    index = FuzzyIndex([(question_key("What is shadow mode?"), "id")])
    assert index.take(question_key("What is a shadow mode?")) == "id"
    assert index.take(question_key("What is the shadow mode?")) is None


def test_older_locks_keys_are_the_words_numbered_in_order() -> None:
    assert legacy_keys(["What is drift?", "What is C++?", "what is drift"]) == [
        "what is drift", "what is c", "what is drift#2"]
