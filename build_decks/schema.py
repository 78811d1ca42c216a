"""The card schema, declared once: the kinds, the YAML field of each side, what is required,
and the order fields are written in. normalize, the importer, the loader and the renderers
read it from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindSchema:
    name: str
    front: str  # the YAML field holding the side you see first
    back: str  # the YAML field holding the other side
    back_required: bool
    about: str


SCHEMAS: dict[str, KindSchema] = {s.name: s for s in (
    KindSchema("qa", "question", "answer", True, "a question and its reference answer"),
    KindSchema("term", "term", "definition", True, "a term and its definition (two cards)"),
    KindSchema("prompt", "question", "answer", False, "a practice question with no answer"),
    KindSchema("cloze", "text", "extra", False,
               "text with deletions {{c1::answer}} or {{c1::answer::hint}} (a card per number)"),
)}
KINDS: tuple[str, ...] = tuple(SCHEMAS)
ANSWERED = frozenset({"qa", "term"})  # kinds with a reference answer on the back
OPTIONAL: tuple[str, ...] = ("tags", "summary", "attribution", "section", "notes", "origin",
                              "guid")
FIELD_ORDER: tuple[str, ...] = (
    "id", "kind", "topic", "tags",
    *dict.fromkeys(s.front for s in SCHEMAS.values()),
    *dict.fromkeys(s.back for s in SCHEMAS.values()),
    "summary", "attribution", "section", "notes", "origin", "guid",
)
# `guid`: the note's GUID in Anki, when the card came from an Anki export that had one (a
# `#guid column:`): the package uses it instead of the one made from the card id, so the
# notes it came from are updated in place. Anki writes ten base91 characters; its importer
# takes any text, so any printable text without a tab or a line break is one, up to MAX_GUID
# characters (a UUID is 36, a SHA-256 in hex 64; longer is no id but data).
MAX_GUID = 64
FRONTS: tuple[str, ...] = tuple(dict.fromkeys(s.front for s in SCHEMAS.values()))


def allowed_fields(kind: str) -> set[str]:
    schema = SCHEMAS[kind]
    return {"id", "kind", "topic", schema.front, schema.back, *OPTIONAL}


def front_of(card: dict) -> str:
    """The first side of a card in YAML form, whatever its kind."""
    for key in FRONTS:  # a loop, not a generator: called for every card of every import
        if value := card.get(key):
            return str(value)
    return ""


def guid_problem(value: object) -> str | None:
    """What is wrong with a `guid` value, or None."""
    if not isinstance(value, str) or not value:
        return "`guid` must be text"
    if len(value) > MAX_GUID:
        return f"`guid` is {len(value):,} characters; an Anki GUID has at most {MAX_GUID}"
    if not value.isprintable() or value != value.strip():
        return "`guid` must be printable, without a tab, a line break or spaces around it"
    return None
