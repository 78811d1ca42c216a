"""Anki: one .apkg with a root deck and one subdeck per topic.

What keeps re-imports clean (see design.md, "Anki facts"):
- note types have fixed ids and fields designed once (two spare fields, Notes and Extra, leave
  room to grow without forking the type); CSS and templates may change freely;
- GUIDs come from card ids in a fixed namespace (or are the card's own `guid`, from an Anki
  export); decks from stable names;
- each note's modification time moves only when that note changes: content/anki-lock.json keeps
  a hash and a time per note (and per note type), so a one-card edit updates one note, an
  unchanged build updates nothing, and a changed note's time always moves forward;
- the package is deflated, with fixed zip entry times;
- Anki never deletes a note on import, so a card removed from the YAML comes back once more as
  its note (the lock keeps each note's last fields), tagged `build_decks::removed` in a
  "Removed" subdeck, until `build-decks forget-removed` says the user has deleted them.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sqlite3
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import genanki

from build_decks import cloze, lockfile, media
from build_decks.atomic import Staged, publish, staging
from build_decks.canonical import sorted_json
from build_decks.config import slug
from build_decks.console import plural
from build_decks.errors import RenderError
from build_decks.model import Card, Content
from build_decks.render import Done, anki_lock
from build_decks.render.env import render, static
from build_decks.render.markup import (
    Target,
    cloze_html,
    inert,
    template_field,
    to_html,
    to_inline_html,
)
from build_decks.render.options import BuildOptions, Output
from build_decks.shorten import gist

GUID_NAMESPACE = "build_decks/card"
QA_MODEL_ID = 1763840001
TERM_MODEL_ID = 1763840002
CLOZE_MODEL_ID = 1763840003
QA_FIELDS = ("Question", "Answer", "Id", "Topic", "Source", "Related", "Notes", "Extra")
TERM_FIELDS = ("Term", "Definition", "Id", "Topic", "Source", "Related", "Notes", "Extra")
CLOZE_FIELDS = ("Text", "Extra", "Id", "Topic", "Source", "Notes", "Spare 1", "Spare 2")
MODEL_OF_KIND = {"qa": "qa", "prompt": "qa", "term": "term", "cloze": "cloze"}
MODEL_FIELDS = {"qa": QA_FIELDS, "term": TERM_FIELDS, "cloze": CLOZE_FIELDS}
ID_FIELD = 2  # the place of the Id field (the card id) in every note type
LOCK_NAME = "anki-lock.json"
REMOVED_TAG = "build_decks::removed"
REMOVED_DECK = "Removed"


def package_name(content: Content) -> str:
    """`mlops-interview-prep.apkg`; a title in another script is transliterated, one of
    punctuation only gives `deck.apkg`."""
    return slug(content.title) + ".apkg"


class _TimedModel(genanki.Model):
    """A note type whose modification time comes from the lock, not from the build."""

    def __init__(self, mod: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.mod = mod

    def to_json(self, timestamp: float, deck_id: int) -> dict:
        return super().to_json(self.mod, deck_id)


class _TimedNote(genanki.Note):
    """A note whose modification time is its own (genanki stamps every note with one time),
    and, for a cloze note, the cards Anki gives it: one per number, nested deletions included
    (cloze.numbers; genanki's pattern sees one card in `{{c1::{{c2::x}}}}`)."""

    mod: int = 0
    cloze_numbers: tuple[int, ...] = ()

    @cached_property
    def cards(self) -> list[genanki.Card]:
        if self.model.model_type == genanki.Model.CLOZE:
            return [genanki.Card(number - 1) for number in self.cloze_numbers]
        return self._front_back_cards()

    def write_to_db(self, cursor, timestamp: float, deck_id: int, id_gen) -> None:
        super().write_to_db(cursor, self.mod, deck_id, id_gen)


@dataclass
class Lock:
    """card id / note type -> (content hash, modification time), persisted between builds."""

    path: Path
    entries: dict
    now: int
    warnings: list[str] = field(default_factory=list)
    previous: dict = field(default_factory=dict)  # the entries as loaded: the last package

    @classmethod
    def load(cls, path: Path, now: int) -> Lock:
        entries = lockfile.load(path, anki_lock.checker(MODEL_FIELDS), anki_lock.FIX)
        return cls(path, entries, now, previous=dict(entries))

    def mod(self, key: str, payload: object, note: dict | None = None) -> int:
        """The note's modification time: unchanged with its content, else moved forward.
        `note` (kind, fields, tags) is kept so the note can still be sent once it is removed."""
        digest = _digest(payload)
        old = self.entries.get(key)
        if isinstance(old, dict) and old.get("hash") == digest:
            mod = int(old["mod"])
        else:
            previous = int(old["mod"]) if isinstance(old, dict) and "mod" in old else 0
            mod = max(self.now, previous + 1)  # always newer than what Anki already has
        self.entries[key] = {"hash": digest, "mod": mod, **({"note": note} if note else {})}
        return mod

    def removed(self, current: set[str]) -> dict[str, dict]:
        """Notes built before whose card is no longer in the content: id -> kept note."""
        return {key: entry["note"] for key, entry in sorted(self.entries.items())
                if key not in current and not key.startswith("_") and "note" in entry}

    def staged(self, keep: set[str]) -> Staged | None:
        entries = {k: self.entries[k] for k in sorted(self.entries) if k in keep}
        return lockfile.stage(self.path, entries, "Written by `build-decks anki`: per note, a "
                              "content hash and the modification time Anki sees. Commit it.",
                              _fingerprint)


def _fingerprint(entry: dict) -> str:
    """What decides an entry's JSON: its note follows from its hash (see `mod`)."""
    return f"{entry['hash']}:{entry['mod']}:{'note' in entry}"


_DIGESTS: dict[tuple, str] = {}  # a note's payload -> its digest, kept warm by `watch`


def _digest(payload: dict) -> str:
    try:
        key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(payload.items()))
        hash(key)
    except TypeError:  # a note type's payload (its templates are dicts): three per build
        key = (sorted_json(payload),)
    if (digest := _DIGESTS.get(key)) is None:
        text = sorted_json(payload)
        digest = _DIGESTS[key] = hashlib.sha1(text.encode()).hexdigest()[:16]
    return digest


# Note type -> (id, name, fields, its card templates: name, front and back template files).
NOTE_TYPES = {
    "qa": (QA_MODEL_ID, "build_decks Q&A", QA_FIELDS,
           [("Question → Answer", "qa-front.html", "qa-back.html")]),
    "term": (TERM_MODEL_ID, "build_decks Term", TERM_FIELDS,
             [("Term → Definition", "term-front.html", "term-back.html"),
              ("Definition → Term", "definition-front.html", "definition-back.html")]),
    "cloze": (CLOZE_MODEL_ID, "build_decks Cloze", CLOZE_FIELDS,
              [("Cloze", "cloze-front.html", "cloze-back.html")]),
}


def _models(lock: Lock, root: Path) -> dict[str, genanki.Model]:
    css = render(root, "anki/card.css.j2")
    models = {}
    for kind, (model_id, name, fields, cards) in NOTE_TYPES.items():
        templates = [{"name": n, "qfmt": static(root, f"anki/{front}"),
                      "afmt": static(root, f"anki/{back}")} for n, front, back in cards]
        payload = {"fields": fields, "templates": templates, "css": css}
        model_type = genanki.Model.CLOZE if kind == "cloze" else genanki.Model.FRONT_BACK
        models[kind] = _TimedModel(lock.mod(f"_model:{kind}", payload), model_id=model_id,
                                   name=name, fields=[{"name": f} for f in fields],
                                   templates=templates, css=css, model_type=model_type)
    return models


def deck_name(root: str, title: str) -> str:
    name = f"{root}::{title}"
    if any(not part.strip() or part != part.strip() for part in name.split("::")):
        raise RenderError(f"bad Anki deck name {name!r}: empty or padded part")
    return name


def _deck_id(name: str) -> int:
    return int(hashlib.sha1(name.encode()).hexdigest()[:12], 16) + (1 << 40)


def target(content: Content) -> Target:
    """Formulas for MathJax, images by their media name, cloze deletions in Anki's syntax."""
    return Target(math="tex", images="name", media=media.Folder.of(content.root).path,
                  cloze="anki", markdown=content.markdown)


def note_fields(card: Card, content: Content, topic_title: str, target: Target) -> list[str]:
    deck_title = next(d.title for d in content.decks if d.name == card.deck)
    source = " · ".join(inert(s) for s in (card.attribution, deck_title) if s)
    back = str(to_html(card.back, target)) if card.back else ""
    notes = str(to_html(card.notes, target)) if card.notes else ""
    if card.kind == "cloze":
        return [str(cloze_html(card.front, target)), back, card.id, str(inert(topic_title)),
                source, notes, "", ""]
    related = ""
    if card.kind == "prompt" and (cards := content.related(card)):
        related = template_field(render(
            content.root, "anki/related.html", target=target,
            cards=[{"card": c, "answer": gist(c)} for c in cards]), target).strip()
    return [str(to_inline_html(card.front, target)), back, card.id, str(inert(topic_title)),
            source, related, notes, ""]


def note_tags(card: Card) -> list[str]:
    tags = [f"topic::{card.topic}", f"source::{card.deck}", f"kind::{card.kind}", *card.tags]
    bad = [t for t in tags if not t or re.search(r"\s", t)]
    if bad:
        raise RenderError(f"{card.path}:{card.line}: tags with spaces: {bad}")
    return tags


def build_package(content: Content, options: BuildOptions) -> tuple[genanki.Package, Lock]:
    """The package of the content and the lock it updated: made once per build (the `anki`
    and `anki-text` outputs carry the same notes)."""
    key = ("anki.package", id(content))  # the content is kept with it: the id stays its own
    built = options.shared.get(key)
    if built is None or built[0] is not content:
        built = options.shared[key] = (content, *_package(content, options))
    return built[1], built[2]


def _package(content: Content, options: BuildOptions) -> tuple[genanki.Package, Lock]:
    lock = Lock.load(options.content_root / LOCK_NAME, options.now)
    models = _models(lock, content.root)
    shown = target(content)
    titles = {t.id: t.title for t in content.topics}
    root = genanki.Deck(_deck_id(content.title), content.title,
                        description=f"{plural(len(content.cards), 'card')}, built by build_decks")
    decks, guids = [root], set()
    for topic in content.topics:
        cards = [c for c in content.cards if c.topic == topic.id]
        if not cards:
            continue
        name = deck_name(content.title, topic.title)
        deck = genanki.Deck(_deck_id(name), name)
        for card in cards:
            model = models[MODEL_OF_KIND[card.kind]]
            fields = note_fields(card, content, titles[card.topic], shown)
            guid = card.guid or genanki.guid_for(GUID_NAMESPACE, card.id)  # an export's own
            if guid in guids:
                raise RenderError(f"{card.path}:{card.line}: duplicate GUID for {card.id!r}")
            guids.add(guid)
            note = _TimedNote(model=model, fields=fields, tags=note_tags(card), guid=guid)
            if card.kind == "cloze":
                note.cloze_numbers = tuple(cloze.numbers(card.front))
            kind = MODEL_OF_KIND[card.kind]
            kept = {"guid": card.guid} if card.guid else {}  # so a removed card's note is it
            note.mod = lock.mod(card.id, {"fields": fields, "tags": note.tags, "deck": name,
                                          "model": model.model_id, **kept},
                                {"model": kind, "fields": fields, "tags": note.tags, "deck": name,
                                 **kept})
            deck.add_note(note)
        decks.append(deck)
    if (removed := _removed_deck(content, lock, models)).notes:
        decks.append(removed)
    return genanki.Package(decks), lock


def _removed_deck(content: Content, lock: Lock, models: dict[str, genanki.Model]) -> genanki.Deck:
    """Notes whose card left the content, sent again with their last fields and tagged
    `build_decks::removed`, so the user can find and delete them (Anki deletes nothing on
    import). Anki moves no existing card on import, so the tag is what finds them; the
    "Removed" subdeck only holds them in a collection that never had them. Their time moves
    once, when they are removed."""
    name = deck_name(content.title, REMOVED_DECK)
    deck = genanki.Deck(_deck_id(name), name)
    for key, stored in lock.removed({c.id for c in content.cards}).items():
        kept, changed = anki_lock.kept_note(lock.path, key, stored, target(content),
                                            MODEL_FIELDS)
        if changed:
            lock.warnings.append(f"{lock.path}: entry {key!r}: {', '.join(changed)} held markup "
                                 "this tool never writes; sent sanitized")
        tags = [*(t for t in kept["tags"] if t != REMOVED_TAG), REMOVED_TAG]
        model = models[kept["model"]]
        note = _TimedNote(model=model, fields=kept["fields"], tags=tags,
                          guid=kept.get("guid") or genanki.guid_for(GUID_NAMESPACE, key))
        if kept["model"] == "cloze":
            note.cloze_numbers = tuple(cloze.numbers(kept["fields"][0]))
        note.mod = lock.mod(key, {"fields": kept["fields"], "tags": tags, "deck": name,
                                  "model": model.model_id}, kept)
        deck.add_note(note)
    return deck


def stage_package(package: genanki.Package, path: Path, now: int,
                  media_files: Sequence[tuple[str, bytes]] = ()) -> Staged:
    """Like genanki's write_to_file, but deflated, with fixed entry times, and staged. The
    media (name, the bytes that were checked) go in as Anki packs them: numbered entries, and
    a `media` map of number -> name."""
    with staging(path) as tmp:
        connection = sqlite3.connect(":memory:")  # its bytes as a file's: no disk, no fsync
        package.write_to_db(connection.cursor(), now, itertools.count(now * 1000))
        connection.commit()
        collection = connection.serialize()
        connection.close()
        stamp = time.gmtime(max(now, 315532800))[:6]  # zip cannot store times before 1980
        index = {str(i): name for i, (name, _) in enumerate(media_files)}
        entries = [("collection.anki2", collection),
                   ("media", json.dumps(index, sort_keys=True).encode())]
        entries += [(str(i), data) for i, (_, data) in enumerate(media_files)]
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
    return Staged(tmp, path)


def stage(content: Content, options: BuildOptions) -> Output:
    """The package and, published after it, the updated lock of modification times."""
    path = options.dist / package_name(content)
    package, lock = build_package(content, options)
    folder = media.Folder.of(content.root)
    shown = sorted({name for card in content.cards for name in card.images})
    images = [(name, loaded[0]) for name in shown if (loaded := folder.load(name)) is not None]
    staged = [stage_package(package, path, options.now, images)]
    models = {f"_model:{kind}" for kind in MODEL_OF_KIND.values()}
    removed = lock.removed({c.id for c in content.cards})
    if (lock_file := lock.staged({*(c.id for c in content.cards), *removed, *models})):
        staged.append(lock_file)
    info = [f"{plural(len(removed), 'card')} no longer in the content "
            f"{'is' if len(removed) == 1 else 'are'} in the package as notes tagged "
            f"{REMOVED_TAG} (Anki deletes no note on import): in Anki's browser, search "
            f"`tag:{REMOVED_TAG}`, delete them, then run `build-decks forget-removed`"] \
        if removed else []
    from build_decks import changes  # the report reads this module's notes

    summary = changes.from_package(content, package, lock).summary()
    info.append(f"anki: {summary} since the last package (`build-decks diff` lists them before "
                "a build)")
    return Output([path], lock.warnings, staged=staged, info=info)


def forget_removed(content: Content) -> list[str]:
    """Drop removed cards from the lock (the user deleted their notes in Anki): the next
    packages leave them out. Returns their ids."""
    lock = Lock.load(content.root / LOCK_NAME, 0)
    gone = list(lock.removed({c.id for c in content.cards}))
    if gone and (staged := lock.staged(set(lock.entries) - set(gone))):
        publish([staged])
    return gone


def build(content: Content, options: BuildOptions) -> Output:
    return stage(content, options).publish()


def start(content: Content, options: BuildOptions, args: argparse.Namespace) -> Done:
    """The registry's entry (no options of its own)."""
    return Done(stage(content, options))
