"""The general vocabularies: which lines ask, in which language, and by punctuation alone."""

from __future__ import annotations

import pytest

from build_decks.readers import shapes
from build_decks.readers.vocabulary import ENGLISH, guess_language, language


@pytest.mark.parametrize(("code", "text"), [
    ("es", "El modelo se entrena con los datos y la validación es una parte de la prueba "
           "para que el sistema no se equivoque en los casos de uso del mundo real. " * 3),
    ("fr", "Le modèle est entraîné sur les données et la validation est une partie de la "
           "suite pour que le système ne se trompe pas dans les cas réels. " * 3),
    ("de", "Das Modell wird mit den Daten trainiert und die Validierung ist ein Teil der "
           "Prüfung, damit sich das System nicht in den Fällen irrt. " * 3),
    ("pt", "O modelo é treinado com os dados e a validação é uma parte do teste para que o "
           "sistema não erre nos casos de uso do mundo real. " * 3),
    ("ru", "Модель обучается на данных и проверка это часть теста, что система не "
           "ошибается в реальных случаях и в том числе на новых данных. " * 3),
])
def test_the_language_is_guessed_from_its_function_words(code: str, text: str) -> None:
    assert guess_language(text).code == code


def test_english_stays_when_another_language_does_not_clearly_lead() -> None:
    assert guess_language("What is the model? The answer is in the data. Que sera.") is ENGLISH
    assert guess_language("数据库的四种隔离级别？") is ENGLISH  # punctuation decides there


@pytest.mark.parametrize(("code", "text"), [
    ("es", "Qué es un índice"), ("es", "Por qué falla la réplica"), ("es", "Explique el teorema"),
    ("fr", "Pourquoi normaliser une base"), ("fr", "Expliquez le théorème central"),
    ("de", "Warum ist die Replikation wichtig"), ("de", "Erkläre den Unterschied"),
    ("pt", "O que é um índice"), ("pt", "Explique o teorema"),
    ("ru", "Что такое индекс"), ("ru", "Объясните разницу между процессом и потоком"),
    ("en", "Explain the CAP theorem"), ("en", "Difference between a process and a thread"),
])
def test_interrogatives_and_imperatives_of_each_language(code: str, text: str) -> None:
    assert shapes.is_question_like(text, lang=language(code))
    if code != "en":
        assert not shapes.is_question_like(text)  # not an English question


@pytest.mark.parametrize("text", ["¿Qué es un índice?", "什么是 MVCC？", "ما هو الفهرس؟",
                                  "¿Cómo funciona", "क्या है?"])
def test_question_marks_of_every_script(text: str) -> None:
    assert shapes.is_question_like(text)
    assert shapes.asks_explicitly(text)


@pytest.mark.parametrize("text", ["What You'll Learn", "How It Works", "Why This Matters"])
def test_titles_that_are_indirect_questions_do_not_ask_strictly(text: str) -> None:
    assert not shapes.is_question_like(text, strict=True)


@pytest.mark.parametrize(("line", "marked"), [
    ("Q: What?", True), ("Ques. What is X?", True), ("Pregunta: ¿Qué?", True),
    ("Frage: Was ist X?", True), ("Вопрос: Что такое X?", True), ("问：什么是 X？", True),
    ("问题 1：InnoDB 和 MyISAM 的区别？", True), ("Question : Combien ?", True),
    ("question of taste", False), ("Quality: high", False),
])
def test_question_labels_in_the_vocabulary_languages(line: str, marked: bool) -> None:
    assert shapes.strip_marker(line)[1] is marked


@pytest.mark.parametrize(("line", "labelled"), [
    ("A: 42", True), ("Answer: break", True), ("Ans. O(log n)", True), ("Respuesta: sí", True),
    ("Réponse : non", True), ("Antwort: Nein.", True), ("Ответ: да", True), ("答：可以", True),
    ("=== Answer ===", True), ("**Answer**", True), ("a) 12", False), ("A) option", False),
    ("[Answer]", False), ("Answering machines", False),
])
def test_answer_labels(line: str, labelled: bool) -> None:
    assert bool(shapes.answer_label(line)) is labelled
