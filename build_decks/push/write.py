"""The writes of a push, and the reading back of what Anki took."""

from __future__ import annotations

import base64
from dataclasses import replace

import genanki

from build_decks import media
from build_decks.ankiconnect import Client
from build_decks.atomic import discard
from build_decks.changes import TAGS, Planned
from build_decks.push.collection import look_up, same, tag_set
from build_decks.push.notes import Notes
from build_decks.push.plan import Plan
from build_decks.render import anki

NEW_NOTES = "push-new-notes.apkg"  # the package of new notes, in dist/ while Anki reads it
HINT_82 = ("is the note open in Anki's browser or editor? Close it and push again "
           "(AnkiConnect #82)")


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


def write(client: Client, notes: Notes, plan: Plan) -> None:
    """Media first (so no card shows a missing image), then note types, new notes, fields,
    tags and decks, in as few requests as AnkiConnect's `multi` allows."""
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


def verify(client: Client, notes: Notes, plan: Plan) -> list[str]:
    """Read back what was written: the lock keeps only what Anki has. Returns the failures
    (their old lock entries stay, so the next push tries them again)."""
    failures = []
    added = [note.id for note in plan.add]
    found = look_up(client, added)
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
        wrong = [name for name, value in sent.items() if not same(there.get(name, ""), value)]
        tags = tag_set(info["tags"])
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
