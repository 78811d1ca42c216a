"""Cloze deletions in Anki's syntax: `{{c1::answer}}` and `{{c1::answer::hint}}`.

Read as Anki reads them (rslib/src/cloze.rs): a deletion runs from `{{cN::` to the first `}}`
after it, deletions may nest, and the hint starts at the first `::` of the deletion's own
text. Each distinct number is one card, nested ones included: `{{c1::{{c2::x}}}}` is two.
What Anki would show as broken, or count otherwise, is an error here, with its place:

- a `{{c` that is never closed, an empty answer, number 0, a `{{` followed by something that
  is almost a deletion (`{{c::x}}`, `{{1::x}}`, `{{c1:x}}`);
- a number above MAX_NUMBER, deletions nested deeper than MAX_DEPTH, a deletion on several
  cards at once (`{{c1,2::x}}`, which the other outputs cannot show);
- a deletion mark inside a TeX formula: a `}}` that closes a TeX group inside a deletion also
  closes the deletion, as in Anki. Anki's manual says to put a space between the braces
  (`} }`), and so does the error.

Any other `{{` or `}}` is text (a Jinja question, a TeX `}}` outside deletions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

OPEN, CLOSE, SEPARATOR = "{{", "}}", "::"
# Anki gives each number up to 500 its own card; any higher number lands on card 500, which
# then shows "No cloze 500 found" (rslib/src/notetype/cardgen.rs: `saturating_sub(1).min(499)`).
MAX_NUMBER = 500
# Anki keeps at most 10 deletions open at once and reads a deeper `{{cN::` as nothing at all
# (rslib/src/cloze.rs, parse_text_with_clozes: `open_clozes.len() < 10`).
MAX_DEPTH = 10
TEX_FIX = "write `} }` (a space between the braces) inside TeX, as Anki's manual says"
_MARK_OPEN, _MARK_CLOSE = "\ue010", "\ue011"  # a deletion mark, while looking for formulas


class ClozeError(ValueError):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass(frozen=True)
class Deletion:
    number: int
    start: int  # offset of `{{`
    body: int  # offset of the answer, after `cN::`
    answer_end: int  # offset of the hint's `::`, or of `}}` when there is no hint
    end: int  # offset after `}}`
    hint: str

    def answer(self, text: str) -> str:
        return text[self.body:self.answer_end]


def _digits(text: str, at: int) -> int:
    """The offset after the ASCII digits starting at `at`."""
    while at < len(text) and text[at].isdigit() and text[at].isascii():
        at += 1
    return at


def _number(text: str, at: int) -> tuple[int, int] | None:
    """(number, offset of the answer) for a well-formed `cN::` at `at`, else None. A number
    longer than MAX_NUMBER's digits is read as MAX_NUMBER + 1 (never converted: 5,000 digits
    would be beyond Python's own limit)."""
    if not text.startswith("c", at):
        return None
    end = _digits(text, at + 1)
    if end == at + 1 or not text.startswith(SEPARATOR, end):
        return None
    digits = text[at + 1:end].lstrip("0") or "0"
    number = int(digits) if len(digits) <= len(str(MAX_NUMBER)) else MAX_NUMBER + 1
    return number, end + len(SEPARATOR)


def _almost(text: str, at: int) -> bool:
    """A mistyped deletion after `{{`: spaces, maybe `c`, maybe digits, then `:`."""
    while at < len(text) and text[at] in " \t":
        at += 1
    if at < len(text) and text[at] in "cC":
        at += 1
    while at < len(text) and text[at].isdigit():
        at += 1
    return text.startswith(":", at)


def _several(text: str, at: int) -> bool:
    """`c1,2::` after `{{`: one deletion on several cards."""
    if not text.startswith("c", at):
        return False
    end = at + 1
    while end < len(text) and (text[end] == "," or (text[end].isdigit() and text[end].isascii())):
        end += 1
    return "," in text[at:end] and text.startswith(SEPARATOR, end)


def _opening(text: str, at: int) -> tuple[int, int] | None:
    """(number, body) of a deletion opening at `at` (a `{{`), None for text; ClozeError for a
    deletion Anki would read otherwise."""
    after = at + len(OPEN)
    parsed = _number(text, after)
    if parsed is None:
        if _several(text, after):
            raise ClozeError(at, "a deletion on several cards ({{c1,2::…}}) is not supported: "
                                 "write one deletion per number")
        if _almost(text, after):
            raise ClozeError(at, "a deletion needs a c number: write {{c1::answer}} or "
                                 "{{c1::answer::hint}}")
        return None
    number = parsed[0]
    if number == 0:
        raise ClozeError(at, "deletion numbers start at 1 ({{c1::…}})")
    if number > MAX_NUMBER:
        written = text[after + 1:_digits(text, after + 1)]
        shown = written if len(written) <= 12 else f"{written[:6]}…({len(written)} digits)"
        raise ClozeError(at, f"deletion number c{shown} is beyond Anki's limit: numbers run "
                             f"from 1 to {MAX_NUMBER} (one card each)")
    return parsed


@cache
def _scan(text: str) -> tuple[Deletion, ...]:
    """Every deletion in `text`, outermost after the ones inside it; ClozeError if broken."""
    found: list[Deletion] = []
    stack: list[tuple[int, int, int, list[tuple[int, int]]]] = []  # start, number, body, inner
    at = 0
    while at < len(text):
        if text.startswith(OPEN, at):
            parsed = _opening(text, at)
            if parsed is None:
                at += len(OPEN)
                continue
            if len(stack) == MAX_DEPTH:
                raise ClozeError(at, f"deletions nest more than {MAX_DEPTH} deep; Anki reads "
                                     f"at most {MAX_DEPTH}")
            number, body = parsed
            stack.append((at, number, body, []))
            at = body
        elif text.startswith(CLOSE, at) and stack:
            start, number, body, inner = stack.pop()
            separator = _hint_separator(text, body, at, inner)
            answer_end = at if separator < 0 else separator
            if not text[body:answer_end].strip():
                raise ClozeError(start, f"deletion c{number} has an empty answer")
            hint = "" if separator < 0 else text[separator + len(SEPARATOR):at].strip()
            end = at + len(CLOSE)
            found.append(Deletion(number, start, body, answer_end, end, hint))
            if stack:
                stack[-1][3].append((start, end))
            at = end
        else:
            at += 1
    if stack:
        start, number = stack[-1][0], stack[-1][1]
        raise ClozeError(start, f"deletion c{number} is never closed with `}}}}`")
    return tuple(found)


def _hint_separator(text: str, body: int, end: int, inner: list[tuple[int, int]]) -> int:
    """Offset of the first `::` of the deletion's own text (not inside a nested one), or -1."""
    at = body
    while (at := text.find(SEPARATOR, at, end)) >= 0:
        nested = next((stop for start, stop in inner if start <= at < stop), None)
        if nested is None:
            return at
        at = nested
    return -1


MATH_MARKERS = ("$", "\\(", "\\[")  # a text with none of these has no formula


def _mark_in_formula(text: str, found: tuple[Deletion, ...]) -> None:
    """ClozeError when a deletion's mark lies inside a formula, as the card parser reads the
    text: the formula would be cut in two (its TeX shown broken, or private marks visible)."""
    if not found or not any(marker in text for marker in MATH_MARKERS):
        return
    from build_decks.syntax import MATH_TOKENS, card_parser, walk  # markdown-it, only for TeX

    cuts = sorted([(d.start, d.body, i, "opens") for i, d in enumerate(found)]
                  + [(d.answer_end, d.end, i, "closes") for i, d in enumerate(found)])
    marked, at, marks = [], 0, []
    for start, end, index, role in cuts:
        marked += [text[at:start], f"{_MARK_OPEN}{len(marks)}{_MARK_CLOSE}"]
        marks.append((index, role))
        at = end
    marked.append(text[at:])
    for token in walk(card_parser().parse("".join(marked))):
        if token.type in MATH_TOKENS and _MARK_OPEN in token.content:
            number = token.content.split(_MARK_OPEN, 1)[1].split(_MARK_CLOSE, 1)[0]
            index, role = marks[int(number)]
            deletion = found[index]
            if role == "closes":
                raise ClozeError(deletion.start, f"deletion c{deletion.number} ends inside a "
                                 f"formula: a `}}}}` in TeX closes the deletion; {TEX_FIX}")
            raise ClozeError(deletion.start, f"deletion c{deletion.number} starts inside a "
                             "formula: put the whole formula inside the deletion "
                             "({{c1::$x^2$}})")


@cache
def _checked(text: str) -> tuple[Deletion, ...]:
    found = _scan(text)
    _mark_in_formula(text, found)
    return found


def deletions(text: str) -> list[Deletion]:
    """Every deletion in `text`, outermost after the ones inside it; ClozeError if broken."""
    return list(_checked(text))


def in_field(text: str) -> list[Deletion]:
    """The deletions of an Anki field this tool wrote (its formulas' braces are escaped, so no
    formula check is needed); ClozeError if broken."""
    return list(_scan(text))


def numbers(text: str) -> list[int]:
    """The card numbers of a cloze text: one Anki card per distinct number, nested deletions
    included (`{{c1::{{c2::x}}}}` is cards 1 and 2)."""
    return sorted({d.number for d in _scan(text)})


def has_deletion(text: str) -> bool:
    """Whether a source passage is written as cloze text (a well-formed deletion in it)."""
    at = text.find(OPEN + "c")
    while at >= 0:
        if _number(text, at + len(OPEN)) is not None:
            return True
        at = text.find(OPEN + "c", at + 1)
    return False


BLANK = "[…]"  # an outermost deletion shown as a blank when it has no hint


def _spliced(text: str, cuts: list[tuple[int, int, str]]) -> str:
    """The text with each span (start, end) replaced by its text; the spans do not overlap."""
    out, at = [], 0
    for start, end, inserted in sorted(cuts):
        out += [text[at:start], inserted]
        at = end
    return "".join(out) + text[at:]


def filled(text: str) -> str:
    """The text with every deletion replaced by its answer (for ids and search)."""
    found = _checked(text)
    return _spliced(text, [(d.start, d.body, "") for d in found]
                    + [(d.answer_end, d.end, "") for d in found])


def blanked(text: str) -> str:
    """The text with each outermost deletion shown as a blank: `[hint]`, or BLANK without one
    (the question side of a cloze card, in plain-text outputs)."""
    outer, end = [], -1
    for deletion in sorted(_checked(text), key=lambda d: d.start):
        if deletion.start >= end:  # not inside the last outermost one
            outer.append(deletion)
            end = deletion.end
    return _spliced(text, [(d.start, d.end, f"[{d.hint}]" if d.hint else BLANK)
                           for d in outer])
