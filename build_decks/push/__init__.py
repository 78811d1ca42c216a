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
from pathlib import Path

from build_decks.ankiconnect import Client
from build_decks.atomic import publish
from build_decks.changes import Report
from build_decks.console import Console, plural
from build_decks.model import Content
from build_decks.push.lock import LOCK_NAME, PushLock
from build_decks.push.notes import Notes
from build_decks.push.plan import Plan, decide
from build_decks.push.write import verify, write
from build_decks.render import prepare
from build_decks.render.options import BuildOptions


def push(content: Content, options: BuildOptions, client: Client, *, dry_run: bool = False,
         check_all: bool = False, overwrite: bool = False) -> tuple[Report, list[str], Plan]:
    """Push the content into the collection behind `client`. Returns the report, the notes
    whose update did not hold (see AnkiConnect #82), and the plan."""
    notes = Notes.of(content, options)
    plan = decide(notes, check_all, overwrite, client)
    if dry_run:
        return plan.report, [], plan
    failures: list[str] = []
    if plan.writes():
        write(client, notes, plan)
        failures = verify(client, notes, plan)
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


def run(args: argparse.Namespace, console: Console) -> int:
    content, options = prepare(args.content, args.dist)
    for warning in content.warnings:
        console.warn(str(warning))
    client = Client(args.url, args.key)
    report, failures, plan = push(content, options, client, dry_run=args.dry_run,
                                  check_all=args.check_all, overwrite=args.overwrite)
    console.data(report.json_text() if args.json else report.text())
    for change in report.changes:
        if change.action == "conflict":
            console.warn(f"{change.id} ({change.deck}): {change.reason}")
    if plan.kept:
        keeps = "keeps" if len(plan.kept) == 1 else "keep"
        console.say(f"{plural(len(plan.kept), 'note')} {keeps} text edited in Anki that the YAML "
                    f"did not change ({', '.join(plan.kept[:5])}"
                    f"{', ...' if len(plan.kept) > 5 else ''})")
    for failure in failures:
        console.error(str(failure))
    if args.dry_run:
        console.say("dry run: nothing was written")
    elif not client.requests:
        console.say(f"nothing to push: no note changed since the last push ({LOCK_NAME}; "
                    "--all compares every note with the collection)")
    return 1 if failures else 0
