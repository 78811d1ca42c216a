"""Mochi cards: sides split by a line `---`, card after card ("front / --- / back", then the
next card after the next `---`).

A document is read so when, between its `---` lines, fronts of one short block (most of them
asking) alternate with backs that hold no heading: documents that put `---` between whole
questions and answers, or between sections, are read by the other rules.
"""

from __future__ import annotations

from build_decks.readers import answers, inline, shapes
from build_decks.readers.answers import STRONG, Question, Reach, front_text
from build_decks.readers.elements import (
    Code,
    Details,
    Element,
    FrontMatter,
    Heading,
    Rule,
    Table,
)

SEPARATOR = "---"
FRONT_WORDS = 60  # a front is one short block
ASKING_SHARE = 0.5  # of the fronts that ask
RULE = "mochi"


def _chunks(source) -> list[list[Element]] | None:
    chunks: list[list[Element]] = [[]]
    separators = 0
    for element in source.elements:
        if isinstance(element, FrontMatter):
            continue
        if isinstance(element, Rule) and source.lines[element.start].strip() == SEPARATOR:
            chunks.append([])
            separators += 1
        else:
            chunks[-1].append(element)
    return chunks if separators else None


def _front_like(chunk: list[Element], lang) -> bool | None:
    """None: not a front; else whether it asks (or names a term)."""
    if len(chunk) != 1 or isinstance(chunk[0], Details | Table | Code):
        return None
    text = " ".join(inline.plain_of([t for line in getattr(e, "lines", []) or (
        [e.line] if isinstance(e, Heading) and e.line else []) for t in line.tokens])
        for e in chunk).strip()
    words = shapes.words(text)
    if not words or len(words) > FRONT_WORDS:
        return None
    return shapes.is_question_like(text, lang=lang)


def detect(source, skip: set[int], claims, _tags) -> None:
    chunks = _chunks(source)
    if chunks is None:
        return
    if chunks and not chunks[0]:
        chunks = chunks[1:]
    if chunks and len(chunks[0]) > 1 and isinstance(chunks[0][0], Heading):
        chunks[0] = chunks[0][1:]  # the document's title
    if len(chunks) < 2 or len(chunks) % 2:
        return
    fronts = [_front_like(chunks[i], source.lang) for i in range(0, len(chunks), 2)]
    backs = [chunks[i + 1] for i in range(0, len(chunks), 2)]
    if any(f is None for f in fronts) or sum(1 for f in fronts if f) < ASKING_SHARE * len(
            fronts) or not all(backs) or any(isinstance(e, Heading) for b in backs for e in b):
        return
    for index in range(0, len(chunks), 2):
        front, back = chunks[index], chunks[index + 1]
        start, end = front[0].start, back[-1].end
        if any(n in skip or n in claims.owner for n in range(start, front[-1].end)):
            continue
        text = "\n".join(front_text(source.lines[n], source=source, number=n)
                         for n in range(start, front[-1].end) if source.lines[n].strip())
        question = Question(text if "\n" in text else shapes.clean_question(text).text, start,
                            STRONG, RULE, "", reach=Reach.COMPLETE)
        for element in back:
            question.add(answers.pieces(source.lines, element))
        claims.card(question, start, end)
        if index + 2 < len(chunks):
            separator = back[-1].end
            while separator < len(source.lines) and source.lines[separator].strip() != SEPARATOR:
                separator += 1
            claims.metadata(separator, SEPARATOR, "card separator")
