"""content/anki-lock.json, read as input: per note a content hash, the modification time Anki
sees and the note's last fields (so a card removed from the YAML can still be sent, tagged).

Every entry is checked before it is used: its key is a card id (or `_model:<kind>`), its hash
is a hash, its time a whole number of seconds up to the last time a package can carry, its
note has a known note type, the right number of fields, its own id in the Id field, and tags
as the loader allows them. The fields of a note that is sent again go through the sanitizer
that cleans rendered content (markup.sanitize, with Anki's target), the cloze marks of a cloze
text kept as marks; a formula in them must be one the renderer would draw. A lock that fails
is one error naming the lock, the entry and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from build_decks import cloze, formulas, html_events
from build_decks.loader import ID, TAG
from build_decks.lockfile import entry_error
from build_decks.render.markup import Target, sanitize
from build_decks.render.options import LAST_TIME
from build_decks.schema import guid_problem

FIX = ("delete that entry (or the whole file) and build again: Anki then sees the note as "
       "changed once, and a removed card's note is no longer sent")
HASH = re.compile(r"^[0-9a-f]{16}$")  # anki._digest
MAX_FIELD = 1_000_000  # characters of HTML in one field (a YAML field is at most 100,000)
MAX_TAGS, MAX_TAG = 1000, 200
MODEL_PREFIX = "_model:"
_MARK = "\ue020{}\ue021"  # a cloze mark while the field is sanitized
NOT_TYPESET = frozenset({"code", "pre", "script", "style", "textarea"})  # MathJax skips them


ENTRY_KEYS = frozenset({"hash", "mod", "note"})
NOTE_KEYS = frozenset({"model", "fields", "tags"})
OPTIONAL_NOTE_KEYS = frozenset({"deck", "guid"})  # deck: since `diff`, to report moves;
# guid: the card's own Anki GUID (schema.py), so a removed card is sent as that note
TAGS_RULE = "tags are lower-case words without spaces, `::` between levels"


def checker(model_fields: dict[str, tuple[str, ...]]) -> Callable[[str, object], str | None]:
    """`check` for the entries of one lock, which remembers the tags it found good: most notes
    share theirs (topic::, source::, kind::), and this keeps the check of 10,000 entries to a
    fraction of the time json takes to parse them. The memory goes with the lock's reading."""
    good_tags: set[str] = set()
    return lambda key, value: check(key, value, model_fields, good_tags)


def check(key: str, value: object, model_fields: dict[str, tuple[str, ...]],
          good_tags: set[str] | None = None) -> str | None:
    """What is wrong with one entry, or None (`good_tags`: tags already found good)."""
    is_model = key.startswith(MODEL_PREFIX)
    if is_model and key[len(MODEL_PREFIX):] not in model_fields:
        return "not a note type of this tool"
    if not is_model and not ID.match(key):
        return "a card id is lower-case letters, digits and '-' (at most 120)"
    if not isinstance(value, dict) or not value.keys() <= ENTRY_KEYS:
        return "an entry holds `hash`, `mod` and, for a card, `note`"
    digest = value.get("hash")
    if not isinstance(digest, str) or not HASH.match(digest):
        return "`hash` is not a hash this tool writes"
    mod = value.get("mod")
    if type(mod) is not int or not 0 <= mod <= LAST_TIME:
        return f"`mod` must be whole seconds from 0 to {LAST_TIME} (the end of 2107)"
    if "note" in value:
        return "a note type keeps no note" if is_model else _note(key, value["note"],
                                                                 model_fields, good_tags)
    return None


def _note(key: str, note: object, model_fields: dict[str, tuple[str, ...]],
          good_tags: set[str] | None) -> str | None:
    if not isinstance(note, dict) or note.keys() - OPTIONAL_NOTE_KEYS != NOTE_KEYS:
        return "`note` holds `model`, `fields` and `tags` (and the `deck` it was sent to)"
    if type(note.get("deck", "")) is not str or len(note.get("deck", "")) > MAX_FIELD:
        return "`note`: `deck` is the name of the deck it was sent to"
    if "guid" in note and (problem := guid_problem(note["guid"])):
        return f"`note`: {problem}"
    model = note["model"]
    names = model_fields.get(model) if isinstance(model, str) else None
    if names is None:
        return f"`note`: unknown note type {str(model)[:40]!r}"
    fields, tags = note["fields"], note["tags"]
    if type(fields) is not list or len(fields) != len(names):
        return f"`note`: {len(names)} fields of text expected ({', '.join(names)})"
    for text in fields:
        if type(text) is not str or len(text) > MAX_FIELD:
            return f"`note`: {len(names)} fields of text expected ({', '.join(names)})"
    if fields[names.index("Id")] != key:
        return "`note`: its Id field is not its card id"
    if problem := tags_problem(tags, good_tags):
        return f"`note`: {problem}"
    return None


def tags_problem(tags: object, good_tags: set[str] | None = None) -> str | None:
    """What is wrong with a lock's list of a note's tags, or None: at most MAX_TAGS tags, each
    one the loader allows (loader.TAG), of at most MAX_TAG characters. Good ones are added to
    `good_tags`, and not checked again."""
    if type(tags) is not list or len(tags) > MAX_TAGS:
        return f"at most {MAX_TAGS} tags, in a list"
    known = good_tags if good_tags is not None else set()
    for tag in tags:
        if type(tag) is not str or tag not in known:
            if type(tag) is not str or len(tag) > MAX_TAG or not TAG.match(tag):
                return TAGS_RULE
            known.add(tag)
    return None


def kept_note(path: Path, key: str, note: dict, target: Target,
              model_fields: dict[str, tuple[str, ...]]) -> tuple[dict, list[str]]:
    """A removed card's note, its fields sanitized for sending; and the names of the fields
    the sanitizer changed (markup this tool never writes)."""
    names = model_fields[note["model"]]
    clean, changed = [], []
    for index, (name, value) in enumerate(zip(names, note["fields"], strict=True)):
        try:
            text = (_sanitize_cloze(value, target) if note["model"] == "cloze" and index == 0
                    else sanitize(value, target))
        except cloze.ClozeError as problem:
            raise entry_error(path, key, f"field {name}: {problem.message}", FIX) from None
        if why := _formula_problem(text):
            raise entry_error(path, key, f"field {name} holds a formula this tool would not "
                              f"render ({why})", FIX)
        clean.append(text)
        if text != value:
            changed.append(name)
    return {**note, "fields": clean}, changed


def _sanitize_cloze(text: str, target: Target) -> str:
    """A cloze text sanitized with its deletion marks kept: each mark is a placeholder while
    the sanitizer runs (which would write its braces as character references)."""
    text = text.replace("\ue020", "").replace("\ue021", "")
    cuts: list[tuple[int, int, str]] = []
    for deletion in cloze.in_field(text):
        cuts.append((deletion.start, deletion.body, f"{{{{c{deletion.number}::"))
        if deletion.answer_end < deletion.end - 2:  # a hint: its `::` is a mark, its text not
            cuts.append((deletion.answer_end, deletion.answer_end + 2, "::"))
        cuts.append((deletion.end - 2, deletion.end, "}}"))
    marks, out, at = [], [], 0
    for start, end, mark in sorted(cuts):
        out += [text[at:start], _MARK.format(len(marks))]
        marks.append(mark)
        at = end
    clean = sanitize("".join(out) + text[at:], target)
    for number, mark in enumerate(marks):
        clean = clean.replace(_MARK.format(number), mark, 1)
    return clean


def _formula_problem(field_html: str) -> str | None:
    """Why a MathJax formula in the field's text (outside code) could not be rendered, or None.
    A formula the renderer cannot draw is shown as code, never given to MathJax."""
    if "\\(" not in field_html and "\\[" not in field_html:
        return None
    runs, run, skipped = [], [], 0
    for event in html_events.events(field_html):
        if event.kind in ("start", "end") and event.value in NOT_TYPESET:
            skipped = max(0, skipped + (1 if event.kind == "start" else -1))
            runs.append("\n".join(run))
            run = []
        elif event.kind == "data" and not skipped:
            run.append(event.value)
    runs.append("\n".join(run))
    for text in runs:
        for opening, closing in (("\\(", "\\)"), ("\\[", "\\]")):
            at = text.find(opening)
            while at >= 0:
                end = text.find(closing, at + 2)
                if end < 0:
                    break
                if why := formulas.problem(text[at + 2:end]):
                    return why
                at = text.find(opening, end + 2)
    return None

