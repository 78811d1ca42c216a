"""One-letter question and answer labels in the document's language (letter_labels.py):
`P1:` / `R:` in Spanish and Portuguese, `F:` / `A:` in German, `Q:` / `R:` in French, `В:` /
`О:` in Russian, `S:` / `C:` in Turkish (soru, cevap), `D:` / `R:` in Italian (domanda,
risposta), read as labels only where the document
is in that language and writes the pair as questions and answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import answer, cards, read

from build_decks.readers import letter_labels
from build_decks.readers.parse import parse
from build_decks.readers.vocabulary import ENGLISH, language

SPANISH_HEADINGS = """# Simulacro de entrevista

## Sección 1: Python

### P1: ¿Qué es una lista por comprensión?
**R:** Una forma corta de construir una lista a partir de otra.

### P2: Explica cómo funciona el recolector de basura.
**R:**
1. Cuenta las referencias de cada objeto
2. Busca los ciclos de vez en cuando

### P3: Ordena de menor a mayor: O(n), O(1), O(log n)
**R:** O(1) < O(log n) < O(n)
"""


def test_spanish_heading_labels_p_and_bold_r_answers(tmp_path: Path) -> None:
    doc = read(tmp_path, SPANISH_HEADINGS)
    assert cards(doc) == [
        ("qa", "¿Qué es una lista por comprensión?"),
        ("qa", "Explica cómo funciona el recolector de basura."),
        ("qa", "Ordena de menor a mayor: O(n), O(1), O(log n)")]
    assert answer(doc, "¿Qué es una lista por comprensión?") == (
        "Una forma corta de construir una lista a partir de otra.")
    assert answer(doc, "Explica cómo funciona el recolector de basura.") == (
        "1. Cuenta las referencias de cada objeto\n2. Busca los ciclos de vez en cuando")
    assert answer(doc, "Ordena de menor a mayor: O(n), O(1), O(log n)") == "O(1) < O(log n) < O(n)"


@pytest.mark.parametrize(("text", "fronts", "answers"), [
    ("Perguntas de revisão para a prova de banco de dados.\n\n"
     "P1. O que é um índice?\nR. Uma estrutura que acelera a busca.\n\n"
     "P2. Explique o que é uma transação.\nR. Um conjunto de operações atômicas.\n",
     ["O que é um índice?", "Explique o que é uma transação."],
     ["Uma estrutura que acelera a busca.", "Um conjunto de operações atômicas."]),
    ("Fragen zur Datenbank, die in der Prüfung oft kommen.\n\n"
     "F: Was ist ein Index?\nA: Eine Struktur, die die Suche beschleunigt.\n\n"
     "F: Erkläre, was eine Transaktion ist.\nA: Eine Folge von Operationen, die ganz oder gar "
     "nicht gilt.\n",
     ["Was ist ein Index?", "Erkläre, was eine Transaktion ist."],
     ["Eine Struktur, die die Suche beschleunigt.",
      "Eine Folge von Operationen, die ganz oder gar nicht gilt."]),
    ("Questions de révision pour le cours de bases de données.\n\n"
     "Q : Qu'est-ce qu'un index ?\nR : Une structure qui accélère la recherche.\n\n"
     "Q : Expliquez ce qu'est une transaction.\nR : Une suite d'opérations tout ou rien.\n",
     ["Qu'est-ce qu'un index ?", "Expliquez ce qu'est une transaction."],
     ["Une structure qui accélère la recherche.", "Une suite d'opérations tout ou rien."]),
    ("Вопросы по базам данных для экзамена.\n\n"
     "В: Что такое индекс?\nО: Структура, которая ускоряет поиск.\n\n"
     "В: Объясните, что такое транзакция.\nО: Набор операций, выполняемых целиком.\n",
     ["Что такое индекс?", "Объясните, что такое транзакция."],
     ["Структура, которая ускоряет поиск.", "Набор операций, выполняемых целиком."]),
    ("Veri tabanı dersi için sık sorulan sorular ve cevapları.\n\n"
     "**S: İndeks nedir?**\nC: Aramayı hızlandıran bir yapı.\n\n"
     "**S: Sorgularım çok yavaş çalışıyor**\nC: Sorgu planını inceleyin.\n",
     ["İndeks nedir?", "Sorgularım çok yavaş çalışıyor"],
     ["Aramayı hızlandıran bir yapı.", "Sorgu planını inceleyin."]),
    ("Domande di ripasso per l'esame di basi di dati.\n\n"
     "**D:** Cos'è un indice?\n\n**R:** Una struttura che accelera la ricerca.\n\n"
     "**D:** Descrivi una transazione.\nR: Un insieme di operazioni eseguite per intero.\n",
     ["Cos'è un indice?", "Descrivi una transazione."],
     ["Una struttura che accelera la ricerca.", "Un insieme di operazioni eseguite per intero."]),
], ids=["pt", "de", "fr", "ru", "tr", "it"])
def test_letter_pairs_in_each_language_are_questions_and_answers(
        tmp_path: Path, text: str, fronts: list[str], answers: list[str]) -> None:
    doc = read(tmp_path, text, "notes.txt")
    assert [front for _, front in cards(doc)] == fronts
    assert [answer(doc, front) for front in fronts] == answers


def _spelled(text: str, code: str) -> str:
    lang = ENGLISH if code == "en" else language(code)
    return letter_labels.spelled(text, lang, parse(text))


def test_the_pair_is_spelled_out_where_a_question_letter_comes_before_an_answer_letter() -> None:
    text = "### P4: ¿Qué es X?\n**R:** Algo.\n\n- **P5.** ¿Y qué es Y?\n  > R. Otra cosa.\n"
    assert _spelled(text, "es") == ("### Pregunta 4: ¿Qué es X?\n**Respuesta:** Algo.\n\n"
                                    "- **Pregunta 5.** ¿Y qué es Y?\n  > Respuesta. Otra cosa.\n")


@pytest.mark.parametrize(("text", "code"), [
    # English: `P:` and `R:` are precision and recall, whatever they are beside.
    ("P: What is the precision?\nR: 0.91\n\nP: What is the recall?\nR: 0.87\n", "en"),
    # Spanish, but the pairs ask nothing: a model's precision and recall.
    ("El modelo de la semana:\n\nP: 0.91\nR: 0.87\n\nP: 0.88\nR: 0.90\n", "es"),
    # A question letter with no answer letter after it.
    ("P: ¿Qué es una tabla?\n\nP: ¿Qué es una vista?\n", "es"),
    # An answer letter with no question letter before it, and initials (`R. Pérez`).
    ("R: una respuesta suelta.\n\nR. Pérez escribió ¿qué es esto?\n", "es"),
    # Inside code, a label is code.
    ("```\nP1: ¿Qué imprime esto?\nR: 42\n```\n", "es"),
])
def test_letters_stay_as_written_without_the_language_and_the_pair(text: str, code: str) -> None:
    assert _spelled(text, code) == text


def test_turkish_heading_labels_with_quoted_answers(tmp_path: Path) -> None:
    doc = read(tmp_path, "# Sunum soru-cevap rehberi\n\n"
               "### S1: \"Modeli nasıl eğittiniz?\"\n> **C:** \"Transfer learning ile.\"\n\n"
               "### S2: \"Neden bu modeli seçtiniz?\"\n> **C:** \"Az veriyle iyi sonuç verdi ve "
               "hızlı çalışıyor.\"\n")
    assert cards(doc) == [("qa", '"Modeli nasıl eğittiniz?"'),
                          ("qa", '"Neden bu modeli seçtiniz?"')]
    assert answer(doc, '"Modeli nasıl eğittiniz?"') == '"Transfer learning ile."'


def test_a_lone_letter_beside_pairs_stays_as_written() -> None:
    text = "P1: ¿Qué es X?\nR: Algo.\n\nP: 3 páginas\n\nP2: ¿Qué es Y?\nR: Otra cosa.\n"
    spelled = _spelled(text, "es")
    assert "\nP: 3 páginas\n" in spelled and spelled.count("Respuesta:") == 2


def test_italian_pairs_written_on_one_line_in_a_list(tmp_path: Path) -> None:
    """`1. **D:** …? **R:** …`: the answer's letter right after the question's mark."""
    doc = read(tmp_path, "# Threat modeling\n\n## Domande\n"
               "1. **D:** Cos'è il threat modeling? **R:** Il processo che identifica le "
               "minacce.\n"
               "2. **D:** Su quali fattori si basa DREAD? **R:** Damage e altri.\n")
    assert cards(doc) == [("qa", "Cos'è il threat modeling?"),
                          ("qa", "Su quali fattori si basa DREAD?")]
    assert answer(doc, "Cos'è il threat modeling?") == "Il processo che identifica le minacce."
