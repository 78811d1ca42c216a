"""What the collection has: our notes found by their Id field, our note types checked, text
compared as Anki stores it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from build_decks.ankiconnect import Client, field_query
from build_decks.errors import BuildDecksError
from build_decks.push.notes import Notes
from build_decks.render import anki


def same(a: str, b: str) -> bool:
    """Equal as Anki stores text (it keeps fields in Unicode NFC)."""
    return a == b or unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


def tag_set(tags: Iterable[str]) -> set[str]:
    return {t.lower() for t in tags}  # Anki's tags ignore case


@dataclass(frozen=True)
class InAnki:
    """A note of ours as the collection has it."""

    note: int
    model_name: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    cards: tuple[int, ...]


def check_note_types(client: Client, notes: Notes, kinds: list[str]) -> dict[str, dict]:
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


def look_up(client: Client, ids: list[str]) -> dict[str, list[InAnki]]:
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
