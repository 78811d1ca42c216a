"""Questions and answers labelled by one letter in the document's language: `P1:` / `R:` in
Spanish and Portuguese (pregunta, respuesta), `F:` / `A:` in German, `Q:` / `R:` in French,
`В:` / `О:` in Russian (vocabulary.LETTER_LABELS).

English's `Q:` / `A:` are read in every document. Another language's letters are labels only
where two things hold, since elsewhere `P:` or `R.` is a name, a variable or an initial:
- the document is written in that language (vocabulary.guess_language);
- it writes the pair: a line labelled with the question's letter, then, before any other such
  label, a line labelled with the answer's letter (`### P41: Explica QuickSort.` and then
  `**R:** Elegir pivote ...`), or the answer's letter on the question's own line right after
  its question mark (`1. **D:** Cos'è X? **R:** Una cosa.`). A letter on its own, with no
  partner, stays as written;
- the pairs are questions and answers: at least half their question lines (ASKING_SHARE) ask
  (a question mark, a question or task word of the language), where a Spanish note's
  precision and recall, `P: 0.91` / `R: 0.87`, ask nothing.

Such a pair is read as the labels the letters stand for: before the walk, the finder's copy of
the document spells each of its letters out as its label word (`Pregunta 41:`, `**Respuesta:**`),
which every rule reads (shapes.QUESTION_MARKER, ANSWER_LABEL) and takes off, as it takes off
`Q:` and `A:`. Nothing else in the line changes, nor the line count, and code blocks are never
read for labels.
"""

from __future__ import annotations

import itertools
import re

from build_decks.readers import shapes
from build_decks.readers.elements import Code, Element, walk
from build_decks.readers.vocabulary import LETTER_LABELS, Language

# A letter standing as a label at the start of a line, after the markup a label is written
# in (a quote, a list marker, a heading's `#`, bold or italic marks), with an optional number,
# then a colon, full stop or parenthesis and a space or the line's end:
# `### P41: …`, `**R:** …`, `- **P1.** …`, `> R: …`, `**R**: …`.
LABEL = re.compile(r"^[ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:#{1,6}[ \t]+)?[*_]{0,3}"
                   r"(?P<letter>[^\W\d_])(?P<number>\d*)"
                   r"(?=[*_]{0,3}[ \t]*[:：.)][*_]{0,3}(?:\s|$))")
# The answer's letter on the question's own line, right after its question mark, as a label
# (`1. **D:** Cos'è X? **R:** Una cosa.`): the pair written as one line (shapes.split_answer).
INLINE = re.compile(r"(?<=[?？])\s+[*_]{0,3}(?P<letter>[^\W\d_])"
                    r"(?=[*_]{0,3}[ \t]*[:：][*_]{0,3}\s)")
ASKING_SHARE = 0.5  # half the questions ask, as in a list of questions (question_lists)
ALWAYS_READ = {letter for letter, _ in LETTER_LABELS["en"]}  # `Q`, `A`: the general patterns


def spelled(text: str, lang: Language, elements: list[Element]) -> str:
    """The document with its language's one-letter label pairs spelled out as label words (the
    text itself where it writes none)."""
    (question, question_word), (answer, answer_word) = LETTER_LABELS.get(
        lang.code, LETTER_LABELS["en"])
    words = {letter: word for letter, word in ((question, question_word), (answer, answer_word))
             if letter not in ALWAYS_READ}
    if not words:
        return text
    lines = text.split("\n")
    code = {n for element in walk(elements) if isinstance(element, Code)
            for n in range(element.start, element.end)}
    found = [(n, match) for n, line in enumerate(lines) if n not in code
             and (match := LABEL.match(line)) and match["letter"] in (question, answer)]
    paired = [label for before, after in itertools.pairwise(found)
              if before[1]["letter"] == question and after[1]["letter"] == answer
              for label in (before, after)]
    inline = {n: hit for n, match in found if match["letter"] == question
              and (hit := INLINE.search(lines[n], match.end("number")))
              and hit["letter"] == answer}
    paired += [label for label in found if label[0] in inline and label not in paired]
    questions = [lines[n][match.end("number"):inline[n].start() if n in inline else None]
                 .lstrip("*_ \t:：.)") for n, match in paired if match["letter"] == question]
    if not questions or sum(shapes.is_question_like(q, lang=lang) for q in questions) < (
            ASKING_SHARE * len(questions)):
        return text
    for n, match in paired:
        if n in inline and answer in words:  # the later letter first: positions hold
            hit = inline[n]
            lines[n] = lines[n][:hit.start("letter")] + words[answer] + lines[n][hit.end("letter"):]
        word = words.get(match["letter"])
        if word:
            number = f" {match['number']}" if match["number"] else ""
            lines[n] = (lines[n][:match.start("letter")] + word + number
                        + lines[n][match.end("number"):])
    return "\n".join(lines)

