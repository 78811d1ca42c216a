"""Cloze deletions in Anki's syntax: `{{c1::answer}}` and `{{c1::answer::hint}}`.

Read as Anki reads them: a deletion runs from `{{cN::` to the first `}}` after it, deletions
may nest, and the hint starts at the first `::` of the deletion's own text. What Anki would
show as broken is an error here, with its place: a `{{c` that is never closed, an empty
answer, a `{{` followed by something that is almost a deletion (`{{c::x}}`, `{{1::x}}`,
`{{c1:x}}`), number 0. Any other `{{` or `}}` is text (a Jinja question, a TeX `}}`).
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN, CLOSE, SEPARATOR = "{{", "}}", "::"


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


def _number(text: str, at: int) -> tuple[int, int] | None:
    """(number, offset of the answer) for a well-formed `cN::` at `at`, else None."""
    if not text.startswith("c", at):
        return None
    end = at + 1
    while end < len(text) and text[end].isdigit() and text[end].isascii():
        end += 1
    if end == at + 1 or not text.startswith(SEPARATOR, end):
        return None
    return int(text[at + 1:end]), end + len(SEPARATOR)


def _almost(text: str, at: int) -> bool:
    """A mistyped deletion after `{{`: spaces, maybe `c`, maybe digits, then `:`."""
    while at < len(text) and text[at] in " \t":
        at += 1
    if at < len(text) and text[at] in "cC":
        at += 1
    while at < len(text) and text[at].isdigit():
        at += 1
    return text.startswith(":", at)


def deletions(text: str) -> list[Deletion]:
    """Every deletion in `text`, outermost after the ones inside it; ClozeError if broken."""
    found: list[Deletion] = []
    stack: list[tuple[int, int, int, list[tuple[int, int]]]] = []  # start, number, body, inner
    at = 0
    while at < len(text):
        if text.startswith(OPEN, at):
            after = at + len(OPEN)
            parsed = _number(text, after)
            if parsed is None:
                if _almost(text, after):
                    raise ClozeError(at, "a deletion needs a c number: write {{c1::answer}} or "
                                         "{{c1::answer::hint}}")
                at = after
                continue
            number, body = parsed
            if number == 0:
                raise ClozeError(at, "deletion numbers start at 1 ({{c1::…}})")
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
    return found


def _hint_separator(text: str, body: int, end: int, inner: list[tuple[int, int]]) -> int:
    """Offset of the first `::` of the deletion's own text (not inside a nested one), or -1."""
    at = body
    while (at := text.find(SEPARATOR, at, end)) >= 0:
        nested = next((stop for start, stop in inner if start <= at < stop), None)
        if nested is None:
            return at
        at = nested
    return -1


def numbers(text: str) -> list[int]:
    """The card numbers of a cloze text: one Anki card per distinct number."""
    return sorted({d.number for d in deletions(text)})


def has_deletion(text: str) -> bool:
    """Whether a source passage is written as cloze text (a well-formed deletion in it)."""
    at = text.find(OPEN + "c")
    while at >= 0:
        if _number(text, at + len(OPEN)) is not None:
            return True
        at = text.find(OPEN + "c", at + 1)
    return False


def filled(text: str) -> str:
    """The text with every deletion replaced by its answer (for ids and search)."""
    cuts = sorted([(d.start, d.body) for d in deletions(text)]
                  + [(d.answer_end, d.end) for d in deletions(text)])
    out, at = [], 0
    for start, end in cuts:
        out.append(text[at:start])
        at = end
    return "".join(out) + text[at:]
