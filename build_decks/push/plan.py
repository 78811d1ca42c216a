"""What a push does: per note, added, updated (which fields, tags), moved, tagged removed, left
alone, or a conflict; decided from the collection's answers, before anything is written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import genanki

from build_decks.ankiconnect import Client
from build_decks.changes import TAGS, Change, Planned, Report
from build_decks.push.collection import InAnki, check_note_types, look_up, same, tag_set
from build_decks.push.lock import REMOVED, UNRESOLVED, Pushed
from build_decks.push.notes import Notes
from build_decks.render import anki


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
            digest = REMOVED + entry.hash.removeprefix(REMOVED)  # once, however often
            removed.append(Planned(card_id, entry.model, entry.deck, entry.fields, entry.tags,
                                   digest, True, None))
    kinds = sorted({n.model for n in notes.planned})
    types = [k for k in kinds if check_all or notes.pushed.models.get(k) != notes.model_hash(k)]
    return current, removed, types


def _decide_fields(plan: Plan, notes: Notes, note: Planned, there: InAnki,
                   overwrite: bool) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Three ways per field. Returns the fields written, the conflicting fields, and the base
    to remember for each field."""
    bases = notes.bases(note.id)
    written, conflicts, base = [], [], []
    for index, name in enumerate(note.field_names()):
        theirs, ours = there.fields[name], note.fields[index]
        known = [b[index] for b in bases]
        if same(theirs, ours):
            base.append(theirs)
        elif any(same(theirs, b) for b in known):  # not edited in Anki
            written.append(name)
            base.append(ours)
        elif any(same(ours, b) for b in known):  # edited in Anki only: kept
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


def decide(notes: Notes, check_all: bool, overwrite: bool, client: Client) -> Plan:
    current, removed, kinds = _candidates(notes, check_all)
    plan = Plan(Report(f"the collection at {client.url}"))
    plan.report.unchanged = sum(1 for n in notes.planned if not n.removed) - len(current)
    if not current and not removed and not kinds:
        return plan
    client.check_version()
    in_anki = check_note_types(client, notes, sorted({n.model for n in notes.planned}))
    for kind in kinds:
        model = notes.model(kind)
        there = in_anki.get(model.name)
        ours = {t["name"]: {"Front": t["qfmt"], "Back": t["afmt"]} for t in model.templates}
        if there is not None and (there["templates"] != ours or there["css"] != model.css):
            plan.note_types.append(model)
            plan.report.note_types.append(model.name)
    found = look_up(client, [n.id for n in [*current, *removed]])
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
    ours = tag_set(note.tags)
    added = {t for t in note.tags if t.lower() not in tag_set(there.tags)}
    taken = {t for t in there.tags if t.lower() in tag_set(notes.our_tags(note.id)) - ours}
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
    if there is not None and anki.REMOVED_TAG not in tag_set(there.tags):
        plan.tags_added.setdefault(there.note, set()).add(anki.REMOVED_TAG)
        deck = next((seen.decks[c] for c in there.cards if c in seen.decks), note.deck)
        plan.report.changes.append(Change(note.id, "removed", deck, note.question()))
    fields = (tuple(there.fields.get(n, "") for n in note.field_names()) if there
              else note.fields)
    plan.record[note.id] = (Pushed(note.digest, there.note if there else 0, note.model,
                                   note.deck, fields, note.tags, removed=True), None)
