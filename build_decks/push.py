"""`build-decks push`: the content straight into a running Anki, through AnkiConnect.

The notes are the package's own (render/anki.py builds them: note types, GUIDs, decks, fields,
tags and content hashes), so a collection can take push and the .apkg in turns with nothing
duplicated:

- new notes go in as a package of just them (`importPackage`, a file in dist/ on this machine):
  AnkiConnect's addNotes would give them GUIDs of its own. The package brings their decks and
  note types too, with the note types' fixed ids;
- existing notes are found by their Id field (`findNotes "Id:<card id>"`), and only fields that
  changed are written (`updateNoteFields`), then read back (`notesInfo`): AnkiConnect loses an
  update to a note that is open in Anki's browser (AnkiConnect #82);
- tags: push adds the note's tags and takes away only tags it wrote itself, so tags you add in
  Anki (marked, leech, your own) stay;
- a card whose topic changed moves to its topic's deck, unless you moved it into a deck of
  your own (one build_decks never made);
- a card deleted from the YAML is tagged `build_decks::removed`, as the package does; no note
  is ever deleted and scheduling is never touched (no action push uses changes it).

push-lock.json keeps what the last push left in Anki. A note whose content hash did not change
since then is not even looked up, so an unchanged tree sends no request at all. For a note it
looks up, each field is compared three ways: Anki's text, the YAML's, and the last pushed (or
packaged) text. Edited in Anki only: kept. Changed in the YAML only: written. Both: a
conflict, reported and not overwritten (`--overwrite` writes the YAML's).
"""

from __future__ import annotations

import argparse
import base64
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import genanki

from build_decks import changes, media
from build_decks.ankiconnect import AnkiConnectError, Client, field_query
from build_decks.atomic import discard, publish
from build_decks.changes import TAGS, Change, Planned, Report
from build_decks.errors import BuildDecksError
from build_decks.model import Content
from build_decks.push_lock import LOCK_NAME, Pushed, PushLock
from build_decks.render import anki, prepare
from build_decks.render.options import BuildOptions

NEW_NOTES = "push-new-notes.apkg"  # the package of new notes, in dist/ while Anki reads it
UNRESOLVED = "conflict"  # the hash of a note in conflict: never a note's, so it is looked at again
HINT_82 = ("is the note open in Anki's browser or editor? Close it and push again "
           "(AnkiConnect #82)")


def _same(a: str, b: str) -> bool:
    """Equal as Anki stores text (it keeps fields in Unicode NFC)."""
    return a == b or unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


def _tag_set(tags: Iterable[str]) -> set[str]:
    return {t.lower() for t in tags}  # Anki's tags ignore case


@dataclass(frozen=True)
class InAnki:
    """A note of ours as the collection has it."""

    note: int
    model_name: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    cards: tuple[int, ...]


@dataclass
class Plan:
    """Everything one push reads, decides and writes."""

    report: Report
    add: list[Planned] = field(default_factory=list)
    fields: dict[int, dict[str, str]] = field(default_factory=dict)  # note -> fields to write
    tags_added: dict[int, set[str]] = field(default_factory=dict)
    tags_taken: dict[int, set[str]] = field(default_factory=dict)
    moves: dict[str, list[int]] = field(default_factory=dict)  # deck -> cards
    images: set[str] = field(default_factory=set)
    note_types: list[genanki.Model] = field(default_factory=list)  # templates or CSS to write
    record: dict[str, tuple[Pushed, Planned | None]] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # ids with text edited in Anki only

    def writes(self) -> bool:
        return bool(self.add or self.fields or self.tags_added or self.tags_taken
                    or self.moves or self.note_types)


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
        """The decks build_decks puts notes into, now or before (as the locks remember): a
        card in another deck was put there by the user, and stays."""
        decks = {deck.name for deck in self.package.decks}
        decks.add(anki.deck_name(self.content.title, anki.REMOVED_DECK))
        decks |= {entry.deck for entry in self.pushed.notes.values()}
        decks |= {entry["note"].get("deck", "") for entry in self.lock.previous.values()
                  if isinstance(entry.get("note"), dict)}
        return decks - {""}

    def our_tags(self, card_id: str) -> set[str]:
        tags = {anki.REMOVED_TAG}
        if (entry := self.pushed.notes.get(card_id)) is not None:
            tags |= set(entry.tags)
        if kept := self.lock.previous.get(card_id, {}).get("note"):
            tags |= set(kept["tags"])
        return _tag_set(tags)


def _candidates(notes: Notes, check_all: bool) -> tuple[list[Planned], list[Planned], list[str]]:
    """The notes to look up: current notes changed since the last push, notes removed since,
    and the note types whose templates or CSS changed."""
    def changed(note: Planned) -> bool:
        entry = notes.pushed.notes.get(note.id)
        return check_all or entry is None or entry.hash != note.digest

    current = [n for n in notes.planned if not n.removed and changed(n)]
    removed = [n for n in notes.planned if n.removed
               and (check_all or not (e := notes.pushed.notes.get(n.id)) or not e.removed)]
    known = {n.id for n in notes.planned}
    for card_id, entry in sorted(notes.pushed.notes.items()):  # pushed, never packaged
        if card_id not in known and (check_all or not entry.removed):
            removed.append(Planned(card_id, entry.model, entry.deck, entry.fields, entry.tags,
                                   f"removed:{entry.hash}", True, None))
    kinds = sorted({n.model for n in notes.planned})
    types = [k for k in kinds if check_all or notes.pushed.models.get(k) != notes.model_hash(k)]
    return current, removed, types


def _check_note_types(client: Client, notes: Notes, kinds: list[str]) -> dict[str, dict]:
    """Our note types as Anki has them (name -> templates and CSS); an error if their fields
    or card templates were renamed, added or reordered in Anki (writing would fork them)."""
    present = set(client.call("modelNames"))
    models = {kind: notes.model(kind) for kind in kinds}
    asked = [(kind, m) for kind, m in models.items() if m.name in present]
    replies = client.multi([(action, {"modelName": m.name}) for _, m in asked
                            for action in ("modelFieldNames", "modelTemplates", "modelStyling")])
    found = {}
    for index, (kind, model) in enumerate(asked):
        names, templates, styling = replies[3 * index:3 * index + 3]
        ours = list(anki.MODEL_FIELDS[kind])
        if names != ours:
            raise BuildDecksError(
                f"note type {model.name!r} in Anki has the fields {', '.join(map(str, names))} "
                f"instead of {', '.join(ours)}: rename them back in Anki (Tools → Manage Note "
                "Types → Fields); push wrote nothing")
        template_names = [t["name"] for t in model.templates]
        if list(templates) != template_names:
            raise BuildDecksError(
                f"note type {model.name!r} in Anki has the card types "
                f"{', '.join(map(str, templates))} instead of {', '.join(template_names)}: "
                "rename them back in Anki (Tools → Manage Note Types → Cards); push wrote "
                "nothing")
        found[model.name] = {"templates": templates, "css": styling.get("css", "")}
    return found


def _look_up(client: Client, ids: list[str]) -> dict[str, list[InAnki]]:
    """Card id -> the notes in the collection whose Id field is that id (ours, unless their
    note type was changed in Anki)."""
    if not ids:
        return {}
    hits = client.multi([("findNotes", {"query": field_query("Id", i)}) for i in ids])
    note_ids = sorted({n for found in hits for n in found})
    infos = client.call("notesInfo", notes=note_ids) if note_ids else []
    by_note = {}
    for info in infos:
        if info:
            fields = {name: value["value"] for name, value in info["fields"].items()}
            by_note[info["noteId"]] = InAnki(info["noteId"], info["modelName"], fields,
                                             tuple(info["tags"]), tuple(info.get("cards", ())))
    found: dict[str, list[InAnki]] = {}
    for card_id, hit in zip(ids, hits, strict=True):
        found[card_id] = [by_note[n] for n in hit
                          if n in by_note and by_note[n].fields.get("Id") == card_id]
    return found


def _decide_fields(plan: Plan, notes: Notes, note: Planned, there: InAnki,
                   overwrite: bool) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Three ways per field. Returns the fields written, the conflicting fields, and the base
    to remember for each field."""
    bases = notes.bases(note.id)
    written, conflicts, base = [], [], []
    for index, name in enumerate(note.field_names()):
        theirs, ours = there.fields[name], note.fields[index]
        known = [b[index] for b in bases]
        if _same(theirs, ours):
            base.append(theirs)
        elif any(_same(theirs, b) for b in known):  # not edited in Anki
            written.append(name)
            base.append(ours)
        elif any(_same(ours, b) for b in known):  # edited in Anki only: kept
            base.append(ours)
            if note.id not in plan.kept:
                plan.kept.append(note.id)
        elif overwrite:  # edited in both, and the YAML is to win
            written.append(name)
            base.append(ours)
        else:
            conflicts.append(name)
            base.append(known[0] if known else theirs)
    return tuple(written), tuple(conflicts), tuple(base)


@dataclass(frozen=True)
class _Seen:
    """What the collection showed of the notes looked up."""

    found: dict[str, list[InAnki]]  # card id -> notes with that Id
    decks: dict[int, str]  # card -> its deck
    ours: set[str]  # our decks: a card the user moved into a deck of their own stays there


def _decide(notes: Notes, check_all: bool, overwrite: bool, client: Client) -> Plan:
    current, removed, kinds = _candidates(notes, check_all)
    plan = Plan(Report(f"the collection at {client.url}"))
    plan.report.unchanged = sum(1 for n in notes.planned if not n.removed) - len(current)
    if not current and not removed and not kinds:
        return plan
    client.check_version()
    in_anki = _check_note_types(client, notes, sorted({n.model for n in notes.planned}))
    for kind in kinds:
        model = notes.model(kind)
        there = in_anki.get(model.name)
        ours = {t["name"]: {"Front": t["qfmt"], "Back": t["afmt"]} for t in model.templates}
        if there is not None and (there["templates"] != ours or there["css"] != model.css):
            plan.note_types.append(model)
            plan.report.note_types.append(model.name)
    found = _look_up(client, [n.id for n in [*current, *removed]])
    cards = [c for hits in found.values() for hit in hits for c in hit.cards]
    decks: dict[int, str] = {}
    for deck, ids in (client.call("getDecks", cards=cards) if cards else {}).items():
        decks.update(dict.fromkeys(ids, deck))
    seen = _Seen(found, decks, notes.our_decks())
    images = {card.id: card.images for card in notes.content.cards}
    for note in current:
        _decide_note(plan, notes, note, seen, overwrite, images.get(note.id, ()))
    for note in removed:
        _decide_removed(plan, note, seen)
    return plan


def _decide_note(plan: Plan, notes: Notes, note: Planned, seen: _Seen, overwrite: bool,
                 images: Iterable[str]) -> None:
    """A note of the content: added, updated, moved, left alone, or in conflict."""
    hits = seen.found.get(note.id, [])
    if len(hits) > 1:
        plan.report.changes.append(Change(
            note.id, "conflict", note.deck, note.question(),
            reason=f"{len(hits)} notes in Anki have this Id: delete all but one in Anki"))
        return
    if not hits:
        plan.add.append(note)
        plan.images.update(images)
        plan.report.changes.append(Change(note.id, "added", note.deck, note.question()))
        plan.record[note.id] = (Pushed(note.digest, 0, note.model, note.deck, note.fields,
                                       note.tags), note)
        return
    there = hits[0]
    if there.model_name != note.note.model.name:
        plan.report.changes.append(Change(
            note.id, "conflict", note.deck, note.question(),
            reason=f"its note type in Anki is {there.model_name}, not {note.note.model.name}: "
                   "delete that note in Anki to get the new one"))
        return
    written, conflicts, base = _decide_fields(plan, notes, note, there, overwrite)
    if written:
        plan.fields[there.note] = {name: note.fields[note.field_names().index(name)]
                                   for name in written}
        plan.images.update(images)
    ours = _tag_set(note.tags)
    added = {t for t in note.tags if t.lower() not in _tag_set(there.tags)}
    taken = {t for t in there.tags if t.lower() in notes.our_tags(note.id) - ours}
    if added:
        plan.tags_added[there.note] = added
    if taken:
        plan.tags_taken[there.note] = taken
    if written or added or taken:
        plan.report.changes.append(Change(note.id, "updated", note.deck, note.question(),
                                          written + ((TAGS,) if added or taken else ())))
    away = sorted({seen.decks[c] for c in there.cards if c in seen.decks
                   and seen.decks[c] != note.deck and seen.decks[c] in seen.ours})
    if away:
        plan.moves.setdefault(note.deck, []).extend(
            c for c in there.cards if seen.decks.get(c) in away)
        plan.report.changes.append(Change(note.id, "moved", note.deck, note.question(),
                                          source=", ".join(away)))
    if conflicts:
        plan.report.changes.append(Change(
            note.id, "conflict", note.deck, note.question(), conflicts,
            reason=f"{', '.join(conflicts)} edited in Anki and in the YAML since the last push: "
                   "Anki's text is kept; undo the YAML edit to keep it, or push --overwrite to "
                   "replace it"))
        if not notes.bases(note.id):
            return  # nothing to compare with next time either: no entry, asked again
    elif not (written or added or taken or away):
        plan.report.unchanged += 1
    old = notes.pushed.notes.get(note.id)
    digest = note.digest if not conflicts else (old.hash if old else UNRESOLVED)
    plan.record[note.id] = (Pushed(digest, there.note, note.model, note.deck, base, note.tags),
                            note)


def _decide_removed(plan: Plan, note: Planned, seen: _Seen) -> None:
    """A note whose card left the content: tagged build_decks::removed where Anki has it."""
    hits = seen.found.get(note.id, [])
    there = hits[0] if len(hits) == 1 else None
    if there is not None and anki.REMOVED_TAG not in _tag_set(there.tags):
        plan.tags_added.setdefault(there.note, set()).add(anki.REMOVED_TAG)
        deck = next((seen.decks[c] for c in there.cards if c in seen.decks), note.deck)
        plan.report.changes.append(Change(note.id, "removed", deck, note.question()))
    fields = (tuple(there.fields.get(n, "") for n in note.field_names()) if there
              else note.fields)
    plan.record[note.id] = (Pushed(note.digest, there.note if there else 0, note.model,
                                   note.deck, fields, note.tags, removed=True), None)


def _new_notes_package(notes: Notes, new: list[Planned]) -> genanki.Package:
    """The package's decks with only the new notes (and the root deck)."""
    wanted = {id(n.note) for n in new}
    decks = []
    for deck in notes.package.decks:
        kept = [note for note in deck.notes if id(note) in wanted]
        if kept or deck.name == notes.content.title:
            copy = genanki.Deck(deck.deck_id, deck.name, deck.description)
            for note in kept:
                copy.add_note(note)
            decks.append(copy)
    return genanki.Package(decks)


def _write(client: Client, notes: Notes, plan: Plan) -> None:
    folder = media.Folder.of(notes.content.root)
    if plan.images:
        client.multi([("storeMediaFile", {"filename": name, "data": base64.b64encode(
            (folder.path / name).read_bytes()).decode("ascii")}) for name in sorted(plan.images)])
    for model in plan.note_types:
        client.multi([
            ("updateModelTemplates", {"model": {"name": model.name, "templates": {
                t["name"]: {"Front": t["qfmt"], "Back": t["afmt"]} for t in model.templates}}}),
            ("updateModelStyling", {"model": {"name": model.name, "css": model.css}})])
    if plan.add:
        staged = anki.stage_package(_new_notes_package(notes, plan.add),
                                    notes.options.dist / NEW_NOTES, notes.options.now)
        try:
            client.call("importPackage", path=str(staged.tmp.resolve()))
        finally:
            discard([staged])
    actions: list[tuple[str, dict]] = [
        ("updateNoteFields", {"note": {"id": note, "fields": fields}})
        for note, fields in sorted(plan.fields.items())]
    for name, per_note in (("addTags", plan.tags_added), ("removeTags", plan.tags_taken)):
        groups: dict[str, list[int]] = {}
        for note, tags in sorted(per_note.items()):
            groups.setdefault(" ".join(sorted(tags)), []).append(note)
        actions += [(name, {"notes": ids, "tags": tags}) for tags, ids in groups.items()]
    actions += [("changeDeck", {"cards": sorted(cards), "deck": deck})
                for deck, cards in sorted(plan.moves.items())]
    if actions:
        client.multi(actions)


def _verify(client: Client, notes: Notes, plan: Plan) -> list[str]:
    """Read back what was written: the lock keeps only what Anki has. Returns the failures
    (their old lock entries stay, so the next push tries them again)."""
    failures = []
    added = [note.id for note in plan.add]
    found = _look_up(client, added)
    for card_id in added:
        hits = found.get(card_id, [])
        if len(hits) != 1:
            failures.append(f"{card_id}: not in the collection after importPackage")
            plan.record.pop(card_id)
            continue
        entry, planned = plan.record[card_id]
        plan.record[card_id] = (replace(entry, note=hits[0].note), planned)
    written = {*plan.fields, *plan.tags_added, *plan.tags_taken}
    checked = {entry.note: card_id for card_id, (entry, _) in plan.record.items()
               if entry.note and (entry.note in written or card_id in added)}
    for info in client.call("notesInfo", notes=sorted(checked)) if checked else []:
        if not info or info.get("noteId") not in checked:
            continue
        card_id = checked[info["noteId"]]
        entry, planned = plan.record[card_id]
        there = {name: value["value"] for name, value in info["fields"].items()}
        sent = dict(zip(planned.field_names(), planned.fields, strict=True)) \
            if planned is not None and card_id in added else plan.fields.get(entry.note, {})
        wrong = [name for name, value in sent.items() if not _same(there.get(name, ""), value)]
        tags = _tag_set(info["tags"])
        missing = [t for t in plan.tags_added.get(entry.note, ()) if t.lower() not in tags]
        left = [t for t in plan.tags_taken.get(entry.note, ()) if t.lower() in tags]
        if wrong or missing or left:
            what = ", ".join([*wrong, *([TAGS] if missing or left else [])])
            failures.append(f"{card_id}: Anki did not take the update of {what}: {HINT_82}")
            plan.record.pop(card_id)
        elif planned is not None:
            fields = tuple(there.get(name, base) if name in sent else base
                           for name, base in zip(planned.field_names(), entry.fields,
                                                 strict=True))
            plan.record[card_id] = (replace(entry, fields=fields), planned)
    return failures


def push(content: Content, options: BuildOptions, client: Client, *, dry_run: bool = False,
         check_all: bool = False, overwrite: bool = False) -> tuple[Report, list[str], Plan]:
    """Push the content into the collection behind `client`. Returns the report, the notes
    whose update did not hold (see AnkiConnect #82), and the plan."""
    notes = Notes.of(content, options)
    plan = _decide(notes, check_all, overwrite, client)
    if dry_run:
        return plan.report, [], plan
    failures: list[str] = []
    if plan.writes():
        _write(client, notes, plan)
        failures = _verify(client, notes, plan)
    for card_id, (entry, _) in plan.record.items():
        notes.pushed.notes[card_id] = entry
    if client.requests:  # the note types were checked (and written where they differed)
        for kind in {n.model for n in notes.planned}:
            notes.pushed.models[kind] = notes.model_hash(kind)
    if staged := notes.pushed.staged():
        publish([staged])
    return plan.report, failures, plan


def forget_removed(content_root: Path) -> int:
    """Drop notes tagged removed from push-lock.json (`build-decks forget-removed`)."""
    lock = PushLock.load(content_root / LOCK_NAME)
    gone = [key for key, entry in lock.notes.items() if entry.removed]
    for key in gone:
        del lock.notes[key]
    if gone and (staged := lock.staged()):
        publish([staged])
    return len(gone)


def run(args: argparse.Namespace) -> int:
    content, options = prepare(args.content, args.dist)
    for warning in content.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    client = Client(args.url, args.key)
    report, failures, plan = push(content, options, client, dry_run=args.dry_run,
                                  check_all=args.check_all, overwrite=args.overwrite)
    print(report.json_text() if args.json else report.text())
    for change in report.changes:
        if change.action == "conflict":
            print(f"warning: {change.id} ({change.deck}): {change.reason}", file=sys.stderr)
    if plan.kept:
        print(f"{len(plan.kept)} note(s) keep text edited in Anki that the YAML did not change "
              f"({', '.join(plan.kept[:5])}{', ...' if len(plan.kept) > 5 else ''})",
              file=sys.stderr)
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    if args.dry_run:
        print("dry run: nothing was written", file=sys.stderr)
    elif not client.requests:
        print(f"nothing to push: no note changed since the last push ({LOCK_NAME}; "
              "--all compares every note with the collection)", file=sys.stderr)
    return 1 if failures else 0


__all__ = ["AnkiConnectError", "forget_removed", "push", "run"]
