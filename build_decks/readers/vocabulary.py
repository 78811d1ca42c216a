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
  "Pregunta:", "Antwort:", "Ответ:"), and the one-letter labels that are their initials
  (`P:` / `R:` in Spanish; read only as letter_labels.py says);
- table columns: the names of a Q&A table's columns.

The document's language is decided by its script first, where the script says it: a document
written in Cyrillic is read with the Cyrillic-script vocabularies (Russian), one in a script no
vocabulary is written in (Chinese, Japanese, Korean, Arabic, Hebrew, Hindi, Greek) by
punctuation (`?`, `？`, `؟`, a leading `¿`) and structure alone. Among the Latin-script
languages, the function words decide (the general stopword class of each language, and its
question and task words, below), with a floor low enough for a three-line note. English always
applies, since technical notes in any language quote English. Turkish is written for the
classes that read questions, its one-letter labels and the boilerplate section names only,
Italian for the classes that read questions, its labels and the boilerplate section names
(docs/reader.md).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

QUESTION_MARKS = "?？؟"  # Latin, full-width (CJK), Arabic
OPENING_MARKS = "¿"  # Spanish opens a question with it
SENTENCE_ENDS = ".!?。！？؟"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def every(table: dict[str, tuple[str, ...]]) -> list[str]:
    """The phrases of a per-language class, in all its languages."""
    return [phrase for phrases in table.values() for phrase in phrases]


# The verbs an English yes/no question opens with, its subject after them ("Can I ...?").
INVERTING = _words("""is are was were can could would should do does did will shall may might
                   have has had am isn't aren't don't doesn't""")
INTERROGATIVES = {
    "en": _words("what what's whats why how when where which who whom whose") | INVERTING,
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
    "tr": _words("nedir neden niçin niye nasıl hangi hangisi hangileri kim kimdir kaç"),
    "it": _words("""cosa cos'è cos’è che qual quale quali come perché perchè quando dove chi
                 quanto quanta quanti quante"""),
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
    # German also: the task verbs of its exam questions (the "Operatoren" its school and
    # university exams are written with), separable ones by the part that opens the prompt
    # ("Grenzen Sie ... ab", "Geben Sie ... an", "Stellen Sie ... dar").
    "de": _words("""erkläre erklären erläutere erläutern beschreibe beschreiben definiere
                 definieren vergleiche vergleichen nenne nennen gib geben schreibe schreiben
                 implementiere implementieren zeige zeigen beweise beweisen berechne berechnen
                 finde finden bestimme bestimmen begründe begründen skizziere skizzieren
                 diskutiere diskutieren unterscheide unterscheiden analysiere analysieren
                 bewerte bewerten beurteile beurteilen entwickle entwickeln ermittle ermitteln
                 erörtere erörtern interpretiere interpretieren prüfe prüfen überprüfe
                 überprüfen untersuche untersuchen zeichne zeichnen grenze grenzen stelle
                 stellen leite leiten ordne ordnen zähle zählen fasse fassen wende wenden
                 charakterisiere charakterisieren formuliere formulieren"""),
    "pt": _words("""explique explica explicar descreva descreve descrever defina define definir
                 compare compara comparar cite liste dê escreva escreve implemente mostre
                 demonstre calcule encontre diferencie justifique resolva analise"""),
    "ru": _words("""объясните объясни опишите опиши дайте дай определите определи сравните
                 сравни перечислите перечисли назовите назови напишите напиши реализуйте
                 реализуй покажите покажи докажите докажи вычислите вычисли найдите найди
                 расскажите расскажи приведите приведи"""),
    "tr": _words("""açıklayın açıklayınız açıkla anlatın anlatınız anlat tanımlayın tanımlayınız
                 tanımla karşılaştırın karşılaştır listeleyin listele"""),
    "it": _words("""spiega spieghi spiegare descrivi descriva descrivere definisci definisca
                 definire confronta confronti confrontare elenca elenchi elencare indica
                 indichi illustra illustri scrivi scriva implementa implementi mostra mostri
                 dimostra dimostri calcola calcoli trova trovi analizza analizzi distingui
                 distingua giustifica giustifichi motiva motivi fornisci fornisca parla
                 parlami dimmi raccontami"""),
}
OPENERS = {
    "en": _words("let given suppose assume consider imagine say"),
    "es": _words("sea sean dado dada supón suponga considera considere imagina"),
    "fr": _words("soit soient étant supposons considérons imaginons"),
    "de": _words("sei seien gegeben angenommen betrachte betrachten"),
    "pt": _words("seja sejam dado dada suponha considere imagine"),
    "ru": _words("пусть дано допустим предположим рассмотрим"),
    "tr": _words("diyelim varsayalım"),
    "it": _words("sia siano supponi supponiamo consideriamo immagina immaginiamo"),
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
    "tr": _words("fark farkı farklar farkları avantajlar avantajları dezavantajlar dezavantajları"),
    "it": _words("differenza differenze vantaggi svantaggi"),
}
VERSUS = frozenset({"vs", "vs.", "versus", "против"})
# Subject pronouns: an interrogative right before one opens an indirect question, the form
# titles take ("What You'll Learn", "How It Works"), not a question (English).
SUBJECTS = _words("i i'm i've you you'll you're you've we we'll we're we've they they'll "
                  "they're it it's this these that those he she")

# Also Japanese (質問 / 答え, and 回答例 / 解答例 / 模範解答, a sample or model answer), Italian
# (domanda / risposta), Turkish (soru / cevap, yanıt), Vietnamese (câu hỏi, and
# câu as an exam numbers its items: "Câu 3" / đáp án, trả lời), Hindi (प्रश्न / उत्तर) and
# Arabic (سؤال / جواب, الإجابة).
QUESTION_LABELS = ("question", "ques", "pregunta", "frage", "pergunta", "questão", "вопрос",
                   "otázka", "domanda", "问题", "问", "問題", "問", "質問", "질문", "soru",
                   "câu hỏi", "câu", "प्रश्न", "سؤال")
ANSWER_LABELS = ("answer", "ans", "solution", "respuesta", "réponse", "reponse", "antwort",
                 "lösung", "resposta", "risposta", "ответ", "odpověď", "odpoved", "答案", "回答",
                 "解答", "答", "答え", "回答例", "解答例", "模範解答",
                 "답변", "답", "cevap", "yanıt", "đáp án", "trả lời", "उत्तर", "جواب", "الإجابة")
# What kind of answer a label gives ("Expected Answer:", "Réponse attendue :"): the words that
# qualify an answer label, before it (English, German, Russian) or after it, where the
# adjective follows its noun (French, Spanish, Portuguese).
ANSWER_QUALIFIERS = ("expected", "short", "sample", "model", "suggested", "reference", "possible",
                     "potential", "possibile",
                     "erwartete", "mögliche", "ожидаемый", "примерный", "краткий")
ANSWER_QUALIFIERS_AFTER = ("attendue", "type", "suggérée", "courte", "esperada", "modelo",
                           "sugerida", "corta", "breve", "curta", "referência", "referencia",
                           "attesa", "suggerita")

# A question and its answer labelled by one letter, the initial of the language's words for
# them (`P1:` / `R:` in Spanish, pregunta / respuesta; `F:` / `A:` in German, Frage / Antwort),
# with the label word each letter stands for. English's `Q` / `A` are read in every document
# (shapes.QUESTION_MARKER); the others only in a document in that language that writes the
# pair (letter_labels.py): elsewhere `P:` or `R.` is a name, a variable or an initial.
LETTER_LABELS = {
    "en": (("Q", "Question"), ("A", "Answer")),
    "es": (("P", "Pregunta"), ("R", "Respuesta")),
    "fr": (("Q", "Question"), ("R", "Réponse")),
    "de": (("F", "Frage"), ("A", "Antwort")),
    "pt": (("P", "Pergunta"), ("R", "Resposta")),
    "ru": (("В", "Вопрос"), ("О", "Ответ")),
    "tr": (("S", "Soru"), ("C", "Cevap")),
    "it": (("D", "Domanda"), ("R", "Risposta")),
}
QUESTION_COLUMNS = frozenset("""question questions q prompt front pregunta preguntas frage
    fragen pergunta perguntas questão вопрос вопросы 问题 问 題目 题目 問題 질문 otázka""".split())
TERM_COLUMNS = frozenset("""term terms concept acronym abbreviation keyword término termo terme
    begriff термин понятие 术语 概念 術語 용어""".split())
ANSWER_COLUMNS = frozenset("""answer answers a definition explanation back solution meaning
    description respuesta respuestas definición explicación antwort antworten definition
    erklärung resposta respostas definição réponse réponses définition ответ ответы
    определение объяснение 答案 回答 答 解答 定义 解释 定義 답 답변 odpověď""".split())

# Words that name the parts of a document, per language. They are read in any of the
# vocabulary's languages (a heading's name does not depend on the language guess).
#
# The words of a label that opens questions again inside a boilerplate section
# (`**Questions:**`, `Preguntas de práctica`).
QUESTION_SECTION_WORDS = {
    "en": _words("question questions"), "es": _words("pregunta preguntas"),
    "fr": _words("question questions"), "de": _words("frage fragen"),
    "pt": _words("pergunta perguntas questão questões"), "ru": _words("вопрос вопросы"),
    "zh": _words("问题 面试题"),
}
# Words of a heading that names a glossary ("Glossary", "Key terms", "Términos clave").
GLOSSARY_WORDS = {
    "en": _words("""glossary glossaries terminology terminologies vocabulary jargon definition
                 definitions term terms acronyms abbreviations"""),
    "es": _words("glosario terminología vocabulario definición definiciones término términos "
                 "acrónimos abreviaturas"),
    "fr": _words("glossaire lexique terminologie vocabulaire définition définitions terme termes "
                 "acronymes abréviations"),
    "de": _words("glossar terminologie begriffe fachbegriffe definition definitionen "
                 "abkürzungen"),
    "pt": _words("glossário terminologia vocabulário definição definições termo termos siglas "
                 "abreviações"),
    "ru": _words("глоссарий терминология термин термины определение определения аббревиатуры"),
    "zh": _words("术语 术语表 名词解释"),
}
# Headings that name a document's front matter, never a question item ("Introduction",
# "Getting started"): whole headings.
FRONT_SECTIONS = {
    "en": ("introduction", "intro", "overview", "about", "preface", "background", "motivation",
           "prerequisites", "notes", "getting started"),
    "es": ("introducción", "visión general", "prefacio", "antecedentes", "motivación",
           "requisitos", "requisitos previos", "notas", "primeros pasos"),
    "fr": ("introduction", "aperçu", "préface", "contexte", "motivation", "prérequis",
           "notes", "premiers pas"),
    "de": ("einleitung", "einführung", "überblick", "vorwort", "hintergrund", "motivation",
           "voraussetzungen", "notizen", "erste schritte"),
    "pt": ("introdução", "visão geral", "prefácio", "contexto", "motivação", "pré-requisitos",
           "notas", "primeiros passos"),
    "ru": ("введение", "обзор", "предисловие", "мотивация", "требования", "заметки",
           "первые шаги"),
}
# The label of a tip or a note written as a line (`Tip: ...`, `Nota: ...`, `Hinweis: ...`).
ASIDE_LABELS = {
    "en": _words("tip tips note notes hint remember"),
    "es": _words("consejo consejos nota notas pista recuerda"),
    "fr": _words("astuce conseil note notes remarque rappel"),
    "de": _words("tipp tipps hinweis notiz anmerkung merke"),
    "pt": _words("dica dicas nota notas observação lembre"),
    "ru": _words("совет советы примечание заметка подсказка помните"),
}
# Words that label a paragraph rather than name a term (`**Note:**`, `**Ejemplo**`).
PARAGRAPH_LABELS = {
    "en": _words("""note notes tip tips example examples important warning caution hint summary
                 question questions definition explanation advantages disadvantages pros
                 cons"""),
    "es": _words("""nota notas consejo ejemplo ejemplos importante advertencia cuidado pista
                 resumen pregunta preguntas definición explicación ventajas desventajas"""),
    "fr": _words("""note notes conseil astuce exemple exemples important attention avertissement
                 indice résumé question questions définition explication avantages
                 inconvénients"""),
    "de": _words("""hinweis notiz tipp beispiel beispiele wichtig warnung achtung
                 zusammenfassung frage fragen definition erklärung vorteile nachteile"""),
    "pt": _words("""nota notas dica exemplo exemplos importante aviso atenção resumo pergunta
                 perguntas definição explicação vantagens desvantagens"""),
    "ru": _words("""примечание заметка совет пример примеры важно внимание предупреждение итог
                 вопрос вопросы определение объяснение преимущества недостатки"""),
}
# The verbs a definition's first sentence uses after the term ("A REST API is ...", "Un
# índice es ...", "Ein Index ist ...", "Индекс — это ...").
DEFINING_VERBS = {
    "en": _words("is are refers means stands describes"),
    "es": _words("es son significa significan refiere designa describe"),
    "fr": _words("est sont désigne signifie décrit"),
    "de": _words("ist sind bezeichnet bedeutet beschreibt"),
    "pt": _words("é são significa refere designa descreve"),
    "ru": _words("это является являются означает называется описывает"),
    "tr": _words("demektir denir anlamına"),
    "it": _words("è sono significa indica rappresenta descrive"),
}


# How a document speaks of itself (its introduction, a note to its reader): a sentence whose
# subject is the document or its items, a demonstrative (or "here") beside a noun that names a
# document or its parts ("This repository contains ...", "The answers here are ...", "Estas
# preguntas ..."), or that opens by presenting what follows ("Here are ...", "Voici ...").
DOCUMENT_POINTERS = {
    "en": _words("this these here"),
    "es": _words("este esta estos estas aquí"),
    "fr": _words("ce cet cette ces ici"),
    "de": _words("dieses diese dieser diesem diesen hier"),
    "pt": _words("este esta estes estas aqui"),
    "ru": _words("этот эта это эти этом этой этих здесь"),
}
DOCUMENT_NOUNS = {
    "en": _words("""document repository repo readme list guide page post article collection
                 cheatsheet notes file book chapter section deck flashcards cards questions
                 answers tutorial handbook project"""),
    "es": _words("""documento repositorio lista guía página artículo colección notas archivo
                 libro capítulo sección mazo tarjetas preguntas respuestas tutorial proyecto"""),
    "fr": _words("""document dépôt liste guide page article collection notes fichier livre
                 chapitre section paquet fiches cartes questions réponses tutoriel projet"""),
    "de": _words("""dokument repository repo liste leitfaden seite artikel sammlung notizen
                 datei buch kapitel abschnitt stapel karteikarten karten fragen antworten
                 anleitung projekt"""),
    "pt": _words("""documento repositório lista guia página artigo coleção notas arquivo livro
                 capítulo seção baralho cartões perguntas respostas tutorial projeto"""),
    "ru": _words("""документ репозиторий репозитории список руководство страница статья статье
                 подборка коллекция заметки файл книга глава раздел колода карточки вопросы
                 ответы проект"""),
}
PRESENTATIVES = {
    "en": ("here are", "here is", "here's", "below are", "below is", "below you will find",
           "below you'll find", "you will find here", "you'll find here"),
    "es": ("aquí están", "aquí tienes", "aquí encontrarás", "a continuación"),
    "fr": ("voici", "voilà", "ci-dessous", "vous trouverez ici"),
    "de": ("hier sind", "hier ist", "hier findest du", "hier finden sie", "im folgenden"),
    "pt": ("aqui estão", "aqui está", "a seguir", "abaixo estão"),
    "ru": ("вот", "ниже", "здесь собраны", "здесь вы найдете", "здесь вы найдёте"),
}


def any_language(table: dict[str, frozenset[str]]) -> frozenset[str]:
    """A class's words in all its languages."""
    return frozenset().union(*table.values())


# The coordinating "and" of each language, which joins two section names into one heading
# ("Contributing & Stay Updated", "Licencia y contacto").
AND_WORDS = {"en": ("and",), "es": ("y", "e"), "fr": ("et",), "de": ("und",), "pt": ("e",),
             "ru": ("и",), "tr": ("ve",), "it": ("e", "ed")}

# Section names that mark boilerplate, per kind and language: whole headings (boilerplate.py
# matches a heading against them, its numbering and end punctuation taken off). A name alone
# does not make a section boilerplate: a section that asks is content (see sections.py).
SECTION_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "toc": {
        "en": ("table of contents", "contents", "toc", "index"),
        "es": ("índice", "contenido", "contenidos", "tabla de contenidos"),
        "fr": ("sommaire", "table des matières"),
        "de": ("inhalt", "inhaltsverzeichnis"),
        "pt": ("sumário", "índice", "conteúdo"),
        "ru": ("содержание", "оглавление"),
        "tr": ("içindekiler", "içerik"),
        "it": ("indice", "sommario", "indice dei contenuti"),
        "zh": ("目录", "目錄"),
    },
    "references": {
        "en": ("reference", "references", "resources", "reads", "reading", "readings", "links",
               "sources", "references and reading material", "references and reading materials",
               "reading list", "bibliography", "see also"),
        "es": ("referencias", "bibliografía", "recursos", "enlaces", "fuentes", "lecturas",
               "véase también"),
        "fr": ("références", "bibliographie", "ressources", "liens", "sources", "lectures",
               "voir aussi"),
        "de": ("literatur", "quellen", "referenzen", "ressourcen", "links", "siehe auch"),
        "pt": ("referências", "bibliografia", "recursos", "links", "fontes", "leituras",
               "veja também"),
        "ru": ("литература", "ссылки", "источники", "ресурсы", "см. также"),
        "tr": ("kaynaklar", "kaynakça", "referanslar", "bağlantılar", "faydalı bağlantılar",
               "ayrıca bakınız"),
        "it": ("riferimenti", "bibliografia", "risorse", "fonti", "collegamenti", "link",
               "letture", "vedi anche"),
        "zh": ("参考", "参考资料", "参考文献", "参考链接", "相关链接", "延伸阅读"),
    },
    "template": {
        "en": ("template", "templates", "example entry", "answer template", "question template"),
        "es": ("plantilla", "plantillas", "plantilla de respuesta"),
        "fr": ("gabarit", "modèle de réponse", "modèle de question"),
        "de": ("vorlage", "vorlagen"),
        "pt": ("modelo de resposta", "modelo de pergunta"),
        "ru": ("шаблон", "шаблоны"),
        "tr": ("şablon", "şablonlar", "cevap şablonu", "soru şablonu"),
        "it": ("modello di risposta", "modello di domanda"),
        "zh": ("模板",),
    },
    "tips": {
        "en": ("tips", "advice", "tips and tricks", "tips for the interview",
               "tips for interviews", "tips for the interviews", "common mistakes",
               "common mistakes to avoid", "dos and don'ts", "dos and donts"),
        "es": ("consejos", "trucos", "consejos y trucos", "errores comunes"),
        "fr": ("conseils", "astuces", "conseils et astuces", "erreurs courantes"),
        "de": ("tipps", "ratschläge", "tipps und tricks", "häufige fehler"),
        "pt": ("dicas", "conselhos", "dicas e truques", "erros comuns"),
        "ru": ("советы", "советы и хитрости", "частые ошибки"),
        "tr": ("ipuçları", "tavsiyeler", "öneriler", "sık yapılan hatalar"),
        "it": ("consigli", "suggerimenti", "trucchi", "consigli e trucchi", "errori comuni"),
        "zh": ("提示", "技巧", "小贴士", "常见错误"),
    },
    "licence": {
        "en": ("license", "licence"), "es": ("licencia",), "fr": ("licence",),
        "de": ("lizenz",), "pt": ("licença",), "ru": ("лицензия",), "tr": ("lisans",),
        "it": ("licenza",),
        "zh": ("许可证", "许可"),
    },
    # How to add to the document: its examples are examples, not questions.
    "contributing": {
        "en": ("contributing", "contribute", "contribution", "contributions", "contributors",
               "how to contribute", "contribution guidelines"),
        "es": ("contribuir", "contribuciones", "cómo contribuir"),
        "fr": ("contribuer", "contributions", "comment contribuer"),
        "de": ("mitwirken", "mitmachen", "beitragen"),
        "pt": ("contribuir", "contribuições", "como contribuir"),
        "ru": ("участие", "как помочь", "как внести вклад"),
        "tr": ("katkıda bulunma", "katkıda bulunmak", "katkı", "nasıl katkıda bulunulur"),
        "it": ("contribuire", "contributi", "come contribuire"),
        "zh": ("贡献", "如何贡献", "参与贡献"),
    },
    # What closes a document: a conclusion, its author and how to reach or support them,
    # thanks, a disclaimer, related articles, its history and plans, what is still to do.
    "tail": {
        "en": ("conclusion", "conclusions", "summary", "final thoughts", "final words",
               "wrapping up", "wrap up", "key takeaways", "closing thoughts", "contact",
               "contact us", "contact me", "about the author", "about the authors",
               "about author", "about me", "author", "authors", "credits", "acknowledgements",
               "acknowledgments", "thanks", "thank you", "support", "support me", "support us",
               "support my writing", "donate", "donation", "donations", "sponsor", "sponsors",
               "sponsorship", "follow us", "follow me", "stay connected", "stay in touch",
               "stay updated", "stay tuned",
               "disclaimer", "related posts", "related articles", "changelog", "roadmap",
               "future work", "future improvements", "to do", "todo"),
        "es": ("conclusión", "conclusiones", "resumen", "contacto", "sobre el autor", "autor",
               "créditos", "agradecimientos", "gracias", "apoyo", "soporte", "donaciones",
               "patrocinadores", "síguenos", "aviso legal", "artículos relacionados",
               "registro de cambios", "hoja de ruta", "trabajo futuro", "pendiente",
               "pendientes", "por hacer"),
        "fr": ("conclusion", "conclusions", "résumé", "contact", "à propos de l'auteur",
               "auteur", "crédits", "remerciements", "merci", "soutien", "support", "dons",
               "sponsors",
               "suivez-nous", "avertissement", "articles connexes", "journal des modifications",
               "feuille de route", "travaux futurs", "à faire"),
        "de": ("fazit", "zusammenfassung", "schlussfolgerung", "kontakt", "über den autor",
               "autor", "danksagung", "danke", "unterstützung", "spenden", "sponsoren",
               "folge uns", "haftungsausschluss", "verwandte artikel", "änderungsprotokoll",
               "ausblick", "zu erledigen", "offene punkte"),
        "pt": ("conclusão", "conclusões", "resumo", "contato", "contacto", "sobre o autor",
               "autor", "créditos", "agradecimentos", "obrigado", "apoio", "suporte", "doações",
               "patrocinadores", "siga-nos", "aviso legal", "artigos relacionados",
               "registro de alterações", "roteiro", "trabalhos futuros", "a fazer",
               "pendente", "pendentes"),
        "ru": ("заключение", "выводы", "итоги", "контакты", "об авторе", "автор",
               "благодарности", "спасибо", "поддержка", "пожертвования", "спонсоры",
               "подписывайтесь", "отказ от ответственности", "похожие статьи",
               "история изменений", "дорожная карта", "список дел", "что сделать"),
        "tr": ("sonuç", "sonuçlar", "özet", "iletişim", "yazar hakkında", "yazar",
               "teşekkürler", "teşekkür", "destek", "bağış", "sponsorlar", "bizi takip edin",
               "sorumluluk reddi", "ilgili yazılar", "değişiklik günlüğü", "yol haritası",
               "yapılacaklar"),
        "it": ("conclusione", "conclusioni", "riepilogo", "contatti", "contatto",
               "sull'autore", "autore", "ringraziamenti", "grazie", "supporto", "donazioni",
               "sponsor", "seguici", "esclusione di responsabilità", "articoli correlati",
               "registro delle modifiche", "da fare"),
        "zh": ("结论", "总结", "小结", "联系", "联系方式", "关于作者", "作者", "致谢", "鸣谢",
               "感谢", "赞助", "捐赠", "关注我们", "免责声明", "相关文章", "相关教程", "相关阅读",
               "更新日志", "变更日志", "路线图", "待完成", "待办"),
    },
}
# Words a heading adds to a reference or tips section's name ("Further reading", "Useful
# links", "Enlaces útiles", "Weiterführende Links"), and on which side of it they stand.
SECTION_QUALIFIERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "en": ("before", ("interview", "general", "quick", "pro", "preparation", "practice",
                      "learning", "related", "useful", "additional", "other", "more", "further",
                      "recommended", "good", "helpful", "external")),
    "es": ("after", ("útiles", "adicionales", "recomendados", "recomendadas", "relacionados",
                     "externos", "externas")),
    "fr": ("after", ("utiles", "complémentaires", "recommandées", "recommandés", "externes")),
    "de": ("before", ("weitere", "weiterführende", "nützliche", "empfohlene", "externe")),
    "pt": ("after", ("úteis", "adicionais", "recomendados", "recomendadas", "relacionados",
                     "externos")),
    "ru": ("before", ("полезные", "дополнительные", "рекомендуемые", "внешние")),
    "it": ("after", ("utili", "aggiuntive", "consigliate", "consigliati", "esterni", "esterne")),
}
QUALIFIED_KINDS = ("references", "tips")
# Calls to action that open a line (course and newsletter pitches, sponsor notes, membership
# and donation appeals), and the ones that give a line away anywhere in it.
CALLS_TO_ACTION: dict[str, tuple[str, ...]] = {
    "en": ("become a", "become an", "sign up", "subscribe", "enrol", "enroll", "join our",
           "join the", "join us", "join my", "register now", "register today", "register for",
           "download our", "download the", "download free", "check out our", "check out my",
           "click here", "learn more", "read more", "also read", "recommended:",
           "recommended for you:", "sponsored", "advertisement", "get started now",
           "get started today", "get started for free", "follow us", "follow me",
           "support my writing", "support my work", "support our work", "buy me a coffee",
           "use promo code", "use the promo code", "this page is sponsored",
           "this post is sponsored", "this article is sponsored"),
    "es": ("suscríbete", "suscríbase", "regístrate", "únete a", "síguenos", "sígueme",
           "haz clic aquí", "lee más", "leer más", "patrocinado", "publicidad", "descarga gratis",
           "apóyame", "invítame a un café"),
    "fr": ("abonnez-vous", "inscrivez-vous", "rejoignez", "suivez-nous", "suivez-moi",
           "cliquez ici", "en savoir plus", "lire la suite", "sponsorisé", "publicité",
           "téléchargez gratuitement", "soutenez-moi", "offrez-moi un café"),
    "de": ("abonniere", "abonnieren sie", "melde dich an", "registriere dich", "folge uns",
           "folge mir", "hier klicken", "mehr erfahren", "weiterlesen", "gesponsert",
           "werbung", "kostenlos herunterladen", "unterstütze mich",
           "spendiere mir einen kaffee"),
    "pt": ("inscreva-se", "assine", "cadastre-se", "junte-se", "siga-nos", "siga-me",
           "clique aqui", "saiba mais", "leia mais", "patrocinado", "publicidade",
           "baixe grátis", "apoie-me", "me pague um café"),
    "ru": ("подпишитесь", "подписывайтесь", "зарегистрируйтесь", "присоединяйтесь",
           "нажмите здесь", "узнать больше", "читать далее", "читайте также", "реклама",
           "спонсор", "скачайте бесплатно", "поддержите"),
}
# Calls to action whose verb notes also use in a technical sense ("Join the two tables on id",
# "Subscribe the consumer to a topic", "Download the weights", "Assine o token com a chave"):
# an advert only where the line also names what adverts sell or gather readers into
# (MARKETING_WORDS). The other languages' calls are reflexive or polite imperatives that
# address a reader only (suscríbete, abonnez-vous, подпишитесь), never a technical step.
DUAL_SENSE_CALLS: dict[str, tuple[str, ...]] = {
    "en": ("join the", "subscribe", "register for", "download the"),
    "pt": ("assine",),
}
# What an advert sells or gathers its readers into, and the writer's own (a course, a
# newsletter, a membership, a channel, a discount, "our", "my"), with its urgency and price
# words ("now", "free").
MARKETING_WORDS = {
    "en": _words("""our my us me newsletter newsletters course courses bootcamp webinar webinars
                 workshop workshops masterclass membership member members premium
                 subscription subscriptions channel community waitlist mailing discount
                 coupon trial free now today"""),
    "es": _words("""nuestro nuestra nuestros nuestras mi mis boletín curso cursos taller
                 webinar membresía miembro premium suscripción canal comunidad descuento
                 cupón prueba gratis gratuito ahora hoy"""),
    "fr": _words("""notre nos mon ma mes newsletter lettre cours formation atelier webinaire
                 abonnement membre premium chaîne communauté réduction essai gratuit
                 gratuitement maintenant aujourd'hui"""),
    "de": _words("""unser unsere unseren unserem mein meine newsletter kurs kurse workshop
                 webinar mitgliedschaft mitglied premium abo abonnement kanal community
                 rabatt gutschein testversion kostenlos gratis jetzt heute"""),
    "pt": _words("""nosso nossa nossos nossas meu minha newsletter curso cursos oficina webinar
                 assinatura membro premium canal comunidade desconto cupom teste grátis
                 gratuito agora hoje"""),
    "ru": _words("""наш наша наши мой моя рассылка курс курсы вебинар подписка участник премиум
                 канал сообщество скидка промокод бесплатно бесплатный сейчас сегодня"""),
}
AD_PHRASES: dict[str, tuple[str, ...]] = {
    "en": ("visit our website", "visit my website", "visit our blog", "visit my blog",
           "visit our channel", "visit my channel", "follow us on", "follow me on",
           "subscribe to our", "subscribe to my", "sign up for our", "sign up for my",
           "sign up to our", "sign up to my", "enrol now", "enroll now", "enroll today",
           "enrol today", "promo code", "buy me a coffee", "our referral link",
           "my referral link", "our affiliate link", "my affiliate link"),
    "es": ("código promocional", "enlace de afiliado", "suscríbete a mi", "síguenos en",
           "sígueme en"),
    "fr": ("code promo", "lien d'affiliation", "abonnez-vous à", "suivez-nous sur",
           "suivez-moi sur"),
    "de": ("gutscheincode", "rabattcode", "affiliate-link", "folge uns auf", "folge mir auf"),
    "pt": ("código promocional", "link de afiliado", "inscreva-se no", "siga-nos no",
           "siga-me no"),
    "ru": ("промокод", "партнёрская ссылка", "партнерская ссылка", "подписывайтесь на",
           "подпишитесь на"),
}

STOPWORDS = {
    "en": _words("the of and to is in that it for are with as this on be a an"),
    "es": _words("el la los las de que y en un una por con para es del se no"),
    "fr": _words("le la les des de et est un une du en que pour pas dans une sur"),
    "de": _words("der die das und ist nicht ein eine zu den mit von dem auf sich"),
    "pt": _words("o a os as de que e do da em um uma para com não dos das"),
    "ru": _words("и в не на что как это по с к из для от то же"),
    "tr": _words("ve bir bu için ile çok daha gibi olarak olan veya ama şu değil ise kadar sonra"),
    # Italian: only words no other vocabulary language writes (not "la", "una", "con", "da").
    "it": _words("il gli di che è della dei delle degli per non sono anche questo questa nel "
                 "nella più ma alla"),
}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Chinese writes no spaces between words, and asks with a question word wherever it falls
# ("LSTM的公式是什么", "LSTM比RNN好在哪", "什么是skip-connection") or a final particle (吗, 呢),
# often without a question mark in a heading; a task opens with its verb ("简述K折交叉验证",
# "手写Kmeans"). Both general classes, simplified and traditional, read in Han text only.
CHINESE_INTERROGATIVES = ("什么", "什麼", "甚麼", "怎么", "怎麼", "怎样", "怎樣", "如何", "为什么",
                          "為什麼", "为何", "為何", "哪", "是否", "多少", "吗", "嗎", "呢")
CHINESE_IMPERATIVES = ("简述", "簡述", "解释", "解釋", "说明", "說明", "描述", "比较", "比較",
                       "列举", "列舉", "介绍", "介紹", "谈谈", "談談", "手写", "手寫", "实现",
                       "實現", "写出", "寫出", "推导", "推導", "证明", "證明", "写代码", "寫代碼")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

# Korean puts the verb last, and its ending says what the sentence does: a polite request
# ("설명해주세요", "비교하십시오") or a question ("왜 해야할까요", "무엇이 있나요", "맞습니까"),
# often without a question mark in a heading. General grammatical endings, read in Hangul text
# only, at the end of a sentence.
KOREAN_ENDINGS = ("세요", "십시오", "하시오", "까요", "나요", "니까", "는가")
HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Japanese, too, puts the verb last, and its ending says what the sentence does: a polite
# request ("説明してください", "自己紹介をお願いします", "教えて"), an exam's task
# ("説明せよ", "述べよ", "答えなさい"), a question ("何ですか", "ありますか", "でしょうか",
# "とは何か"), or the topic a definition question names ("CI/CDとは", Japanese for "What is
# CI/CD"), or a comparison asked for ("XとYの違い", "メリット・デメリット"), often without a
# question mark in a heading. General grammatical endings, read in text with hiragana (which
# Chinese never writes) only, at the end of a sentence.
JAPANESE_ENDINGS = ("ください", "下さい", "お願いします", "教えて", "なさい", "せよ", "述べよ",
                    "答えよ", "挙げよ", "ですか", "ますか", "でしょうか", "ませんか", "のか",
                    "何か", "とは", "の違い", "違いは", "メリット・デメリット", "長所と短所")
HIRAGANA = re.compile(r"[\u3041-\u309f]")

# The script each vocabulary is written in, and the letters of each script a document may be
# written in (Unicode blocks). CJK counts Han, kana and Hangul together: no vocabulary here is
# written in them, so punctuation decides for all three.
SCRIPTS = {"en": "latin", "es": "latin", "fr": "latin", "de": "latin", "pt": "latin",
           "ru": "cyrillic", "tr": "latin", "it": "latin"}
SCRIPT_LETTERS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "cyrillic": re.compile(r"[\u0400-\u052f]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
    "devanagari": re.compile(r"[\u0900-\u097f]"),
    "cjk": re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"),
}
# A document is written in a script other than Latin when that script has at least this share
# of its letters: notes in any script quote Latin-script names and code (`Объясните GIL`,
# `什么是 MVCC？`), so the other script need not be the majority; an English document that
# quotes a few words of another script stays far below.
SCRIPT_SHARE = 0.2
MIN_LANGUAGE_HITS = 3  # words of a language not shared with English: one or two may be
# borrowed ("de facto", "que sera"); a three-line note in the language has more
LANGUAGE_LEAD = 1.5  # and how many times more often than English (notes quote English terms)


@dataclass(frozen=True)
class Language:
    """The vocabulary a document's questions are read with: English and its own language."""

    code: str
    interrogatives: frozenset[str]
    imperatives: frozenset[str]
    openers: frozenset[str]
    comparisons: frozenset[str]
    defining: frozenset[str]  # the verbs a definition uses after its term

    def opens_question(self, words: list[str], strict: bool = False) -> bool:
        """The first word (or two, for "por qué", "o que") asks or sets a task; `strict`, not
        as the title of an indirect question ("What You'll Learn")."""
        if not words:
            return False
        if strict and words[0] in self.interrogatives and words[0] not in INVERTING and (
                words[1:2] and words[1].replace("’", "'") in SUBJECTS):
            return False  # "What You'll Learn"; but "Can I reuse it?" asks
        first = (words[0], "_".join(words[:2]))
        vocab = self.asking_strictly if strict else self.asking
        return any(w in vocab for w in first)

    @cached_property
    def asking(self) -> frozenset[str]:
        """The words a question or a task opens with (question words, task verbs, openers)."""
        return self.interrogatives | self.imperatives | self.openers

    @cached_property
    def asking_strictly(self) -> frozenset[str]:
        return self.interrogatives | self.imperatives


def language(code: str) -> Language:
    codes = ("en",) if code == "en" else ("en", code)
    pick = lambda table: frozenset().union(*(table[c] for c in codes))  # noqa: E731
    return Language(code, pick(INTERROGATIVES), pick(IMPERATIVES), pick(OPENERS),
                    pick(COMPARISONS), pick(DEFINING_VERBS))


ENGLISH = language("en")


def _classes(code: str) -> frozenset[str]:
    return frozenset().union(STOPWORDS[code], INTERROGATIVES[code], IMPERATIVES[code])


# The words that show a document is written in a language: its function words, question words
# and task words that the other side does not also use. A word English shares with another
# language counts for neither ("a", "as", "was", "define"); "es", "die", "qu'est" count.
_ENGLISH_WORDS = frozenset().union(_classes("en"), OPENERS["en"], COMPARISONS["en"], SUBJECTS)
_OTHER_WORDS = frozenset().union(*(_classes(c) for c in STOPWORDS if c != "en"))
EVIDENCE = {code: STOPWORDS["en"] - _OTHER_WORDS if code == "en"
            else _classes(code) - _ENGLISH_WORDS for code in STOPWORDS}


def script_of(text: str) -> str:
    """The script a document is written in: the non-Latin script with the most letters where
    it has SCRIPT_SHARE of them, else Latin."""
    if text.isascii():  # no letter of another script (and no counting through a long text)
        return "latin"
    counts = {name: len(pattern.findall(text)) for name, pattern in SCRIPT_LETTERS.items()}
    letters = sum(counts.values())
    other = max((name for name in counts if name != "latin"), key=lambda n: counts[n])
    if letters and counts[other] >= SCRIPT_SHARE * letters:
        return other
    return "latin"


def guess_language(text: str) -> Language:
    """The document's language: by its script where only some vocabularies are written in it
    (Cyrillic: Russian; a script no vocabulary uses: English and punctuation), else by the
    function words it uses (English unless another language clearly leads: technical notes in
    any language are full of English words)."""
    script = script_of(text)
    candidates = [code for code, written in SCRIPTS.items() if written == script]
    if not candidates:
        return ENGLISH  # punctuation and structure decide (English still applies)
    counts = Counter(WORD.findall(text.lower()))
    hits = {code: sum(counts[w] for w in EVIDENCE[code]) for code in candidates}
    if "en" not in candidates:  # the script decides among its own vocabularies
        return language(max(candidates, key=lambda c: hits[c]))
    best = max((c for c in candidates if c != "en"), key=lambda c: hits[c])
    if hits[best] >= MIN_LANGUAGE_HITS and hits[best] >= LANGUAGE_LEAD * hits["en"]:
        return language(best)
    return ENGLISH
