"""Flashcard syntaxes people already write their cards in, recognised with no configuration:

- Obsidian Spaced Repetition (obsidian_sr.py): `front::back`, `front:::back` (both ways),
  `;;` and `;;;`, multi-line cards split by a line `?` (`??` both ways), `==highlight==`
  cloze, `#flashcards/sub/deck` tags;
- Obsidian_to_Anki (obsidian_to_anki.py): `START` / note type / fields (`Back:`) / `END`
  blocks, `STARTI ... ENDI` on one line; `<!--ID: ...-->`, `TARGET DECK`, `FILE TAGS` and
  `Tags:` are metadata;
- Logseq (logseq.py): a block tagged `#card` is the front, its child blocks the back;
  `card-*::` property lines are metadata; other bullets are notes;
- Mochi (mochi.py): cards whose sides are split by a `---` line.

The survey finds every card of the document once, on its source lines, before the walk: what
a card covers (its front, separators, back and metadata) is claimed, and the walk takes each
claimed passage as the survey read it. In a document that uses one of these syntaxes, the
rest is the writer's notes: only what asks in so many words (a heading, a bold line, a list
item, a label) is still a question there, everything else is left out as notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_decks.readers.answers import Question
from build_decks.readers.elements import (
    Code,
    Container,
    Element,
    FrontMatter,
    ListBlock,
    Math,
    Paragraph,
    walk,
)
from build_decks.readers.rule import (
    Close,
    Context,
    LeftOut,
    Lines,
    LineUnit,
    Open,
    Rule,
    Survey,
    Walk,
)
from build_decks.readers.rules import logseq, mochi, obsidian_sr, obsidian_to_anki

METADATA = "flashcard metadata"
MARKUP = frozenset({METADATA, "card separator"})  # the syntax's own, no text to study


@dataclass(eq=False)
class Claim:
    start: int  # 0-based first line
    end: int  # one past the last line
    question: Question | None = None  # a card, or (None) a passage left out
    reason: str = METADATA
    text: str = ""
    heading: bool = False  # a passage left out that is a heading (a Logseq `- # Heading`)


@dataclass
class Claims:
    claims: list[Claim] = field(default_factory=list)
    owner: dict[int, Claim] = field(default_factory=dict)  # line -> what claims it

    def __bool__(self) -> bool:
        """The document writes cards in one of the syntaxes (then the rest is notes)."""
        return any(c.question is not None for c in self.claims)

    def add(self, claim: Claim) -> None:
        """Claim lines not claimed yet (the first syntax to read a line keeps it)."""
        lines = [n for n in range(claim.start, claim.end) if n not in self.owner]
        if not lines:
            return
        self.claims.append(claim)
        for n in lines:
            self.owner[n] = claim

    def card(self, question: Question, start: int, end: int) -> None:
        self.add(Claim(start, end, question))

    def metadata(self, line: int, text: str, reason: str = METADATA,
                 heading: bool = False) -> None:
        self.add(Claim(line, line + 1, None, reason, text, heading))


# Fence languages that name the flashcards themselves: notes whose cards sit in an ```anki
# fence (shown as cards by a script or plugin of the vault) are cards, not code.
CARD_LANGUAGES = frozenset({"anki", "flashcard", "flashcards"})


def excluded(source) -> set[int]:
    """Lines no card syntax is read on: code (except a fence named for flashcards), formulas,
    front matter."""
    lines: set[int] = set()
    for element in walk(source.elements):
        if isinstance(element, Code) and element.fenced and (
                element.info.split()[:1] in ([name] for name in CARD_LANGUAGES)):
            lines.update((element.start, element.end - 1))  # its fence lines only
        elif isinstance(element, Code | Math | FrontMatter):
            lines.update(range(element.start, element.end))
    return lines


def survey(source) -> Claims:
    claims = Claims()
    if logseq.detect(source, claims):
        return claims  # an outline: it is read as one, every line
    skip = excluded(source)
    tags = source.surveys.get("flashcards.tags")
    for syntax in (obsidian_to_anki, obsidian_sr, mochi):
        syntax.detect(source, skip, claims, tags)
    return claims


def tag_survey(source) -> obsidian_sr.Tags:
    return obsidian_sr.tags(source, excluded(source))


def match(unit: Element | LineUnit, context: Context) -> list | None:
    claims: Claims = context.survey("flashcards")
    if not claims.owner:
        return None
    lines = range(unit.start, unit.end)
    owned = [n for n in lines if n in claims.owner]
    if not owned:
        return None
    text = context.source.lines
    if len(owned) < sum(1 for n in lines if n < len(text) and text[n].strip()):
        if isinstance(unit, Paragraph):
            return [Lines()]
        if isinstance(unit, Container):
            return [Walk(unit.children), Close()]
        if isinstance(unit, ListBlock):
            return [Walk([c for item in unit.items for c in item.children]), Close()]
    actions: list = []
    for claim in dict.fromkeys(claims.owner[n] for n in owned):
        if claim.start not in lines:
            continue  # read with the unit its first line is in
        if claim.question is not None:
            question = claim.question
            question.section = question.section or context.title
            actions.append(Open(question))
            last = max([question.line, *(n for n, _ in question.pieces)])
            actions += [LeftOut(n, n + 1, METADATA, text[n]) for n in range(claim.start,
                        claim.end) if (n < question.line or n > last) and text[n].strip()
                        and claims.owner.get(n) is claim]  # not a card nested in it
        else:
            actions.append(LeftOut(claim.start, claim.end, claim.reason, claim.text,
                                   heading=claim.heading))
    return [*actions, Close()]


SURVEYS = (Survey("flashcards.tags", 9, tag_survey),)  # `#flashcards/deck`: tags, subdeck
RULES = (Rule("flashcards", 10, (Element, LineUnit), match, survey,
              about="Obsidian Spaced Repetition, Obsidian_to_Anki, Logseq and Mochi cards"),)
