"""content/push-lock.json: what `push` last wrote into the collection, per note.

Per card id: the content hash of the note it pushed (the hash anki-lock.json uses), Anki's
note id, the note type, deck, fields and tags as Anki had them after the push (read back), and
whether the note was tagged removed. The fields are the base of a three-way comparison: a field
that differs in Anki from what was pushed was edited there. Per note type (`_model:<kind>`):
the hash of the templates and CSS pushed.

The lock is input like any other file: every value is checked when it is read, and a bad one
is an error that names the lock, the line and the entry, and says what to do. Deleting the
lock loses nothing but speed: the next push compares every note with the collection (and
takes the last package's fields, anki-lock.json's, as the base).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from build_decks import lockfile
from build_decks.atomic import Staged
from build_decks.errors import ContentError
from build_decks.render.anki import MODEL_FIELDS

LOCK_NAME = "push-lock.json"
MODEL_PREFIX = "_model:"
MAX_NOTE_ID = 2**53  # Anki's ids are milliseconds since 1970: JSON keeps them exact below this
FIX = ("delete this line (or the whole file): the next push then compares the note with the "
       "collection")
ABOUT = ("Written by `build-decks push`: per note, what the last push left in Anki (its hash, "
         "note id, deck, fields and tags). Commit it, or not: without it push compares every "
         "note with the collection.")


@dataclass(frozen=True)
class Pushed:
    """One note as the last push left it in the collection."""

    hash: str
    note: int  # Anki's note id (0: the note was not in the collection)
    model: str  # a key of MODEL_FIELDS
    deck: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    removed: bool = False  # tagged build_decks::removed (its card left the content)


def _problem(entry: object) -> str | None:
    """What is wrong with a note's entry, or None."""
    if not isinstance(entry, dict):
        return "is not an object"
    expected = {"hash", "note", "model", "deck", "fields", "tags", "removed"}
    if unknown := sorted(set(entry) - expected):
        return f"has unknown keys {unknown}"
    if missing := sorted(expected - set(entry)):
        return f"lacks {missing}"
    if not isinstance(entry["hash"], str) or not entry["hash"]:
        return "`hash` must be a content hash (text)"
    note = entry["note"]
    if isinstance(note, bool) or not isinstance(note, int) or not 0 <= note < MAX_NOTE_ID:
        return "`note` must be Anki's note id (a whole number, 0 or more)"
    if entry["model"] not in MODEL_FIELDS:
        return f"`model` must be one of {sorted(MODEL_FIELDS)}"
    if not isinstance(entry["deck"], str):
        return "`deck` must be a deck name (text)"
    fields = entry["fields"]
    if (not isinstance(fields, list) or len(fields) != len(MODEL_FIELDS[entry["model"]])
            or not all(isinstance(f, str) for f in fields)):
        return (f"`fields` must list the {len(MODEL_FIELDS[entry['model']])} fields of the "
                "note type as text")
    if not isinstance(entry["tags"], list) or not all(isinstance(t, str) for t in entry["tags"]):
        return "`tags` must be a list of text"
    if not isinstance(entry["removed"], bool):
        return "`removed` must be true or false"
    return None


def _line_of(text: str, key: str) -> int | None:
    """The line of an entry (the lock writes one entry per line)."""
    start = f" {json.dumps(key)}:"
    return next((number for number, line in enumerate(text.splitlines(), 1)
                 if line.startswith(start)), None)


@dataclass
class PushLock:
    path: Path
    notes: dict[str, Pushed]
    models: dict[str, str]  # note type kind -> hash of what was pushed

    @classmethod
    def load(cls, path: Path) -> PushLock:
        raw = lockfile.load(path)  # JSON syntax and shape: errors with the line
        text = path.read_text(encoding="utf-8") if raw else ""
        notes, models = {}, {}
        for key, entry in raw.items():
            if key.startswith(MODEL_PREFIX):
                kind = key.removeprefix(MODEL_PREFIX)
                if (kind not in MODEL_FIELDS or not isinstance(entry, dict)
                        or set(entry) != {"hash"} or not isinstance(entry["hash"], str)):
                    raise ContentError(path, _line_of(text, key),
                                       f"invalid lock file: entry {key[:60]!r} must be "
                                       f'{{"hash": "..."}} for a note type of '
                                       f"{sorted(MODEL_FIELDS)}; {FIX}")
                models[kind] = entry["hash"]
                continue
            if problem := _problem(entry):
                raise ContentError(path, _line_of(text, key),
                                   f"invalid lock file: entry {key[:60]!r} {problem}; {FIX}")
            notes[key] = Pushed(entry["hash"], entry["note"], entry["model"], entry["deck"],
                                tuple(entry["fields"]), tuple(entry["tags"]), entry["removed"])
        return cls(path, notes, models)

    def staged(self) -> Staged | None:
        data: dict = {f"{MODEL_PREFIX}{kind}": {"hash": digest}
                      for kind, digest in sorted(self.models.items())}
        for key in sorted(self.notes):
            entry = asdict(self.notes[key])
            data[key] = {**entry, "fields": list(entry["fields"]), "tags": list(entry["tags"])}
        return lockfile.stage(self.path, data, ABOUT)
