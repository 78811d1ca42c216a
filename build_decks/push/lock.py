"""content/push-lock.json: what `push` last wrote into the collection, per note.

Per card id: the content hash of the note it pushed (the hash anki-lock.json uses), Anki's
note id, the note type, deck, fields and tags as Anki had them after the push (read back), and
whether the note was tagged removed. The fields are the base of a three-way comparison: a field
that differs in Anki from what was pushed was edited there. Per note type (`_model:<kind>`):
the hash of the templates and CSS pushed.

The lock is input like any other file: every value is checked when it is read (lockfile.load,
with anki-lock's checks of hashes, card ids, tags and field lengths), and a bad one is an error
that names the lock, the line and the entry, and says what to do. What it says still steers
no write on its own: push takes away only tags of the kinds it writes and moves cards only out
of decks under the content's own root deck (push/notes.py). Deleting the
lock loses nothing but speed: the next push compares every note with the collection (and
takes the last package's fields, anki-lock.json's, as the base).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from build_decks import lockfile
from build_decks.atomic import Staged
from build_decks.loader import ID
from build_decks.render.anki import ID_FIELD, MODEL_FIELDS
from build_decks.render.anki_lock import HASH, MAX_FIELD, tags_problem

LOCK_NAME = "push-lock.json"
MODEL_PREFIX = "_model:"
MAX_NOTE_ID = 2**53  # Anki's ids are milliseconds since 1970: JSON keeps them exact below this
UNRESOLVED = "conflict"  # the hash of a note in conflict: never a note's, so it is looked at again
REMOVED = "removed:"  # before the hash of a note push knows only from this lock, gone since
FIX = ("delete this line (or the whole file): the next push then compares the note with the "
       "collection")
ABOUT = ("Written by `build-decks push`: per note, what the last push left in Anki (its hash, "
         "note id, deck, fields and tags). Commit it, or not: without it push compares every "
         "note with the collection.")
NOTE_KEYS = frozenset({"hash", "note", "model", "deck", "fields", "tags", "removed"})


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


def is_hash(value: object) -> bool:
    """A hash push writes: a note's content hash (anki-lock's), that of a note gone from the
    content, or the mark of a conflict."""
    rest = value.removeprefix(REMOVED) if isinstance(value, str) else None
    return rest is not None and (rest == UNRESOLVED or bool(HASH.match(rest)))


def is_deck_name(value: object) -> bool:
    """A deck name as render/anki.deck_name makes them: `::`-separated, no part empty or
    padded, no longer than a field."""
    return (isinstance(value, str) and 0 < len(value) <= MAX_FIELD
            and all(part.strip() and part == part.strip() for part in value.split("::")))


def check(key: str, entry: object) -> str | None:
    """What is wrong with one entry of the lock, or None."""
    if key.startswith(MODEL_PREFIX):
        if key.removeprefix(MODEL_PREFIX) not in MODEL_FIELDS:
            return f"not a note type of this tool ({', '.join(sorted(MODEL_FIELDS))})"
        if not isinstance(entry, dict) or set(entry) != {"hash"} or not is_hash(entry["hash"]):
            return 'a note type\'s entry is {"hash": "..."}, a hash this tool writes'
        return None
    if not ID.match(key):
        return "a card id is lower-case letters, digits and '-' (at most 120)"
    if not isinstance(entry, dict):
        return "is not an object"
    if unknown := sorted(set(entry) - NOTE_KEYS):
        return f"has unknown keys {unknown}"
    if missing := sorted(NOTE_KEYS - set(entry)):
        return f"lacks {missing}"
    if not is_hash(entry["hash"]):
        return "`hash` is not a hash this tool writes"
    note = entry["note"]
    if type(note) is not int or not 0 <= note < MAX_NOTE_ID:
        return "`note` must be Anki's note id (a whole number, 0 or more)"
    if not isinstance(entry["model"], str) or entry["model"] not in MODEL_FIELDS:
        return f"`model` must be one of {sorted(MODEL_FIELDS)}"
    if not is_deck_name(entry["deck"]):
        return "`deck` must be a deck name (`::` between levels)"
    fields, count = entry["fields"], len(MODEL_FIELDS[entry["model"]])
    if (type(fields) is not list or len(fields) != count
            or not all(type(f) is str and len(f) <= MAX_FIELD for f in fields)):
        return f"`fields` must list the {count} fields of the note type as text"
    if fields[ID_FIELD] != key:
        return "`fields`: its Id field is not its card id"
    if problem := tags_problem(entry["tags"]):
        return f"`tags`: {problem}"
    if type(entry["removed"]) is not bool:
        return "`removed` must be true or false"
    return None


@dataclass
class PushLock:
    path: Path
    notes: dict[str, Pushed]
    models: dict[str, str]  # note type kind -> hash of what was pushed

    @classmethod
    def load(cls, path: Path) -> PushLock:
        notes, models = {}, {}
        for key, entry in lockfile.load(path, check, FIX).items():
            if key.startswith(MODEL_PREFIX):
                models[key.removeprefix(MODEL_PREFIX)] = entry["hash"]
            else:
                notes[key] = Pushed(entry["hash"], entry["note"], entry["model"], entry["deck"],
                                    tuple(entry["fields"]), tuple(entry["tags"]),
                                    entry["removed"])
        return cls(path, notes, models)

    def staged(self) -> Staged | None:
        data: dict = {f"{MODEL_PREFIX}{kind}": {"hash": digest}
                      for kind, digest in sorted(self.models.items())}
        for key in sorted(self.notes):
            entry = asdict(self.notes[key])
            data[key] = {**entry, "fields": list(entry["fields"]), "tags": list(entry["tags"])}
        return lockfile.stage(self.path, data, ABOUT)
