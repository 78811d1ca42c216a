"""The general vocabularies: which lines ask, in which language, and by punctuation alone."""

from __future__ import annotations

import pytest
from reading import answer, cards, read

from build_decks.readers import shapes
from build_decks.readers.vocabulary import ENGLISH, guess_language, language, script_of


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
    ("tr", "Model veri ile eğitilir ve doğrulama bu testin bir parçası olarak yapılır, "
           "sistem gerçek durumlarda hata yapmasın diye. " * 3),
    ("it", "Il modello è addestrato con i dati e la validazione è una parte della prova per "
           "il sistema che non sbaglia nei casi reali. " * 3),
])
def test_the_language_is_guessed_from_its_function_words(code: str, text: str) -> None:
    assert guess_language(text).code == code


@pytest.mark.parametrize(("code", "text"), [
    ("ru", "## Объясните GIL\n\nБлокировка интерпретатора."),  # Cyrillic: the script says it
    ("ru", "- Что такое `asyncio`?\n- Explain the event loop"),  # quoting English
    ("es", "## ¿Qué es un índice?\n\nUna estructura de datos."),
    ("fr", "## Qu'est-ce que le GIL ?\n\nUn verrou global."),
    ("de", "## Was ist ein Index?\n\nEine Struktur für die Suche."),
    ("pt", "## O que é um índice?\n\nUma estrutura de dados."),
    ("it", "## Cos'è un indice?\n\nÈ una struttura di dati che accelera la ricerca."),
    ("en", "## What is a cache?\n\nA fast store. Que sera, de facto."),
])
def test_a_three_line_note_is_read_in_its_language(code: str, text: str) -> None:
    assert guess_language(text).code == code


@pytest.mark.parametrize(("script", "text"), [
    ("cyrillic", "Объясните GIL"), ("cjk", "什么是 MVCC？"), ("arabic", "ما هو الفهرس؟"),
    ("devanagari", "डेटाबेस क्या है?"), ("latin", "What is a cache in a CPU? A fast store, кэш."),
    ("latin", "What is a cache?"), ("latin", "42 + 1 = ?")])  # ASCII: Latin, letters or none
def test_the_script_of_a_document(script: str, text: str) -> None:
    assert script_of(text) == script


def test_english_stays_when_another_language_does_not_clearly_lead() -> None:
    assert guess_language("What is the model? The answer is in the data. Que sera.") is ENGLISH
    assert guess_language("数据库的四种隔离级别？") is ENGLISH  # punctuation decides there


@pytest.mark.parametrize(("code", "text"), [
    ("es", "Qué es un índice"), ("es", "Por qué falla la réplica"), ("es", "Explique el teorema"),
    ("fr", "Pourquoi normaliser une base"), ("fr", "Expliquez le théorème central"),
    ("de", "Warum ist die Replikation wichtig"), ("de", "Erkläre den Unterschied"),
    ("de", "Grenzen Sie Funktionen und Methoden voneinander ab!"),  # an exam task verb
    ("de", "Geben Sie zwei Beispiele an"), ("de", "Stellen Sie den Ablauf dar"),
    ("pt", "O que é um índice"), ("pt", "Explique o teorema"),
    ("ru", "Что такое индекс"), ("ru", "Объясните разницу между процессом и потоком"),
    ("it", "Come funzionano i database"), ("it", "Descrivi il processo di compilazione"),
    ("it", "Differenza tra final e finally"),
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


@pytest.mark.parametrize(("text", "asks"), [
    ("차원의 저주에 대해 설명해주세요.", True), ("정규화를 왜 해야할까요", True),
    ("알고 있는 metric에 대해 설명해주세요. (ex. RMSE, MAE ...)", True),
    ("dimension reduction 기법으로 어떤 것들이 있나요", True), ("결과를 비교하십시오", True),
    ("차원의 저주", False), ("면접 예상 질문 리스트", False), ("1분 자기소개", False),
])
def test_korean_asks_with_a_request_or_question_ending(text: str, asks: bool) -> None:
    assert shapes.is_question_like(text) is asks


def test_korean_headings_that_ask_without_a_question_mark_are_questions(tmp_path) -> None:
    doc = read(tmp_path, "참고자료\n- [인터뷰](https://example.org)\n\n---\n\n"
               "# 차원의 저주에 대해 설명해주세요.\n\n희소해진다.\n\n"
               "# 정규화를 왜 해야할까요\n\n스케일을 맞춘다.\n\n# PCA를 설명해주세요.\n\n투영.\n")
    assert cards(doc) == [("qa", "차원의 저주에 대해 설명해주세요."),
                          ("qa", "정규화를 왜 해야할까요"), ("qa", "PCA를 설명해주세요.")]


@pytest.mark.parametrize(("text", "asks"), [
    ("HTTPとHTTPSの違いを説明してください", True), ("自己紹介をお願いします", True),
    ("志望した理由を教えて", True), ("正規化の目的を述べよ", True), ("結果を比較しなさい", True),
    ("インデックスとは何ですか", True), ("副作用はありますか", True), ("RESTとは何か", True),
    ("CI/CDとは", True), ("マイクロサービスとモノリスの違い", True),
    ("SPAとMPAのメリット・デメリット", True),
    ("事前準備を徹底する", False), ("面接でよく聞かれる質問10選", False), ("まとめ", False),
    ("機械学習の基礎", False), ("説明してください", True),
])
def test_japanese_asks_with_a_request_task_question_or_comparison_ending(
        text: str, asks: bool) -> None:
    assert shapes.is_question_like(text) is asks
    assert not shapes.is_question_like(text, strict=True)  # a plain line still needs its ？


def test_japanese_headings_that_ask_without_a_question_mark_take_their_answers(tmp_path) -> None:
    doc = read(tmp_path, "# 技術面接の質問\n\n## 基礎\n\n"
               "### 1. HTTPとHTTPSの違いを説明してください\n\n"
               "**回答例**:\n\n通信が暗号化されるかどうかです。\n\n"
               "### 2. CI/CDとは\n\n継続的インテグレーションと継続的デリバリーです。\n\n"
               "### 3. GitとGitHubの違いは何ですか？\n\n**答え**：ツールとサービスです。\n\n"
               "## まとめ\n\n準備を徹底する。\n")
    assert cards(doc) == [("qa", "HTTPとHTTPSの違いを説明してください"), ("qa", "CI/CDとは"),
                          ("qa", "GitとGitHubの違いは何ですか？")]
    assert answer(doc, "HTTPとHTTPSの違いを説明してください") == "通信が暗号化されるかどうかです。"
    assert answer(doc, "GitとGitHubの違いは何ですか？") == "ツールとサービスです。"


@pytest.mark.parametrize(("text", "asks"), [
    ("LSTM的公式是什么", True), ("LSTM比RNN好在哪", True), ("什么是skip-connection", True),
    ("annotation有限的情况下怎么train model", True), ("為什麼使用索引", True),
    ("手写Kmeans", True), ("简述 K折交叉验证", True), ("支持向量机", False),
    ("模型训练流程", False), ("Limitation of RNN", False),
])
def test_chinese_asks_with_a_question_word_anywhere_or_a_task_verb_first(
        text: str, asks: bool) -> None:
    """No spaces and no question mark: a question word wherever it falls, or a task verb
    first; only in Han text, and never for a plain line (strict)."""
    assert shapes.is_question_like(text) is asks
    assert not shapes.is_question_like(text, strict=True)  # a plain line still needs its ？


@pytest.mark.parametrize("text", ["What You'll Learn", "How It Works", "Why This Matters"])
def test_titles_that_are_indirect_questions_do_not_ask_strictly(text: str) -> None:
    assert not shapes.is_question_like(text, strict=True)


@pytest.mark.parametrize(("line", "marked"), [
    ("Q: What?", True), ("Ques. What is X?", True), ("Pregunta: ¿Qué?", True),
    ("Frage: Was ist X?", True), ("Вопрос: Что такое X?", True), ("问：什么是 X？", True),
    ("问题 1：InnoDB 和 MyISAM 的区别？", True), ("Question : Combien ?", True),
    ("question of taste", False), ("Quality: high", False), ("Soru 3: Neden?", True),
    ("Câu hỏi: Tại sao?", True), ("Câu lệnh: print", False), ("प्रश्न: क्यों?", True),
    ("سؤال: لماذا؟", True),
])
def test_question_labels_in_the_vocabulary_languages(line: str, marked: bool) -> None:
    assert shapes.strip_marker(line)[1] is marked


@pytest.mark.parametrize(("line", "labelled"), [
    ("A: 42", True), ("Answer: break", True), ("Ans. O(log n)", True), ("Respuesta: sí", True),
    ("Réponse : non", True), ("Antwort: Nein.", True), ("Ответ: да", True), ("答：可以", True),
    ("=== Answer ===", True), ("**Answer**", True), ("a) 12", False), ("A) option", False),
    ("[Answer]", False), ("Answering machines", False),
    ("Réponse attendue : oui", True), ("**Respuesta esperada:** sí", True),
    ("Resposta esperada: não", True), ("Erwartete Antwort: Nein.", True),
    ("Ожидаемый ответ: да", True), ("Réponse typique de Paris", False),
    ("Resposta referência: sim", True), ("Reference answer: yes", True),
    ("Cevap: Evet", True), ("Đáp án: B", True), ("Trả lời: có", True), ("उत्तर: हाँ", True),
    ("الإجابة: نعم", True), ("Cevaplar listesi", False), ("Potential Answer: yes", True),
    ("Possible answer: no", True),
])
def test_answer_labels(line: str, labelled: bool) -> None:
    assert bool(shapes.answer_label(line)) is labelled


@pytest.mark.parametrize(("line", "answer"), [
    ("**Answer: B**", "B"), ("**Answer:** B", "B"), ("*Answer: yes*", "yes"),
    ("**Đáp án: A**", "A"), ("**Answer: B** (see above)", "B (see above)"),
    ("A: **bold** word", "**bold** word"), ("plain line", "plain line"),
])
def test_an_answer_label_in_one_bold_run_with_its_answer_takes_the_runs_closing_marks(
        line: str, answer: str) -> None:
    assert shapes.without_answer_label(line) == answer


def test_a_short_russian_note_with_imperative_headings(tmp_path) -> None:
    doc = read(tmp_path, "## Объясните GIL\n\nГлобальная блокировка.\n\n"
               "## Расскажите про декораторы\n\nОбёртка функции.\n")
    assert cards(doc) == [("qa", "Объясните GIL"), ("qa", "Расскажите про декораторы")]


def test_a_russian_list_of_imperative_questions(tmp_path) -> None:
    doc = read(tmp_path, "- Объясните разницу между процессом и потоком\n- Что такое декоратор\n"
               "- Расскажите про генераторы\n")
    assert cards(doc) == [("prompt", "Объясните разницу между процессом и потоком"),
                          ("prompt", "Что такое декоратор"),
                          ("prompt", "Расскажите про генераторы")]


def test_a_russian_topic_heading_over_its_question(tmp_path) -> None:
    doc = read(tmp_path, "## Что такое переобучение?\n\nМодель запоминает шум.\n\n"
               "## Что такое дропаут?\n\nСлучайное выключение нейронов.\n\n"
               "## Градиентный спуск\n\nОбъясните, как он работает.\n\nШаг к минимуму.\n")
    assert cards(doc)[-1] == ("qa", "Градиентный спуск\nОбъясните, как он работает.")


@pytest.mark.parametrize("text", ["N/A", "Your answer here", "To be completed", "TBD",
                                  "Pendiente", "À compléter", "TODO: add an example"])
def test_placeholder_answers(text: str) -> None:
    assert shapes.is_placeholder(text)
    assert all(phrase == phrase.strip() for phrase in shapes.PLACEHOLDERS)


SIX = {"en", "es", "fr", "de", "pt", "ru"}


@pytest.mark.parametrize("name", ["INTERROGATIVES", "IMPERATIVES", "OPENERS", "COMPARISONS",
                                  "STOPWORDS", "QUESTION_SECTION_WORDS", "GLOSSARY_WORDS",
                                  "FRONT_SECTIONS", "ASIDE_LABELS", "PARAGRAPH_LABELS",
                                  "DEFINING_VERBS", "CALLS_TO_ACTION", "AD_PHRASES",
                                  "SECTION_QUALIFIERS", "DOCUMENT_POINTERS", "DOCUMENT_NOUNS",
                                  "PRESENTATIVES", "MARKETING_WORDS", "LETTER_LABELS"])
def test_every_vocabulary_is_a_class_in_the_six_languages(name: str) -> None:
    from build_decks.readers import vocabulary
    table = getattr(vocabulary, name)
    assert set(table) >= SIX and all(table[code] for code in SIX)
    for kind, names in vocabulary.SECTION_NAMES.items():
        assert set(names) >= SIX, kind


def test_glossary_names_asides_and_front_sections_in_other_languages(tmp_path) -> None:
    from build_decks.readers.parse import parse
    from build_decks.readers.sections import build
    outline = build(parse("# Notas\n\n## Glosario\n\n**Índice**: una estructura.\n"))
    assert outline.sections[1].role == "glossary"
    doc = read(tmp_path, "- ¿Qué es un índice?\n\nHinweis: Indizes kosten Platz.\n\n"
               "- ¿Qué es una vista?\n")
    assert "tip or note" in {d.reason for d in doc.dropped}


def test_a_definition_in_the_documents_language_makes_a_term(tmp_path) -> None:
    doc = read(tmp_path, "## ¿Qué es SQL?\n\nUn lenguaje.\n\n## ¿Qué es una tabla?\n\nFilas.\n\n"
               "## Vista\n\nUna vista es una consulta guardada.\n")
    assert cards(doc)[-1] == ("term", "Vista")


ITALIAN_LIST = """# Domande di colloquio su Java

1. Perché scegliere Java?
    <details><summary>Possibile risposta</summary>
    Perché il bytecode gira su ogni piattaforma.
    </details>

1. Descrivi il processo di compilazione di un programma Java.
    <details><summary>Possibile risposta</summary>
    Il compilatore produce il bytecode, che la JVM esegue.
    </details>

1. Come funziona il garbage collector
    <details><summary>Possibile risposta</summary>
    Libera la memoria degli oggetti non più raggiungibili.
    </details>
"""


def test_italian_task_and_question_words_ask_without_a_question_mark(tmp_path) -> None:
    assert guess_language(ITALIAN_LIST).code == "it"
    doc = read(tmp_path, ITALIAN_LIST)
    assert cards(doc) == [("qa", "Perché scegliere Java?"),
                          ("qa", "Descrivi il processo di compilazione di un programma Java."),
                          ("qa", "Come funziona il garbage collector")]
