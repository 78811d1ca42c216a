"""Anki's own text format, "Notes in Plain Text": `dist/<title>.txt`.

The package's notes (render/anki.py builds them: the same note types, decks, GUIDs, fields and
tags, the notes of removed cards included), one per line, tab-separated, with the header lines
Anki's own export writes, so File → Import in Anki (or `Collection.import_csv`) matches each line
to its note by GUID: it updates the notes a collection has and adds the ones it lacks. Fields
are HTML (`#html:true`); a field with a tab, a quote or a line break is quoted as CSV quotes it.

The note type comes first on each line: Anki reads a line that starts with `#` as a comment,
and a GUID may start with `#`. Anki needs the note types (`build_decks Q&A`, ...) to exist:
import the .apkg once, and the text file can update from then on.
"""

from __future__ import annotations

import argparse
import csv
import io

from build_decks.atomic import stage
from build_decks.config import slug
from build_decks.model import Content
from build_decks.render import Done, anki
from build_decks.render.options import BuildOptions, Output

COLUMNS = ("notetype", "deck", "guid")  # then the fields, then the tags
(FIELD_COUNT,) = {len(fields) for fields in anki.MODEL_FIELDS.values()}  # one for every type


def file_name(content: Content) -> str:
    return slug(content.title) + ".txt"


def notes_text(content: Content, options: BuildOptions) -> str:
    package, _ = anki.build_package(content, options)
    tags_column = len(COLUMNS) + FIELD_COUNT + 1
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n")
    for number, name in enumerate(COLUMNS, 1):
        out.write(f"#{name} column:{number}\n")
    out.write(f"#tags column:{tags_column}\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for deck in package.decks:
        for note in deck.notes:
            writer.writerow([note.model.name, deck.name, note.guid, *note.fields,
                             " ".join(note.tags)])
    return out.getvalue()


def start(content: Content, options: BuildOptions, args: argparse.Namespace) -> Done:
    path = options.dist / file_name(content)
    return Done(Output([path], staged=[stage(path, notes_text(content, options))]))
