"""Lock files are input (issue 16, part 3): every value read from import-lock.json and
anki-lock.json is checked; a lock that fails is one error naming the lock, the entry and the
fix; a removed note's fields are sanitized before they reach a package (checked in a real
collection)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from anki_import import fresh_collection, import_package
from conftest import small_project

from build_decks import cli
from build_decks.lockfile import dumps

EPOCH = "1800000000"


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def run(*args: str, content: Path) -> Ran:
    """The CLI in this process (its errors are lines on stderr, never a traceback)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--content", str(content), "--dist", str(content.parent / "dist"),
                         *args])
    assert code != 70, err.getvalue()  # an internal error
    return Ran(code, out.getvalue(), err.getvalue())


def project(root: Path, sources: dict[str, str]) -> Path:
    content = small_project(root, sources, "Locks")
    assert run("import", content=content).returncode == 0
    return content


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project, imported and built into an .apkg once for the module."""
    root = tmp_path_factory.mktemp("locks")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        content = project(root, {"notes.md": NOTES})
        assert run("anki", content=content).returncode == 0
    return root


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    """A private copy of it: its content folder."""
    shutil.copytree(built_once, tmp_path, dirs_exist_ok=True)
    return tmp_path / "content"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def one_error(result: Ran) -> str:
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.returncode == 1 and len(errors) == 1, result.stderr
    return errors[0]


NOTES = "Q: What is drift?\nA: Change.\n\nQ: What is skew?\nA: A gap.\n"


def test_a_deck_name_in_the_import_lock_cannot_write_outside_content(built: Path,
                                                                     tmp_path: Path) -> None:
    content = built
    lock_path = content / "import-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    lock["../../../x/pwned"] = lock.pop("notes")
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    (content / "decks" / "notes.yaml").unlink()
    before = snapshot(tmp_path)
    error = one_error(run("import", content=content))
    assert "import-lock.json: invalid lock file: entry '../../../x/pwned': a deck name is " in (
        error) and "delete that entry (or the whole file) and run `build-decks import`" in error
    assert snapshot(tmp_path) == before  # nothing written anywhere
    assert run("build", content=content).returncode == 1  # no deck: nothing to build
    assert not list(tmp_path.rglob("pwned*"))


@pytest.mark.parametrize(("change", "message"), [
    (lambda lock: lock["notes"].update({"<script>": lock["notes"]["notes-drift"]}),
     "entry 'notes': '<script>': a card id is lower-case letters"),
    (lambda lock: lock["notes"].update({"../../etc": lock["notes"]["notes-drift"]}),
     "entry 'notes': '../../etc': a card id is"),
    (lambda lock: lock["notes"].update({"_file": "/etc/passwd"}),
     "entry 'notes': '_file': must be a path under sources/"),
    (lambda lock: lock["notes"].update({"_file": "sources/../../secret.md"}),
     "'_file': must be a path under sources/"),
    (lambda lock: lock["notes"]["notes-drift"]["fields"].update({"answer": "zz"}),
     "'notes-drift': the hash of 'answer' is not a hash this tool writes"),
    (lambda lock: lock["notes"]["notes-drift"].update({"text": 5}),
     "'notes-drift': its question must be text"),
    (lambda lock: lock["notes"]["notes-drift"].update({"extra": "x"}),
     "'notes-drift': a card's record holds `text` (or an older lock's `key`) and `fields`"),
    (lambda lock: lock["notes"].update({"_deck": {"title": "x" * 12, "script": "a" * 12}}),
     "'_deck': must map title and references to hashes"),
    (lambda lock: lock.update({"notes": ["a list"]}),
     "entry 'notes': a deck's record must be an object"),
])
def test_every_import_lock_value_is_checked(built: Path, change, message: str) -> None:
    content = built
    lock_path = content / "import-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    change(lock)
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    before = snapshot(content)
    error = one_error(run("import", content=content))
    assert "import-lock.json: invalid lock file: " in error and message in error, error
    assert snapshot(content) == before


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def _anki_lock(content: Path) -> tuple[Path, dict]:
    path = content / "anki-lock.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_a_removed_notes_fields_are_sanitized_before_they_reach_anki(built: Path,
                                                                     tmp_path: Path) -> None:
    content = built
    path, lock = _anki_lock(content)
    kept = lock["notes-drift"]["note"]
    lock["gone-qa"] = {"hash": "0" * 16, "mod": 1, "note": {**kept, "fields": [
        f"Gone?{HOSTILE}", f"<p onclick=alert(3)>Answer</p>{HOSTILE}", "gone-qa",
        *kept["fields"][3:]]}}
    lock["gone-cloze"] = {"hash": "0" * 16, "mod": 1, "note": {
        "model": "cloze", "tags": ["kind::cloze"],
        "fields": [f"<p>The {{{{c1::{HOSTILE}answer}}}} and {{{{c2::more::a hint}}}}</p>", "",
                   "gone-cloze", "T", "S", "", "", ""]}}
    path.write_text(json.dumps(lock), encoding="utf-8")
    result = run("anki", content=content)
    assert result.returncode == 0, result.stderr
    assert "entry 'gone-qa': Question, Answer held markup this tool never writes; sent " in (
        result.stderr)
    collection = fresh_collection(tmp_path / "anki")
    try:
        import_package(collection, next((content.parent / "dist").glob("*.apkg")))
        for cid in ("gone-qa", "gone-cloze"):
            note = collection.get_note(collection.find_notes(f"Id:{cid}")[0])
            assert "build_decks::removed" in note.tags
            shown = "".join(card.question() + card.answer() for card in note.cards())
            assert "alert(" not in shown and "onerror" not in shown and "onclick" not in shown
        cloze = collection.get_note(collection.find_notes("Id:gone-cloze")[0])
        assert sorted(card.ord for card in cloze.cards()) == [0, 1]  # marks kept as marks
        assert "[a hint]" in cloze.cards()[1].question()
    finally:
        collection.close()


def _entry(lock: dict) -> dict:
    return lock["notes-drift"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda lock: _entry(lock).update({"mod": -1}), "`mod` must be whole seconds from 0 to"),
    (lambda lock: _entry(lock).update({"mod": True}), "`mod` must be whole seconds"),
    (lambda lock: _entry(lock).update({"mod": 2 ** 62}), "`mod` must be whole seconds"),
    (lambda lock: _entry(lock).update({"hash": "<b>"}), "`hash` is not a hash"),
    (lambda lock: lock.update({"<b>x</b>": _entry(lock)}), "entry '<b>x</b>': a card id is"),
    (lambda lock: lock.update({"_model:evil": _entry(lock)}), "not a note type of this tool"),
    (lambda lock: _entry(lock)["note"].update({"model": "evil"}), "unknown note type 'evil'"),
    (lambda lock: _entry(lock)["note"]["fields"].pop(), "`note`: 8 fields of text expected"),
    (lambda lock: _entry(lock)["note"]["fields"].__setitem__(2, "other-id"),
     "`note`: its Id field is not its card id"),
    (lambda lock: _entry(lock)["note"]["tags"].append("two words"),
     "`note`: tags are lower-case words without spaces"),
    (lambda lock: _entry(lock)["note"]["tags"].append(["a", "list"]),
     "`note`: tags are lower-case words without spaces"),
])
def test_every_anki_lock_value_is_checked(built: Path, change, message: str) -> None:
    content = built
    path, lock = _anki_lock(content)
    change(lock)
    path.write_text(json.dumps(lock), encoding="utf-8")
    before = snapshot(content.parent / "dist")
    error = one_error(run("anki", content=content))
    assert "anki-lock.json: invalid lock file: entry '" in error and message in error, error
    assert "delete that entry (or the whole file) and build again" in error
    assert snapshot(content.parent / "dist") == before


def test_a_removed_note_with_a_formula_the_renderer_refuses_is_an_error(built: Path) -> None:
    content = built
    path, lock = _anki_lock(content)
    kept = lock["notes-drift"]["note"]
    lock["gone"] = {"hash": "0" * 16, "mod": 1, "note": {**kept, "fields": [
        "Gone?", "<p>\\(\\frac&#123;a&#125;\\)</p><pre><code>\\(not a formula\\)</code></pre>",
        "gone", *kept["fields"][3:]]}}
    path.write_text(json.dumps(lock), encoding="utf-8")
    error = one_error(run("anki", content=content))
    assert "entry 'gone': field Answer holds a formula this tool would not render (a fraction" in (
        error)


def test_removed_notes_of_every_kind_are_sent_as_they_were_written(tmp_path: Path) -> None:
    """The sanitizer changes nothing this tool wrote: formulas, code, hints, nested cloze."""
    content = project(tmp_path, {"notes.md": NOTES})
    deck = content / "decks" / "notes.yaml"
    data = yaml.safe_load(deck.read_text(encoding="utf-8"))
    data["cards"] += [
        {"id": "rich-qa", "kind": "qa", "topic": "testing", "question": "What is $x^{2}$?",
         "answer": "Squared: $$\\frac{a}{b}$$\n\n```python\nx = {'a': 1}\n```\n\n- **one**\n"
                   "- `two` <br> [link](https://example.org)"},
        {"id": "rich-term", "kind": "term", "topic": "testing", "term": "F1 {{score}}",
         "definition": "The *harmonic* mean & more < less."},
        {"id": "rich-cloze", "kind": "cloze", "topic": "testing",
         "text": "The {{c1::outer {{c2::inner::h}} part::hint}} with $e^{x_{i} }$."}]
    deck.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run("anki", content=content).returncode == 0
    data["cards"] = data["cards"][:1]
    deck.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("anki", content=content)
    assert result.returncode == 0 and "4 cards no longer in the content" in result.stderr
    assert "sent sanitized" not in result.stderr
    collection = fresh_collection(tmp_path / "anki")
    try:
        import_package(collection, next((content.parent / "dist").glob("*.apkg")))
        cloze = collection.get_note(collection.find_notes("Id:rich-cloze")[0])
        assert sorted(card.ord for card in cloze.cards()) == [0, 1]
    finally:
        collection.close()


def _corrupt_line(path: Path, marker: str, old: str, new: str) -> int:
    """Change `old` to `new` on the one line of the lock holding `marker`; that line's number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if marker in line)
    assert old in lines[number]
    lines[number] = lines[number].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_a_bad_entry_in_a_lock_as_the_tool_wrote_it_is_named_at_its_line(built: Path) -> None:
    """Every lock is written one entry per line (lockfile.dumps), so an error names that line:
    anki-lock's entries, import-lock's card entries inside a deck, and a removed note whose
    field the renderer refuses (found later, while its note is sent again)."""
    content = built
    anki_lock, import_lock = content / "anki-lock.json", content / "import-lock.json"
    line = _corrupt_line(anki_lock, '"notes-drift":', '"mod": ', '"mod": -')
    error = one_error(run("anki", content=content))
    assert error.startswith(f"error: {anki_lock}:{line}: invalid lock file: entry "
                            "'notes-drift': `mod` must be"), error
    _corrupt_line(anki_lock, '"notes-drift":', '"mod": -', '"mod": ')

    line = _corrupt_line(import_lock, '"notes-skew":', '"text": ', '"text": 5, "x": ')
    assert line > 2  # a card's own line, inside its deck's
    error = one_error(run("import", content=content))
    assert error.startswith(f"error: {import_lock}:{line}: invalid lock file: entry 'notes': "
                            "'notes-skew': "), error

    path, lock = _anki_lock(content)
    kept = lock["notes-drift"]["note"]
    lock["gone"] = {"hash": "0" * 16, "mod": 1, "note": {**kept, "fields": [
        "Gone?", "<p>\\(\\frac&#123;a&#125;\\)</p>", "gone", *kept["fields"][3:]]}}
    path.write_text(dumps(lock, "x"), encoding="utf-8")
    gone_line = next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                     if line.startswith(' "gone":'))
    error = one_error(run("anki", content=content))
    assert error.startswith(f"error: {path}:{gone_line}: invalid lock file: entry 'gone': "
                            "field Answer holds a formula"), error
