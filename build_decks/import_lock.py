"""content/import-lock.json, read as input: what each source said at the last import.

Per deck name: `_file` (the source it was read from), `_deck` (hashes of its title and
references) and, per card id, `text` (the question's key, keys.question_key) and `fields` (a
hash per field). Locks written before question keys hold `key` instead of `text` (the words
only; see keys.legacy_keys): they are read, and rewritten with `text` by the next import.

Everything in it is checked before it is used, since a deck name becomes a file name and a
card id goes into the YAML: a deck name is a slug (it names `decks/<name>.yaml`, inside
content/decks), a source is a path under sources/, a card id is a card id, a hash is a hash,
and no text is longer than a card's field may be. A lock that fails is one error naming the
lock, the entry and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from build_decks import lockfile
from build_decks.config import FILE_KEY, NAME
from build_decks.loader import ID, MAX_TEXT

ABOUT = ("Written by `build-decks import`: what each source said at the last import. "
         "Commit it; do not edit it.")
FIX = ("delete that entry (or the whole file) and run `build-decks import` again: hand edits "
       "in the YAML are kept, and cards are matched again by their questions")
DECK_META = ("title", "references")
MAX_NAME = 100  # characters in a deck name: it prefixes every card id (at most 120)
MAX_FIELD_NAME = 100
HASH = re.compile(r"^[0-9a-f]{12}$")  # importer._hash


def load(path: Path) -> dict:
    """The lock's decks, every value checked (ContentError naming the entry otherwise)."""
    return lockfile.load(path, check, FIX)


def check(name: str, value: object) -> str | lockfile.Problem | None:
    """What is wrong with one deck's record, or None."""
    if len(name) > MAX_NAME or not NAME.match(name):
        return ("a deck name is lower-case letters, digits and '-' (it names a file in "
                "content/decks)")
    if not isinstance(value, dict):
        return "a deck's record must be an object"
    for key, entry in value.items():
        if problem := _field(key, entry):
            return lockfile.Problem(key, problem)
    return None


def _field(key: str, entry: object) -> str | None:
    if key == "_deck":
        if not isinstance(entry, dict) or set(entry) - set(DECK_META):
            return f"must map {' and '.join(DECK_META)} to hashes"
        return _hashes(entry)
    if key == FILE_KEY:
        return None if _source_path(entry) else "must be a path under sources/"
    if key.startswith("_"):
        return "is not a field this tool writes"
    if not ID.match(key):
        return "a card id is lower-case letters, digits and '-' (at most 120)"
    return _card(entry)


def _card(entry: object) -> str | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("fields"), dict):
        return "a card's record needs `fields`"
    if set(entry) not in ({"text", "fields"}, {"key", "fields"}):
        return "a card's record holds `text` (or an older lock's `key`) and `fields` only"
    question = entry.get("text", entry.get("key"))
    if not isinstance(question, str) or len(question) > MAX_TEXT:
        return f"its question must be text of at most {MAX_TEXT:,} characters"
    for name in entry["fields"]:
        if not name or len(name) > MAX_FIELD_NAME or not name.isprintable():
            return f"field name {name[:60]!r} is not a card field"
    return _hashes(entry["fields"])


def _hashes(mapping: dict) -> str | None:
    bad = next((k for k, v in mapping.items() if not isinstance(v, str) or not HASH.match(v)),
               None)
    return None if bad is None else f"the hash of {bad[:60]!r} is not a hash this tool writes"


def _source_path(value: object) -> bool:
    """A relative path under sources/, no `..`."""
    if not isinstance(value, str) or "\x00" in value or len(value) > 4096:
        return False
    path = PurePosixPath(value)
    return (not path.is_absolute() and path.parts[:1] == ("sources",) and len(path.parts) > 1
            and ".." not in path.parts and "\\" not in value)
