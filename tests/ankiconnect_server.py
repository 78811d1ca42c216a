"""A small AnkiConnect (version 6) over a real `anki` Collection, for tests only.

It answers the actions `build-decks push` uses with the request and reply shapes and the error
strings of AnkiConnect (FooSoft/anki-connect, plugin/__init__.py and web.py): a POST of
`{"action", "version", "params", "key"}` gets `{"result", "error"}`; a wrong key is
"valid api key must be provided"; an unknown action "unsupported action"; `multi` answers each
action as AnkiConnect's handler does (each with its own version and key); an empty body gets
"AnkiConnect v.6". Each action does what AnkiConnect's does, with the anki library calls of the
current add-on (importPackage is AnkiConnect's AnkiPackageImporter, which in Anki 23.10 and
later is `import_anki_package` with merge_notetypes, with_scheduling and with_deck_configs).

Test knobs: `refuse` (actions answered "unsupported action", like an older add-on),
`open_in_browser` (note ids whose updateNoteFields is silently lost: AnkiConnect #82), and
`requests` (every request's actions, to count them).
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.errors import NotFoundError

API_VERSION = 6


class AnkiConnect:
    """AnkiConnect's handler and actions, over `collection`."""

    def __init__(self, collection: Collection, api_key: str | None = None) -> None:
        self.col = collection
        self.api_key = api_key
        self.refuse: set[str] = set()
        self.open_in_browser: set[int] = set()
        self.requests: list[list[str]] = []

    # the handler (AnkiConnect.handler)
    def handler(self, request: dict) -> Any:
        name = request.get("action", "")
        version = request.get("version", 4)
        params = request.get("params", {})
        key = request.get("key")
        try:
            if key != self.api_key and name != "requestPermission":
                raise Exception("valid api key must be provided")
            method = getattr(self, f"action_{name}", None)
            if method is None or name in self.refuse:
                raise Exception("unsupported action")
            result = method(**params)
            return result if version <= 4 else {"result": result, "error": None}
        except Exception as exc:  # AnkiConnect turns every exception into its error string
            return {"result": None, "error": str(exc)}

    def _note(self, note_id: int):
        try:
            return self.col.get_note(note_id)
        except NotFoundError:
            raise NotFoundError(f"Note was not found: {note_id}", None, None, None) from None

    def _model(self, name: str) -> dict:
        model = self.col.models.by_name(name)
        if model is None:
            raise Exception(f"model was not found: {name}")
        return model

    # miscellaneous
    def action_version(self) -> int:
        return API_VERSION

    def action_multi(self, actions: list) -> list:
        return list(map(self.handler, actions))

    # decks
    def action_deckNames(self) -> list[str]:
        return [d.name for d in self.col.decks.all_names_and_ids()]

    def action_createDeck(self, deck: str) -> int:
        return self.col.decks.id(deck)

    def action_changeDeck(self, cards: list[int], deck: str) -> None:
        self.col.set_deck(cards, self.col.decks.id(deck))

    def action_getDecks(self, cards: list[int]) -> dict[str, list[int]]:
        decks: dict[str, list[int]] = {}
        for card in cards:
            did = self.col.db.scalar("select did from cards where id=?", card)
            decks.setdefault(self.col.decks.get(did)["name"], []).append(card)
        return decks

    # models
    def action_modelNames(self) -> list[str]:
        return [m.name for m in self.col.models.all_names_and_ids()]

    def action_modelFieldNames(self, modelName: str) -> list[str]:
        return [f["name"] for f in self._model(modelName)["flds"]]

    def action_modelTemplates(self, modelName: str) -> dict:
        return {t["name"]: {"Front": t["qfmt"], "Back": t["afmt"]}
                for t in self._model(modelName)["tmpls"]}

    def action_modelStyling(self, modelName: str) -> dict:
        return {"css": self._model(modelName)["css"]}

    def action_updateModelTemplates(self, model: dict) -> None:
        found = self._model(model["name"])
        for template in found["tmpls"]:
            if given := model["templates"].get(template["name"]):
                if given.get("Front"):
                    template["qfmt"] = given["Front"]
                if given.get("Back"):
                    template["afmt"] = given["Back"]
        self.col.models.update_dict(found)

    def action_updateModelStyling(self, model: dict) -> None:
        found = self._model(model["name"])
        found["css"] = model["css"]
        self.col.models.update_dict(found)

    # notes
    def action_findNotes(self, query: str | None = None) -> list[int]:
        return [] if query is None else list(map(int, self.col.find_notes(query)))

    def action_notesInfo(self, notes: list[int]) -> list[dict]:
        result = []
        for note_id in notes:
            try:
                note = self._note(note_id)
            except NotFoundError:
                result.append({})
                continue
            model = note.note_type()
            result.append({
                "noteId": note.id, "profile": "User 1", "tags": note.tags,
                "fields": {f["name"]: {"value": note.fields[f["ord"]], "order": f["ord"]}
                           for f in model["flds"]},
                "modelName": model["name"], "mod": note.mod,
                "cards": self.col.db.list("select id from cards where nid = ? order by ord",
                                          note.id)})
        return result

    def action_updateNoteFields(self, note: dict) -> None:
        found = self._note(note["id"])
        if note["id"] in self.open_in_browser:
            return  # AnkiConnect #82: the open editor writes its own copy back
        for name, value in note["fields"].items():
            if name in found:
                found[name] = value
        self.col.update_note(found, skip_undo_entry=True)

    def action_addTags(self, notes: list[int], tags: str, add: bool = True) -> None:
        if add:
            self.col.tags.bulk_add(notes, tags)
        else:
            self.col.tags.bulk_remove(notes, tags)

    def action_removeTags(self, notes: list[int], tags: str) -> None:
        self.action_addTags(notes, tags, add=False)

    # media and packages
    def action_storeMediaFile(self, filename: str, data: str | None = None,
                              path: str | None = None, url: str | None = None,
                              skipHash: str | None = None, deleteExisting: bool = True) -> str:
        if not (data or path or url):
            raise Exception('You must provide a "data", "path", or "url" field.')
        if not data:
            raise Exception("this test server takes media as data only")
        if deleteExisting:
            self.col.media.trash_files([filename])
        return self.col.media.write_data(filename, base64.b64decode(data))

    def action_importPackage(self, path: str) -> bool:
        self.col.import_anki_package(ImportAnkiPackageRequest(
            package_path=path, options=ImportAnkiPackageOptions(
                merge_notetypes=True, with_scheduling=True, with_deck_configs=True)))
        return True


class Server:
    """AnkiConnect on 127.0.0.1 at a free port, in a thread, one request at a time (Anki
    answers them on its main thread)."""

    def __init__(self, collection: Collection, api_key: str | None = None) -> None:
        self.anki = AnkiConnect(collection, api_key)
        anki = self.anki

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if not body:
                    reply = f"AnkiConnect v.{API_VERSION}".encode()
                else:
                    try:
                        request = json.loads(body.decode("utf-8"))
                    except ValueError:
                        reply = json.dumps(None).encode()
                    else:
                        actions = [request.get("action", "")] + [
                            a.get("action", "") for a in request.get("params", {})
                            .get("actions", [])] if isinstance(request, dict) else []
                        anki.requests.append(actions)
                        reply = json.dumps(anki.handler(request)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: object) -> None:
                pass

        self.http = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.shutdown()
        self.http.server_close()
