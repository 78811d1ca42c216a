"""Cards written in a code fence: a fence with no language (or `text`) holding `Question:` and
`Answer:` labels is a small plain-text document of cards, read as one."""

from __future__ import annotations

from build_decks.readers import shapes
from build_decks.readers.elements import Code
from build_decks.readers.rule import Close, Context, LeftOut, Open, Rule

CARD_FENCES = frozenset({"", "text", "txt", "plain", "plaintext"})


def is_card_fence(fence: Code) -> bool:
    if not fence.fenced or fence.info.lower() not in CARD_FENCES:
        return False
    lines = [line.strip() for line in fence.content.split("\n")]
    return any(shapes.strip_marker(line)[1] for line in lines) and any(
        shapes.answer_label(line) for line in lines)


def match(fence: Code, context: Context) -> list | None:
    if not is_card_fence(fence):
        return None
    inner = context.source.read_fragment(fence.content)
    inner.top()
    shift = fence.start + 1
    actions: list = []
    for found in inner.found:
        found.line += shift
        found.pieces = [(n + shift, text) for n, text in found.pieces]
        found.section = context.title
        actions.append(Open(found))
    actions += [LeftOut(d.line - 1 + shift, d.end + shift, d.reason, d.text, keep_open=True)
                for d in inner.dropped]
    return [*actions, Close()]


RULES = (Rule("fenced cards", 55, (Code,), match,
              about="code fences of `Question:` / `Answer:` cards"),)
