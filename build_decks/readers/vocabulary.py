"""The words that make a line ask, per language: general vocabulary, never one document's.

Each class is what a grammar book lists for its language:
- interrogatives: the question words a question opens with ("what", "¿qué", "warum", "почему"),
  and the verbs a yes/no question opens with where the language inverts ("is", "ist");
- imperatives: the task verbs a study prompt opens with ("explain", "describa", "erkläre",
  "объясните"), in the forms prompts use (imperative, polite imperative, infinitive);
- openers: words that set up a problem before the task ("given", "suppose");
- comparisons: noun phrases and words that ask for a comparison ("difference between",
  "pros and cons", "X vs Y");
- question and answer labels: the words written before a question or an answer ("Q:",
  "Pregunta:", "Antwort:", "Ответ:");
- table columns: the names of a Q&A table's columns.

The document's language is guessed from its most common function words (the general stopword
class of each language, below); English always applies, since technical notes in any language
quote English. Documents in other languages and scripts (Chinese, Arabic, Hindi, Czech, ...)
are read by punctuation (`?`, `？`, `؟`, a leading `¿`) and structure alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

QUESTION_MARKS = "?？؟"  # Latin, full-width (CJK), Arabic
OPENING_MARKS = "¿"  # Spanish opens a question with it
SENTENCE_ENDS = ".!?。！？؟"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


INTERROGATIVES = {
    "en": _words("""what what's whats why how when where which who whom whose is are was were can
                 could would should do does did will shall may might have has had am isn't
                 aren't don't doesn't"""),
    "es": _words("""qué cuál cuáles cómo cuándo dónde adónde quién quiénes cuánto cuánta cuántos
                 cuántas por_qué para_qué es son existe hay puede pueden"""),
    "fr": _words("""qu'est qu’est que quel quelle quels quelles pourquoi comment quand où qui
                 combien lequel laquelle lesquels lesquelles est-ce peut-on existe-t-il"""),
    "de": _words("""was warum wieso weshalb wie wann wo woher wohin wer wen wem wessen welche
                 welcher welches welchen welchem wozu womit wodurch worin worauf woran
                 inwiefern ist sind war waren kann können könnte hat haben gibt wird werden
                 muss müssen soll sollte darf"""),
    "pt": _words("""o_que que qual quais como quando onde por_que porque quem quanto quanta
                 quantos quantas para_que é são existe há pode podem"""),
    "ru": _words("""что почему зачем как когда где куда откуда кто какой какая какое какие каков
                 какова каковы сколько чем чему чего каким какую какого можно ли является"""),
}
IMPERATIVES = {
    "en": _words("""explain describe define compare contrast list name give write implement design
                 show prove derive calculate compute find tell discuss state outline summarize
                 summarise mention differentiate distinguish walk talk create reverse identify
                 suggest evaluate estimate propose draw solve build construct develop analyze
                 analyse demonstrate illustrate elaborate justify predict determine sketch
                 enumerate classify interpret assess recommend plot code program optimize
                 optimise convert sort detect count verify debug simulate"""),
    "es": _words("""explica explique explicar describe describa describir define defina definir
                 compara compare comparar enumera enumere menciona mencione nombra nombre da dé
                 escribe escriba implementa implemente diseña diseñe demuestra demuestre
                 calcula calcule encuentra encuentre indica indique justifica justifique
                 resuelve resuelva analiza analice distingue distinga diferencia"""),
    "fr": _words("""explique expliquez expliquer décris décrivez décrire définis définissez
                 définir compare comparez comparer cite citez citer donne donnez donner écris
                 écrivez écrire implémente implémentez montre montrez montrer démontre
                 démontrez calcule calculez calculer trouve trouvez énumère énumérez liste
                 listez justifie justifiez résous résolvez analyse analysez distingue
                 distinguez présente présentez"""),
    "de": _words("""erkläre erklären erläutere erläutern beschreibe beschreiben definiere
                 definieren vergleiche vergleichen nenne nennen gib geben schreibe schreiben
                 implementiere implementieren zeige zeigen beweise beweisen berechne berechnen
                 finde finden bestimme bestimmen begründe begründen skizziere skizzieren
                 diskutiere diskutieren unterscheide unterscheiden"""),
    "pt": _words("""explique explica explicar descreva descreve descrever defina define definir
                 compare compara comparar cite liste dê escreva escreve implemente mostre
                 demonstre calcule encontre diferencie justifique resolva analise"""),
    "ru": _words("""объясните объясни опишите опиши дайте дай определите определи сравните
                 сравни перечислите перечисли назовите назови напишите напиши реализуйте
                 реализуй покажите покажи докажите докажи вычислите вычисли найдите найди
                 расскажите расскажи приведите приведи"""),
}
OPENERS = {
    "en": _words("let given suppose assume consider imagine say"),
    "es": _words("sea sean dado dada supón suponga considera considere imagina"),
    "fr": _words("soit soient étant supposons considérons imaginons"),
    "de": _words("sei seien gegeben angenommen betrachte betrachten"),
    "pt": _words("seja sejam dado dada suponha considere imagine"),
    "ru": _words("пусть дано допустим предположим рассмотрим"),
}
# Noun phrases that ask for a comparison or an evaluation, and the words for "versus".
COMPARISONS = {
    "en": _words("difference differences pros advantages disadvantages tradeoffs trade-offs "
                 "similarities"),
    "es": _words("diferencia diferencias ventajas desventajas"),
    "fr": _words("différence différences avantages inconvénients"),
    "de": _words("unterschied unterschiede vorteile nachteile"),
    "pt": _words("diferença diferenças vantagens desvantagens"),
    "ru": _words("разница различия отличия преимущества недостатки"),
}
VERSUS = frozenset({"vs", "vs.", "versus", "против"})
# Subject pronouns: an interrogative right before one opens an indirect question, the form
# titles take ("What You'll Learn", "How It Works"), not a question (English).
SUBJECTS = _words("i i'm i've you you'll you're you've we we'll we're we've they they'll "
                  "they're it it's this these that those he she")

QUESTION_LABELS = ("question", "ques", "pregunta", "frage", "pergunta", "questão", "вопрос",
                   "otázka", "问题", "问", "問題", "問", "질문")
ANSWER_LABELS = ("answer", "ans", "solution", "respuesta", "réponse", "reponse", "antwort",
                 "lösung", "resposta", "ответ", "odpověď", "odpoved", "答案", "回答", "解答", "答",
                 "답변", "답")
ANSWER_QUALIFIERS = ("expected", "short", "sample", "model", "suggested")

QUESTION_COLUMNS = frozenset("""question questions q prompt front pregunta preguntas frage
    fragen pergunta perguntas questão вопрос вопросы 问题 问 題目 题目 問題 질문 otázka""".split())
TERM_COLUMNS = frozenset("""term terms concept acronym abbreviation keyword término termo terme
    begriff термин понятие 术语 概念 術語 용어""".split())
ANSWER_COLUMNS = frozenset("""answer answers a definition explanation back solution meaning
    description respuesta respuestas definición explicación antwort antworten definition
    erklärung resposta respostas definição réponse réponses définition ответ ответы
    определение объяснение 答案 回答 答 解答 定义 解释 定義 답 답변 odpověď""".split())

STOPWORDS = {
    "en": _words("the of and to is in that it for are with as this on be"),
    "es": _words("el la los las de que y en un una por con para es del se no"),
    "fr": _words("le la les des de et est un une du en que pour pas dans une sur"),
    "de": _words("der die das und ist nicht ein eine zu den mit von dem auf sich"),
    "pt": _words("o a os as de que e do da em um uma para com não dos das"),
    "ru": _words("и в не на что как это по с к из для от то же"),
}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_LANGUAGE_HITS = 20  # function words seen before a language other than English is trusted
LANGUAGE_LEAD = 1.5  # and how many times more often than English (notes quote English terms)


@dataclass(frozen=True)
class Language:
    """The vocabulary a document's questions are read with: English and its own language."""

    code: str
    interrogatives: frozenset[str]
    imperatives: frozenset[str]
    openers: frozenset[str]
    comparisons: frozenset[str]

    def opens_question(self, words: list[str], strict: bool = False) -> bool:
        """The first word (or two, for "por qué", "o que") asks or sets a task; `strict`, not
        as the title of an indirect question ("What You'll Learn")."""
        if not words:
            return False
        if strict and words[0] in self.interrogatives and words[1:2] and words[1].replace(
                "’", "'") in SUBJECTS:
            return False
        first = (words[0], "_".join(words[:2]))
        vocab = self.interrogatives | self.imperatives | (frozenset() if strict
                                                          else self.openers)
        return any(w in vocab for w in first)


def language(code: str) -> Language:
    codes = ("en",) if code == "en" else ("en", code)
    pick = lambda table: frozenset().union(*(table[c] for c in codes))  # noqa: E731
    return Language(code, pick(INTERROGATIVES), pick(IMPERATIVES), pick(OPENERS),
                    pick(COMPARISONS))


ENGLISH = language("en")


def guess_language(text: str) -> Language:
    """The language whose function words the text uses most (English unless another clearly
    leads: technical notes in any language are full of English words)."""
    counts = Counter(WORD.findall(text.lower()))
    hits = {code: sum(counts[w] for w in words) for code, words in STOPWORDS.items()}
    best = max((c for c in hits if c != "en"), key=lambda c: hits[c])
    if hits[best] >= MIN_LANGUAGE_HITS and hits[best] >= LANGUAGE_LEAD * hits["en"]:
        return language(best)
    return ENGLISH
