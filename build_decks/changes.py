"""The change report: per deck, the notes a write adds, updates (which fields), removes and
moves, against the last package (`anki-lock.json`) or a collection (`push`).

The notes are the package's own (build_decks.render.anki builds them, with their GUIDs, decks,
fields, tags and content hashes), so `diff`, `build`'s summary, `push --dry-run` and the
writes themselves talk about the same notes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import genanki

from build_decks.html_events import text_of
from build_decks.model import Content
from build_decks.render import anki
from build_decks.render.options import BuildOptions

Action = Literal["added", "updated", "removed", "moved", "conflict"]
ACTIONS: tuple[Action, ...] = ("added", "updated", "removed", "moved", "conflict")
MARKS = {"added": "+", "updated": "~", "removed": "-", "moved": ">", "conflict": "!"}
QUESTION_CHARS = 70  # a report line shows the start of the question, not all of it
TAGS = "tags"  # how a change of tags is named among the changed fields


@dataclass(frozen=True)
class Planned:
    """One note as the package sends it."""

    id: str
    model: str  # a key of anki.MODEL_FIELDS
    deck: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    digest: str  # the content hash anki-lock.json keeps for it
    removed: bool  # its card left the content: sent once more, tagged build_decks::removed
    note: genanki.Note | None = field(compare=False, repr=False)  # None: a note only push
    # knows (pushed, never packaged), gone from the content

    def field_names(self) -> tuple[str, ...]:
        return anki.MODEL_FIELDS[self.model]

    def question(self) -> str:
        return shorten(text_of(self.fields[0]))


@dataclass(frozen=True)
class Last:
    """What a note was the last time it was written (from a lock)."""

    fields: tuple[str, ...] | None  # None: an entry from before locks kept fields
    tags: tuple[str, ...]
    deck: str  # "" when the lock does not say
    digest: str


@dataclass(frozen=True)
class Change:
    id: str
    action: Action
    deck: str  # where the note is going (a removed note: where it was)
    question: str
    fields: tuple[str, ...] = ()  # updated: the fields that change (and `tags`); conflict:
    # the fields edited in Anki
    source: str = ""  # moved: the deck it leaves
    reason: str = ""  # conflict: what stands in the way, and what to do

    def as_json(self) -> dict:
        data: dict = {"id": self.id, "question": self.question}
        if self.fields:
            data["fields"] = list(self.fields)
        if self.source:
            data["from"] = self.source
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass
class Report:
    """Every change of one write, and what stays as it is."""

    against: str  # what the notes are compared with, for the reader
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    note_types: list[str] = field(default_factory=list)  # templates or CSS changed

    def counts(self) -> dict[str, int]:
        counts = {action: len({c.id for c in self.changes if c.action == action})
                  for action in ACTIONS}
        return {**counts, "unchanged": self.unchanged}

    def by_deck(self) -> dict[str, list[Change]]:
        decks: dict[str, list[Change]] = {}
        for change in sorted(self.changes, key=lambda c: (c.deck, ACTIONS.index(c.action), c.id)):
            decks.setdefault(change.deck, []).append(change)
        return decks

    def summary(self) -> str:
        counts = self.counts()
        shown = [f"{counts[a]} {a if a != 'conflict' else 'conflicts'}" for a in ACTIONS
                 if a != "conflict" or counts[a]]
        types = f"; note types changed: {', '.join(self.note_types)}" if self.note_types else ""
        return f"{', '.join(shown)}, {counts['unchanged']} unchanged{types}"

    def text(self) -> str:
        lines = []
        for deck, changes in self.by_deck().items():
            lines.append(deck)
            for change in changes:
                detail = f" ({', '.join(change.fields)})" if change.fields else ""
                source = f" from {change.source}" if change.source else ""
                lines.append(f"  {MARKS[change.action]} {change.action:<8} {change.id}"
                             f"{detail}{source}  {change.question}")
        return "\n".join([*lines, f"{self.summary()} (against {self.against})"])

    def as_json(self) -> dict:
        decks = []
        for deck, changes in self.by_deck().items():
            entry: dict = {"deck": deck}
            for action in ACTIONS:
                if chosen := [c.as_json() for c in changes if c.action == action]:
                    entry[action] = chosen
            decks.append(entry)
        return {"against": self.against, "decks": decks, "note_types": self.note_types,
                "counts": self.counts()}

    def json_text(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=1)


def shorten(text: str) -> str:
    return text if len(text) <= QUESTION_CHARS else text[:QUESTION_CHARS - 1].rstrip() + "…"


def planned_notes(content: Content, package: genanki.Package, lock: anki.Lock) -> list[Planned]:
    """Every note of a package, with the hash its lock gives it."""
    current = {card.id for card in content.cards}
    notes = []
    for deck in package.decks:
        for note in deck.notes:
            card_id = note.fields[anki.ID_FIELD]
            entry = lock.entries[card_id]
            notes.append(Planned(card_id, entry["note"]["model"], deck.name, tuple(note.fields),
                                 tuple(note.tags), entry["hash"], card_id not in current, note))
    return notes


def last_package(entries: dict) -> dict[str, Last]:
    """What the last package sent, per card id (anki-lock.json's entries)."""
    last = {}
    for key, entry in entries.items():
        if key.startswith("_"):
            continue
        note = entry.get("note")
        last[key] = Last(tuple(note["fields"]) if note else None,
                         tuple(note["tags"]) if note else (),
                         note.get("deck", "") if note else "", entry["hash"])
    return last


def changed_fields(names: Iterable[str], old: Iterable[str], new: Iterable[str]) -> tuple[str, ...]:
    return tuple(name for name, a, b in zip(names, old, new, strict=True) if a != b)


def compare(planned: list[Planned], last: dict[str, Last], against: str,
            changed_types: list[str]) -> Report:
    """The changes from the last package to this one: what Anki's importer will do with it
    (a moved note is only moved for cards that are new to a collection)."""
    report = Report(against, note_types=changed_types)
    for note in planned:
        before = last.get(note.id)
        if before is None:
            if not note.removed:
                report.changes.append(Change(note.id, "added", note.deck, note.question()))
            continue
        if before.digest == note.digest:
            report.unchanged += 1
            continue
        if note.removed:
            report.changes.append(Change(note.id, "removed", before.deck or note.deck,
                                         note.question()))
            continue
        fields = (changed_fields(note.field_names(), before.fields, note.fields)
                  if before.fields is not None else note.field_names())
        if before.fields is not None and before.tags != note.tags:
            fields += (TAGS,)
        if before.deck and before.deck != note.deck:
            report.changes.append(Change(note.id, "moved", note.deck, note.question(),
                                         source=before.deck))
        if fields or not before.deck or before.deck == note.deck:
            report.changes.append(Change(note.id, "updated", note.deck, note.question(), fields))
    return report


def against_package(content: Content, options: BuildOptions) -> Report:
    """`build-decks diff`: what the next package changes, against anki-lock.json. Writes
    nothing."""
    package, lock = anki.build_package(content, options)
    return from_package(content, package, lock)


def from_package(content: Content, package: genanki.Package, lock: anki.Lock) -> Report:
    planned = planned_notes(content, package, lock)
    against = str(lock.path) if lock.path.exists() else f"{lock.path}: none yet, every note new"
    return compare(planned, last_package(lock.previous), against,
                   changed_note_types(planned, lock))


def changed_note_types(planned: list[Planned], lock: anki.Lock) -> list[str]:
    """The names of the package's note types whose templates or CSS changed since the last
    package."""
    names = {}
    for note in planned:
        names.setdefault(note.model, note.note.model.name)
    return [name for kind, name in sorted(names.items())
            if (before := lock.previous.get(f"_model:{kind}"))
            and before["hash"] != lock.entries[f"_model:{kind}"]["hash"]]
