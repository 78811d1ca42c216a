"""How questions, answers and their labels are written, in words: patterns over one line of
plain text (the Markdown has already been parsed; these look at the words that are left)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from build_decks.readers.vocabulary import (
    ANSWER_LABELS,
    ANSWER_QUALIFIERS,
    ANSWER_QUALIFIERS_AFTER,
    CHINESE_IMPERATIVES,
    CHINESE_INTERROGATIVES,
    ENGLISH,
    HAN,
    HANGUL,
    HIRAGANA,
    JAPANESE_ENDINGS,
    KOREAN_ENDINGS,
    OPENING_MARKS,
    QUESTION_LABELS,
    QUESTION_MARKS,
    VERSUS,
    WORD,
    Language,
)


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


def _cased(words: tuple[str, ...]) -> str:
    """The words as people capitalise labels: lower, Title and UPPER case only."""
    return _alternatives(tuple(f for w in words for f in (w, w.capitalize(), w.upper())))


# `Q:`, `Q1.`, `Q?`, `Q33:`, `Question:`, `Question 3)`, `🗂️ Question:`, `q1.`, `Pregunta:`
QUESTION_MARKER = re.compile(
    rf"^[^\w\n]*?(?:{_alternatives(QUESTION_LABELS)}|q(?=\s*#?\d)|Q)\s*#?\d*\s*"
    r"(?:[:：.)?]|[-–]\s)\s*", re.IGNORECASE)
_Q_CASE = re.compile(rf"^[^\w\n]*?(?:{_cased(QUESTION_LABELS)}|Q|q\s*#?\d)")
BANNER = r"[=\-*#~_ ]+"  # the glyphs a label is framed with: `=== Answer ===`, `**Answer**`
_AFTER = rf"(?:\s+(?:{_alternatives(ANSWER_QUALIFIERS_AFTER)}))?"  # `Réponse attendue`
_ANSWER_WORDS = (rf"(?:(?:{_alternatives(ANSWER_QUALIFIERS)})\s+)?"
                 rf"(?:(?:{_alternatives(ANSWER_LABELS)}){_AFTER}|A(?=\s*[:：]))")
# `A:`, `Ans:`, `Answer:`, `Expected Answer:`, `📦 Answer:`, `Solution:`, `Respuesta:`
ANSWER_LABEL = re.compile(rf"^[^\w\n]*?{_ANSWER_WORDS}\s*\d*\s*(?:[:：.)]|[-–]\s)\s*"
                          rf"|^{BANNER}{_ANSWER_WORDS}{BANNER}$", re.IGNORECASE)  # `=== Answer ===`
# The same label at the start of a source line, with the emphasis or list marker around it
# (`A:`, `**Answer:**`, `- **Expected Answer**:`, `1. Answer:`).
ANSWER_PREFIX = re.compile(
    rf"^\s*(?:\d+[.)]\s+)?[^\w\n]*?(?:(?:{_alternatives(ANSWER_QUALIFIERS)})\s+)?"
    rf"(?:(?:{_alternatives(ANSWER_LABELS)}){_AFTER}\s*\d*[*_\s]*(?:[:：.)]|[-–]\s)|a[*_\s]*[:：])"
    r"(?:[*_]{1,2})?\s*"
    rf"|^{BANNER}{_ANSWER_WORDS}{BANNER}$", re.IGNORECASE)
# `1.`, `8)`, `1 - `, `3- `, `1.2.1 `, `(2)`
NUMBERING = re.compile(r"^\s*(?:\(\d+\)|\d+(?:\.\d+)+\.?|\d+\s*[.):]|\d+\s*[-–—](?=\s))\s*")
DIFFICULTY = re.compile(r"\[(?:E|M|H|easy|medium|hard)\]\s*", re.IGNORECASE)
EMOJI_TAGS = "👶⭐🌟🚀🔥\u200d\ufe0f\u2b50"
SENTENCE = re.compile(r"(?<=[.!?。！？])(?:(?<=[.!?])\s+|(?<=[。！？]))(?=\S)")  # `. ` or `。`:
# one look behind at each position first (twice as fast as the two alternatives alone)
PLACEHOLDERS = frozenset(phrase.strip() for phrase in """
    to be completed|to be added|to be answered|to be written|to be updated|answer here|
    your answer here|add answer here|add your answer|write your answer here|answer|answers|
    tbd|tba|todo|to do|coming soon|work in progress|wip|pending|in progress|fill in|fill me|
    n a|na|none yet|no answer yet|later|pass|pendiente|por completar|à compléter|a completar
""".split("|"))


TO_BE_DONE = re.compile(r"(answer )?(still )?to be (completed|added|answered|written|updated|"
                        r"filled|filled in|done|provided|continued|expanded)( later| soon)?")


# `Q2 How is ...`, `Q14 -When ...`: a question's number after `Q` with no colon or stop, read as
# a label only where what follows opens with a question or task word (`Q3 2024 revenue`,
# `Q3 revenue grew` are no labels).
_BARE_NUMBERED_Q = re.compile(r"^[^\w\n]*?Q\s*#?\d+\s+(?:[-–]\s*)?(?=[^\W\d_])")


def strip_marker(text: str) -> tuple[str, bool]:
    """(text without a leading `Q:`-style marker, whether there was one)."""
    match = QUESTION_MARKER.match(text)
    if match and _Q_CASE.match(text):
        return text[match.end():], True
    bare = _BARE_NUMBERED_Q.match(text)
    if bare and ENGLISH.opens_question(_lead(text[bare.end():]), strict=True):
        return text[bare.end():], True
    return text, False


def answer_label(text: str) -> re.Match[str] | None:
    return ANSWER_LABEL.match(text)


# `**Q:** What is X? **A:** Y`: an answer label right after a labelled question's mark, on the
# question's own line (a question and its answer written as one line). Only after the mark and
# with a colon, so that `What does "A: 1" mean?` keeps its words.
_INLINE_ANSWER = re.compile(rf"(?<=[?？])\s+[*_]{{0,2}}{_ANSWER_WORDS}\s*[*_]{{0,2}}\s*[:：]"
                            r"[*_]{0,2}\s*", re.IGNORECASE)


def split_answer(question: str) -> tuple[str, str] | None:
    """(the question, its answer) where a labelled question's line goes on with an answer
    label after its question mark; None where it does not, or nothing follows the label."""
    match = _INLINE_ANSWER.search(question)
    if match is None or not question[match.end():].strip():
        return None
    return question[:match.start()].rstrip(), question[match.end():].strip()


def answer_with_markup(markdown: str, plain: str) -> str:
    """The answer after the label in the line's Markdown, with its markup (`*design*`, links),
    where the Markdown splits as its words do; else the words' answer."""
    split = split_answer(markdown)
    return split[1] if split is not None else plain


LEADING_LABELS = frozenset(w.lower().split()[0] for w in (  # a label's first word: `Đáp án`
    *QUESTION_LABELS, *ANSWER_LABELS, *ANSWER_QUALIFIERS, "q", "a"))
LEAD_WORD = re.compile(r"[^\W\d_]+")


def may_be_label(line: str) -> bool:
    """Whether a source line could open with a question or answer label (a quick test before
    parsing it: most lines of an answer cannot)."""
    start = line.lstrip(" \t>-*+#_=~`0123456789.)(")[:40]
    if not start or start[0] in "=*#-":
        return True
    lead = LEAD_WORD.search(start)  # after any emoji or symbols (`🗂️ Question:`)
    return lead is None or lead[0].lower() in LEADING_LABELS or (
        lead[0][:1] in "qQ" and start[len(lead[0]):len(lead[0]) + 2].strip()[:1].isdigit())


# `12`, `3.`, `(4)`, `Question 1`, `Вопрос 3`, `Câu 2`, `Q7`: an item's number, alone or after a
# question label, with nothing the item says.
_ITEM_NUMBER = re.compile(rf"(?:(?:{_alternatives(QUESTION_LABELS)}|Q)\s*#?)?\(?\d+[.):]?",
                          re.IGNORECASE)


def item_number_only(text: str) -> bool:
    """A heading that only numbers an item (`### 12`, `### Question 1`, `## Câu 3`): it says
    nothing of its own, and the item's question is written under it."""
    return bool(_ITEM_NUMBER.fullmatch(text.strip()))


_EMPHASIS = re.compile(r"[*_]+")


def without_answer_label(line: str) -> str:
    """A source line with its answer label taken off. Where the label and the answer are one
    bold or italic run (`**Answer: B**`), the marks that close the run go with its label."""
    match = ANSWER_PREFIX.match(line)
    if not match:
        return line
    prefix, rest = match.group(0), line[match.end():]
    opening = _EMPHASIS.search(prefix)
    if opening is None or prefix.count(opening[0]) > 1:  # no run, or closed in the label
        return rest
    closing = next((m for m in _EMPHASIS.finditer(rest) if m[0] == opening[0]), None)
    return rest if closing is None else rest[:closing.start()] + rest[closing.end():]


def is_answer_heading(text: str) -> bool:
    """A heading that only says "Answer" (`### Ответ`, `#### **Answer:**`)."""
    words = " ".join(WORD.findall(text.lower()))
    return bool(words) and (words in ANSWER_LABELS or bool(answer_label(text.strip("#* "))))


def strip_numbering(text: str) -> tuple[str, bool]:
    match = NUMBERING.match(text)
    return (text[match.end():], True) if match and match.end() < len(text) else (text, False)


TRAILING_DIFFICULTY = re.compile(r"\s*\[(?:E|M|H|easy|medium|hard)\]\s*$", re.IGNORECASE)
CACHED = 1 << 16  # the lines of a large document, each asked about a few times


@lru_cache(maxsize=CACHED)
def strip_tags(text: str) -> str:
    """Difficulty tags ([E], [M], 👶, ⭐️, 🚀) at either end."""
    if "[" in text:
        text = DIFFICULTY.sub("", text) if DIFFICULTY.match(text.strip()) else text
        text = TRAILING_DIFFICULTY.sub("", text)
    return text.rstrip(EMOJI_TAGS + " \t")


@dataclass(frozen=True)
class Cleaned:
    text: str
    marker: bool  # written with a `Q:`-style marker
    numbered: bool  # written with a number in front
    tagged: bool  # carried a difficulty tag


@lru_cache(maxsize=CACHED)
def clean_question(text: str) -> Cleaned:
    """A question as the key format writes it: no numbering, labels, tags or stray markers."""
    original = text.strip()
    text, marker, numbered = original, False, False
    for _ in range(3):  # `**1\.** Q1: ...` and `11. 11. What ...` stack prefixes
        text = text.strip().lstrip("*_ ").strip()
        text, found_number = strip_numbering(text)
        text, found_marker = strip_marker(text)
        marker, numbered = marker or found_marker, numbered or found_number
        if not (found_number or found_marker):
            break
    tagged = bool(DIFFICULTY.search(original)) or original.rstrip(" *_").endswith(
        tuple(EMOJI_TAGS))
    text = strip_tags(text).strip()
    text = text.strip("*_ \t").strip() if _unbalanced(text) else text
    return Cleaned(text, marker, numbered, tagged)


def _unbalanced(text: str) -> bool:
    """A stray `*` or `_` left at an end by emphasis that was never closed."""
    return text[:1] in "*_" or text[-1:] in "*_"


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _lead(text: str, count: int = 2) -> list[str]:
    """The first words of a text's first sentence (all a question's opening needs)."""
    text = text.lstrip("“\"'‘(¡ ")
    end = SENTENCE.search(text)
    found = WORD.finditer((text[:end.start()] if end else text).lower())
    return [match[0] for match in itertools.islice(found, count)]


@lru_cache(maxsize=CACHED)
def asks_explicitly(text: str) -> bool:
    """Ends in a question mark (`?`, `？`, `؟`) or opens with `¿`: a question in so many
    words, whatever the language."""
    text = strip_tags(text.strip()).rstrip(" *_”\"'’)）").strip()
    return text.endswith(tuple(QUESTION_MARKS)) or text.lstrip("*_“\"'‘( ").startswith(
        OPENING_MARKS)


@lru_cache(maxsize=CACHED)
def is_question_like(text: str, strict: bool = False, lang: Language = ENGLISH) -> bool:
    """Asks something: ends in a question mark (`?`, `？`, `؟`) or opens with `¿`, opens with a
    question or task word of the language, or compares X vs Y.

    `strict` (for a plain line that nothing else marks as a question) leaves out problem
    openers ("Given ...", "Let ...") and a task word only in the last sentence.
    """
    text = strip_tags(text.strip()).rstrip(" *_”\"'’)）").strip()
    if not text or text.endswith((":", "：")):
        return False
    if asks_explicitly(text):
        return True
    first = _lead(text)
    if lang.opens_question(first, strict) or (first and first[0] in lang.comparisons):
        return True
    if not strict and (asks_in_chinese(text) or asks_in_korean(text)
                       or asks_in_japanese(text)):
        return True
    if not strict:
        last = SENTENCE.split(text)[-1]
        lead = _lead(last, 1)
        if lead and lead[0] in lang.imperatives:
            return True
    tokens = text.lower().split()
    return len(tokens) <= COMPARISON_WORDS and any(t in VERSUS for t in tokens)


def asks_in_chinese(text: str) -> bool:
    """Han text with a Chinese question word anywhere, or opening with a task verb
    (vocabulary.CHINESE_INTERROGATIVES, CHINESE_IMPERATIVES)."""
    if not HAN.search(text):
        return False
    start = text.lstrip(" *_“\"'‘(0123456789.、)")
    return any(w in text for w in CHINESE_INTERROGATIVES) or start.startswith(
        CHINESE_IMPERATIVES)


def asks_in_korean(text: str) -> bool:
    """Hangul text with a sentence that ends in a request or question ending
    (vocabulary.KOREAN_ENDINGS): "차원의 저주에 대해 설명해주세요."."""
    if not HANGUL.search(text):
        return False
    return any(sentence.rstrip(" .!。)").endswith(KOREAN_ENDINGS)
               for sentence in SENTENCE.split(text))


def asks_in_japanese(text: str) -> bool:
    """Text with hiragana with a sentence that ends in a request, task, question, definition or
    comparison ending (vocabulary.JAPANESE_ENDINGS): "HTTPとHTTPSの違いを説明してください"."""
    if not HIRAGANA.search(text):
        return False
    return any(sentence.rstrip(" .!。)）").endswith(JAPANESE_ENDINGS)
               for sentence in SENTENCE.split(text))


COMPARISON_WORDS = 12  # "A vs B" in a short line compares; in a long one it is prose
TODO_NOTE_WORDS = 5  # "TODO: add an example": a short note that the answer is missing
# How short the two kinds of line that name rather than say are:
# - a label, the words before a colon (`Batch testing: validates ...`, `**Advanced:**`,
#   `**Questions:**`) or a term standing alone (`**Accuracy**`): a few words, a noun phrase;
# - a title, a line that names a section (`Docker Questions`, `🔹 kubernetes basics`): a
#   heading's length, a little longer than a label.
LABEL_WORDS = 6
TITLE_WORDS = 8
SENTENCE_ENDS = (".", "?", "!", ",", ";", "。", "？", "！", "؟")


def is_placeholder(text: str) -> bool:
    """An answer that only says it is missing ("To be completed", "Answer here", "TODO")."""
    found = " ".join(re.findall(r"[^\W_]+", text.lower()))
    return not found or found in PLACEHOLDERS or bool(TO_BE_DONE.fullmatch(found)) or (
        found.split()[0] in ("todo", "tbd") and len(found.split()) <= TODO_NOTE_WORDS)


def is_label(text: str) -> bool:
    """A short line ending in a colon: a pseudo-heading such as `**Advanced:**`."""
    text = text.strip()
    return text.endswith(":") and len(text.split()) <= LABEL_WORDS


def is_labelled(text: str) -> bool:
    """`Label: a longer explanation` (a definition or a step), unless it asks with `?`."""
    label, colon, rest = text.partition(":")
    return bool(colon) and not text.rstrip().endswith("?") and 0 < len(label.split()) <= (
        LABEL_WORDS) and len(rest.split()) > len(label.split())


def names_section(text: str) -> bool:
    """A short line that names a section: a title with no sentence punctuation (`Docker
    Questions`, `🔹 kubernetes`), or a label ending in a colon (`**Advanced:**`)."""
    words = text.strip()
    return 0 < len(words.split()) <= TITLE_WORDS and (
        not words.endswith(SENTENCE_ENDS) or is_label(words))
