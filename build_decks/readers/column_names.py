"""What spreadsheet column names say, in many languages: general vocabulary classes.

Each class is the ordinary word for one role of a flashcard column, in English, Spanish,
French, German, Portuguese, Italian, Dutch, Polish, Czech, Russian, Ukrainian, Turkish,
Chinese, Japanese, Korean, Hindi and Arabic (singular and plural where they differ), plus
the short forms spreadsheets use (`q`, `a`, `no`, `#`). None is taken from a particular file.

A name is matched by its head word: `question_text`, `Question (EN)` and `Front side` are
fronts, `question_id` is an id, `correct answer` an answer. Words that only say "the text of
it" (HEAD_MODIFIERS) are skipped; the head is the last word left (English puts the noun last),
else the first (`Pregunta técnica`, `Question ouverte`: Romance languages put it first).
"""

from __future__ import annotations

import re

QUESTION_NOUNS = frozenset("""question questions pregunta preguntas cuestión frage fragen
    pergunta perguntas domanda domande vraag vragen pytanie pytania otázka otázky otazka
    вопрос вопросы питання soru sorular 问题 問題 题目 題目 質問 질문 प्रश्न सवाल سؤال أسئلة
    """.split())  # the word for a question: a column, or a heading over a list, named so

ROLE_WORDS: dict[str, frozenset[str]] = {name: frozenset(words.split()) for name, words in {
    # the side that asks: the word for a question, and the other names of a card's front
    "question": " ".join(QUESTION_NOUNS) + """ q prompt prompts front ask query problem quiz
        enunciado frente anverso vorderseite fronte voorkant přední лицевая 问 問 문제""",
    # the side that names a term
    "term": """term terms word words concept concepts keyword vocabulary vocab expression
        término términos palabra palabras concepto vocablo
        terme termes mot mots notion begriff begriffe wort wörter vokabel
        termo termos palavra palavras termine parola parole woord woorden
        termín pojem słowo pojęcie термин термины слово слова понятие терм
        terim kelime 术语 術語 词 詞 单词 單詞 単語 用語 단어 용어 शब्द مصطلح كلمة""",
    # the side that answers
    "answer": """answer answers a back solution solutions response reply
        respuesta respuestas solución reverso dorso
        réponse réponses reponse verso antwort antworten lösung rückseite
        resposta respostas solução risposta risposte soluzione retro
        antwoord antwoorden achterkant odpowiedź odpowiedzi odpověď odpovědi odpoved
        ответ ответы решение оборот відповідь cevap cevaplar yanıt
        答案 答 回答 解答 답 답변 정답 उत्तर جواب إجابة""",
    # the side that defines a term
    "definition": """definition definitions meaning meanings translation gloss
        definición definiciones significado traducción
        définition définitions signification sens traduction bedeutung übersetzung
        definição significado tradução definizione significato traduzione
        definitie betekenis vertaling definicja znaczenie definice význam
        определение значение перевод визначення значення tanım anlam
        定义 定義 意思 释义 釋義 意味 뜻 정의 परिभाषा अर्थ تعريف معنى""",
    # a note shown with the answer
    "notes": """notes note explanation explanations comment comments extra extras hint hints
        details detail example examples context remarks remark mnemonic
        nota notas explicación comentario comentarios ejemplo ejemplos pista
        explication remarque remarques exemple exemples indice commentaire
        erklärung erläuterung anmerkung hinweis beispiel beispiele kommentar notiz
        explicação comentário exemplo dica spiegazione commento esempio
        uitleg opmerking voorbeeld wyjaśnienie uwaga przykład vysvětlení poznámka příklad
        объяснение пояснение примечание комментарий пример подсказка açıklama örnek
        解释 解釋 说明 說明 备注 備註 例子 例 解説 메모 설명 예시 व्याख्या टिप्पणी شرح ملاحظة""",
    # the card's tags
    "tags": """tags tag labels label keywords hashtags
        etiquetas etiqueta étiquettes étiquette schlagwörter schlagwort stichwörter
        rótulos etichette tagi štítky теги тег метки etiketler
        标签 標籤 标记 タグ 태그 टैग وسوم""",
    # the card's place: a section, topic or subdeck
    "section": """category categories topic topics area areas section sections chapter
        chapters subject subjects unit units module modules lesson lessons domain theme
        group set deck subdeck part
        categoría categorías tema temas área sección capítulo asignatura materia unidad
        mazo baraja catégorie catégories thème sujet chapitre domaine leçon paquet
        kategorie thema themen bereich kapitel fach lektion stapel
        categoria tópico assunto capítulo seção baralho argomento sezione capitolo
        categorie onderwerp hoofdstuk kategoria temat rozdział dział kategorie téma
        kapitola категория тема раздел глава колода категорія розділ kategori konu bölüm
        类别 類別 分类 分類 主题 主題 章节 章節 章 カテゴリ カテゴリー 分野 단원 주제 분류
        श्रेणी विषय अध्याय فئة موضوع فصل""",
    # where the card comes from
    "source": """source sources reference references link links url citation
        fuente fuentes referencia enlace source référence lien quelle quellen verweis
        fonte referência fonti riferimento bron źródło zdroj источник ссылка джерело
        kaynak 来源 來源 出处 出處 出典 출처 स्रोत مصدر""",
    # a number or key that identifies a row
    "id": """id ids no nr num number numbers guid uuid key index idx n serial
        número numero numéro nummer nº º №
        номер ідентифікатор numara 编号 編號 序号 序號 番号 번호 क्रम رقم""",
}.items()}
# The last word of these names only says "the text of": `question_text`, `answer field`.
HEAD_MODIFIERS = frozenset("""
    text texts content contents body string field side column value values html markdown
    en es fr de pt it ru zh ja ko
    """.split())
_WORD = re.compile(r"[^\W_]+|#|№")


# A note in brackets after a name says more about it (`Respuesta (1=A, 2=B)`, `Tema (Topic)`):
# the head word is the name's own.
_NOTE = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])")


def role_of(name: str) -> str | None:
    """The role a column name gives (a key of ROLE_WORDS), or None. A one-letter short form
    (`q`, `a`, `n`) is the name only alone: in `Option A` or `Opción B` the letter is the
    option's, not the answer's."""
    words = _WORD.findall(_NOTE.sub("", name).lower()) or _WORD.findall(name.lower())
    if not words:
        return None
    content = [w for w in words if w not in HEAD_MODIFIERS] or words
    for head in (content[-1], content[0]):
        if len(head) == 1 and len(content) > 1 and head.isalpha():
            continue
        for role, vocabulary in ROLE_WORDS.items():
            if head in vocabulary:
                return role
    return None


# `Definition: X` / `Term: X` in a front: the card defines X (a term card); so does the
# name of the list such a card belongs to, `Glossary: X` (an entry of the glossary).
DEFINITION_LABELS = frozenset("""
    definition term concept definición término concepto définition terme notion
    begriff definition definição termo definizione termine definitie definicja
    definice pojem определение термин понятие визначення tanım 定义 定義 术语 用語 정의 용어
    glossary vocabulary glosario vocabulario glossaire vocabulaire glossar vokabel glossário
    vocabulário glossario vocabolario woordenlijst słowniczek glosář глоссарий словарь
    глосарій sözlük 词汇表 詞彙表 用語集 용어집
""".split())
