"""Anki's card template language, for showing cards as Anki shows them (the preview of
`build-decks serve`).

The syntax, as Anki documents it: `{{Field}}` (the field's HTML as it is), `{{#Field}}…{{/Field}}`
(shown when the field is not empty), `{{^Field}}…{{/Field}}` (when it is), filters before the
name (`{{text:Field}}`, `{{cloze:Text}}`, applied right to left), `{{FrontSide}}` on the back,
and the special fields Tags, Deck, Subdeck, Card, Type. Anki's own renderer is its Rust core,
which ships only inside the `anki` package (AGPL, a test dependency here), so this is a small
reading of the same syntax; tests/test_serve.py checks it against that package's rendering of
the built deck. Field HTML was sanitized when the fields were made; a template's mistake is a
RenderError naming the template.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, replace

from build_decks import cloze
from build_decks.errors import RenderError
from build_decks.html_events import events, text_of

OPEN, CLOSE = "{{", "}}"
BLANK_TAGS = frozenset({"br", "div"})  # a field of only these and spaces is empty, as in Anki


@dataclass(frozen=True)
class Side:
    """What a template sees: the note's fields and the card's special fields."""

    fields: Mapping[str, str]
    specials: Mapping[str, str]  # Tags, Deck, Subdeck, Card, Type, and FrontSide on the back
    ordinal: int  # the card's number: its cloze number for a cloze note
    question: bool  # the front (deletions hidden) or the back


def _tokens(template: str) -> list[tuple[str, str]]:
    """("text", html) and ("tag", inside-the-braces) in order."""
    out, at = [], 0
    while (start := template.find(OPEN, at)) >= 0 and (end := template.find(CLOSE, start)) >= 0:
        out.append(("text", template[at:start]))
        out.append(("tag", template[start + len(OPEN):end].strip()))
        at = end + len(CLOSE)
    out.append(("text", template[at:]))
    return out


def render(template: str, side: Side, name: str) -> str:
    """One side of a card; `name` (the template's file) is named in errors."""
    tokens = _tokens(template)
    out, at = _block(tokens, 0, side, name, None)
    if at != len(tokens):
        raise RenderError(f"{name}: {{{{/{tokens[at][1][1:]}}}}} closes no section")
    return out


def _block(tokens: list[tuple[str, str]], at: int, side: Side, name: str,
           closing: str | None) -> tuple[str, int]:
    out = []
    while at < len(tokens):
        kind, value = tokens[at]
        at += 1
        if kind == "text":
            out.append(value)
        elif value.startswith("/"):
            if value[1:].strip() != closing:
                if closing is None:
                    return "".join(out), at - 1
                raise RenderError(f"{name}: {{{{{value}}}}} where {{{{/{closing}}}}} was expected")
            return "".join(out), at
        elif value[:1] in "#^":
            field = value[1:].strip()
            inner, at = _block(tokens, at, side, name, field)
            shown = not _empty(_lookup(field, side, name))
            if shown == (value[0] == "#"):
                out.append(inner)
        else:
            out.append(_replacement(value, side, name))
    if closing is not None:
        raise RenderError(f"{name}: {{{{#{closing}}}}} is never closed")
    return "".join(out), at


def _lookup(field: str, side: Side, name: str) -> str:
    if field in side.specials:
        return side.specials[field]
    if field in side.fields:
        return side.fields[field]
    raise RenderError(f"{name}: {{{{{field}}}}}: the note type has no field called {field!r}")


def _empty(value: str) -> bool:
    return all((e.kind == "data" and not e.value.strip())
               or (e.kind in ("start", "end") and e.value in BLANK_TAGS) for e in events(value))


def _replacement(tag: str, side: Side, name: str) -> str:
    *filters, field = [part.strip() for part in tag.split(":")]
    value = _lookup(field, side, name)
    for applied in reversed(filters):
        value = _filtered(applied, value, side)
    return value


def _filtered(name: str, value: str, side: Side) -> str:
    if name == "cloze":
        return _cloze(value, side)
    if name == "text":
        return html.escape(text_of(value), quote=False)
    if name == "type":  # the typing box; the preview shows it without typing
        return '<input type="text" disabled aria-label="typed answer">' if side.question else ""
    if name == "hint":
        return f"<details><summary>Hint</summary>{value}</details>" if value else ""
    return value  # furigana, kana, tts, …: the text itself


def _cloze(text: str, side: Side) -> str:
    """Deletion `side.ordinal` hidden ([hint] or […]) on the front and shown on the back; the
    others show their answer, as Anki's cloze filter does (nested deletions included)."""
    try:
        found = cloze.deletions(text)
    except cloze.ClozeError:
        return text
    outer = sorted(found, key=lambda d: (d.start, -d.end))
    return _cloze_span(text, 0, len(text), outer, side)


def _cloze_span(text: str, start: int, end: int, found: list[cloze.Deletion], side: Side) -> str:
    out, at = [], start
    for deletion in found:
        if deletion.start < at or deletion.end > end:
            continue  # inside one already shown, or outside this span
        out.append(text[at:deletion.start])
        inner = _cloze_span(text, deletion.body, deletion.answer_end, found, side)
        number = deletion.number
        if number != side.ordinal:
            out.append(f'<span class="cloze-inactive" data-ordinal="{number}">{inner}</span>')
        elif side.question:  # the answer rides along in data-cloze, as Anki's does
            answer = _cloze_span(text, deletion.body, deletion.answer_end, found,
                                 replace(side, question=False))
            shown = html.escape(deletion.hint, quote=False) if deletion.hint else "..."
            out.append(f'<span class="cloze" data-cloze="{html.escape(answer)}" '
                       f'data-ordinal="{number}">[{shown}]</span>')
        else:
            out.append(f'<span class="cloze" data-ordinal="{number}">{inner}</span>')
        at = deletion.end
    out.append(text[at:end])
    return "".join(out)
