"""The package's notes for a push, and what the two locks say about each: the last push
(push-lock.json) and the last package (anki-lock.json)."""

from __future__ import annotations

from dataclasses import dataclass

import genanki

from build_decks import changes
from build_decks.changes import Planned
from build_decks.model import Content
from build_decks.push.lock import LOCK_NAME, PushLock
from build_decks.render import anki
from build_decks.render.options import BuildOptions

# Tags Anki gives notes itself (Mark Note; leech detection): the user's, whatever a lock says.
ANKI_TAGS = frozenset({"marked", "leech"})


@dataclass
class Notes:
    """The package's notes and what the locks say about them."""

    content: Content
    options: BuildOptions
    package: genanki.Package
    planned: list[Planned]
    lock: anki.Lock  # anki-lock.json: the last package (its fields are a base too)
    pushed: PushLock

    @classmethod
    def of(cls, content: Content, options: BuildOptions) -> Notes:
        package, lock = anki.build_package(content, options)
        return cls(content, options, package, changes.planned_notes(content, package, lock),
                   lock, PushLock.load(options.content_root / LOCK_NAME))

    def model(self, kind: str) -> genanki.Model:
        return next(p.note.model for p in self.planned if p.model == kind)

    def model_hash(self, kind: str) -> str:
        return self.lock.entries[f"_model:{kind}"]["hash"]

    def bases(self, card_id: str) -> list[tuple[str, ...]]:
        """The texts we wrote last: by push, and in the last package."""
        found = []
        if (entry := self.pushed.notes.get(card_id)) is not None:
            found.append(entry.fields)
        kept = self.lock.previous.get(card_id, {}).get("note")
        if kept:
            found.append(tuple(kept["fields"]))
        return found

    def our_decks(self) -> set[str]:
        """The decks build_decks puts notes into: this package's, and, as the locks remember
        them, earlier ones under the same root deck (a topic renamed since). A card in any
        other deck was put there by the user, and stays; a lock cannot name a deck of the
        user's elsewhere as ours."""
        decks = {deck.name for deck in self.package.decks}
        decks.add(anki.deck_name(self.content.title, anki.REMOVED_DECK))
        remembered = {entry.deck for entry in self.pushed.notes.values()}
        remembered |= {entry["note"].get("deck", "") for entry in self.lock.previous.values()
                       if isinstance(entry.get("note"), dict)}
        under_root = f"{self.content.title}::"
        return decks | {deck for deck in remembered if deck.startswith(under_root)}

    def our_tags(self, card_id: str) -> set[str]:
        """The tags build_decks gave this note, that push may take away again: the ones it
        writes (`topic::`, `source::`, `kind::`, build_decks::removed, and the YAML's tags) as
        the locks remember them for this note. Never one of Anki's own (ANKI_TAGS), nor a tag
        the locks do not name."""
        tags = {anki.REMOVED_TAG}
        if (entry := self.pushed.notes.get(card_id)) is not None:
            tags |= set(entry.tags)
        if kept := self.lock.previous.get(card_id, {}).get("note"):
            tags |= set(kept["tags"])
        return {tag for tag in tags if tag.lower() not in ANKI_TAGS}
