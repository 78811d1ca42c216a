"""Hostile and careless input: each reproduction of the attack campaign, with its exact outcome.

No traceback, nothing lost (ids never move; a failing build changes no output), nothing leaked
(no script, no `javascript:`/`file:`/`data:` link, nothing from outside content/), nothing
hangs. Every CLI run here also checks that no Python traceback reaches the user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest
from anki_import import fresh_collection, import_package
from conftest import FIXTURES, SEEDS, make_content

from build_decks import cli
from build_decks.config import load_config
from build_decks.errors import ContentErrors
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.render import anki
from build_decks.yamlio import load_yaml

EPOCH = "1760000000"


def run(*args: str, content: Path, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    result = subprocess.run([sys.executable, "-m", "build_decks", "--content", str(content),
                             "--dist", str(content.parent / "dist"), *args],
                            capture_output=True, text=True, env=environment, check=False)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


def project(tmp_path: Path, **sources: str) -> Path:
    """A content folder with these documents (name -> text), imported."""
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    shutil.copy(SEEDS / "topics.yaml", content / "topics.yaml")
    (content / "config.yaml").write_text("title: Hostile\n", encoding="utf-8")
    for name, text in sources.items():
        (content / "sources" / name).write_text(text, encoding="utf-8")
    result = run("import", content=content)
    assert result.returncode == 0, result.stderr
    return content


def ids(content: Path) -> dict[str, str]:
    """card id -> answer, over every deck."""
    return {c["id"]: c.get("answer", "") for deck in sorted((content / "decks").glob("*.yaml"))
            for c in load_yaml(deck)["cards"]}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


# 1. Ids that never move -----------------------------------------------------------------------

@pytest.mark.parametrize(("document", "readable"), [
    ("Q: What is drift?\nA: First.\n\nQ: What is drift?\nA: Second.\n\nQ: What is drift?\n"
     "A: Third.\n", ["notes-drift", "notes-drift-2", "notes-drift-3"]),
    ("Q: Что такое дрейф?\nA: Изменение данных.\n\nQ: Что такое канарейка?\nA: Частичный релиз."
     "\n\nQ: Зачем мониторинг?\nA: Чтобы видеть.\n", ["notes-chto-takoe-dreyf",
                                                    "notes-chto-takoe-kanareyka",
                                                    "notes-zachem-monitoring"]),
    ("Q: 什么是漂移？\nA: 数据变化。\n\nQ: 什么是金丝雀？\nA: 部分发布。\n\n"
     "Q: 为什么监控？\nA: 看到问题。\n",
     ["notes-shenmeshipiaoyi", "notes-shenmeshijinsique", "notes-weishenmejiankong"]),
])
def test_ids_survive_reimports(tmp_path: Path, document: str, readable: list[str]) -> None:
    content = project(tmp_path, **{"notes.md": document})
    first = ids(content)
    assert list(first) == readable
    for _ in range(3):
        assert run("import", content=content).returncode == 0
        assert ids(content) == first  # same ids, same answers under them


# 2. A failing build changes nothing -----------------------------------------------------------

def built(tmp_path: Path) -> Path:
    content = make_content(tmp_path, {"qa": FIXTURES / "sources" / "qa_variants.txt"})
    assert run("build", "--import", content=content).returncode == 0
    return content


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("break_it", "message"), [
    (lambda c: edit(c / "topics.yaml", "title: Model serving", "title: ' padded '"),
     "topics.yaml:22: topic 'serving': the title must be 1 to 100 characters"),
    (lambda c: shutil.rmtree(c / "decks") or shutil.rmtree(c / "sources") or
     (c / "config.yaml").write_text("title: Empty\n"), "no cards to build"),
    (lambda c: (c.parent / "dist" / "study-pack.html").unlink() or
     (c.parent / "dist" / "study-pack.html").mkdir(), "study-pack.html: Is a directory"),
])
def test_a_failing_build_leaves_dist_and_locks_byte_identical(tmp_path: Path, break_it,
                                                             message: str) -> None:
    content = built(tmp_path)
    (content.parent / "dist" / ".cheatsheet.pdf.killed.tmp").write_bytes(b"half")  # a kill
    break_it(content)
    before = snapshot(content.parent / "dist") | {"lock": (content / "anki-lock.json").read_bytes()}
    result = run("build", content=content)
    assert result.returncode == 1 and message in result.stderr
    after = snapshot(content.parent / "dist") | {"lock": (content / "anki-lock.json").read_bytes()}
    assert {k: v for k, v in after.items() if k != ".cheatsheet.pdf.killed.tmp"} == {
        k: v for k, v in before.items() if k != ".cheatsheet.pdf.killed.tmp"}


def test_a_renderer_failing_after_the_pdfs_started_publishes_nothing(
        tmp_path: Path, monkeypatch, capsys) -> None:
    content = built(tmp_path)
    dist = content.parent / "dist"
    before = snapshot(dist) | {"lock": (content / "anki-lock.json").read_bytes()}
    edit(content / "decks" / "qa.yaml", "A central place", "A central store")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", str(dist / "x.apkg"))

    monkeypatch.setattr(anki, "stage_package", broken)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert cli.main(["--content", str(content), "--dist", str(dist), "build"]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert snapshot(dist) | {"lock": (content / "anki-lock.json").read_bytes()} == before


def test_the_next_build_sweeps_what_a_killed_one_left(tmp_path: Path) -> None:
    content = built(tmp_path)
    leftover = content.parent / "dist" / ".flashcards.pdf.build-decks-a1b2c3.tmp"
    leftover.write_bytes(b"%PDF- half")
    others = [content.parent / "dist" / ".notes.tmp", content / "decks" / ".draft.yaml.x.tmp"]
    for other in others:  # not the build's: never touched
        other.write_text("mine", encoding="utf-8")
    assert run("build", content=content).returncode == 0
    assert not leftover.exists() and all(other.exists() for other in others)


@pytest.mark.parametrize("epoch", ["4354819200", "soon", "-5"])
def test_bad_source_date_epoch_is_refused(tmp_path: Path, epoch: str) -> None:
    content = built(tmp_path)
    before = snapshot(content.parent / "dist")
    result = run("build", content=content, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 1 and "SOURCE_DATE_EPOCH" in result.stderr
    assert snapshot(content.parent / "dist") == before


def test_an_import_that_fails_writes_no_deck_file(tmp_path: Path) -> None:
    content = project(tmp_path, **{"good.md": "Q: Kept?\nA: Yes.\n"})
    (content / "sources" / "bad.md").write_bytes(b"Q: What?\n\x81\x8d\x90\n")
    before = snapshot(content / "decks")
    result = run("import", content=content)
    assert result.returncode == 1 and "sources/bad.md:2: not text" in result.stderr
    assert snapshot(content / "decks") == before  # no bad.yaml, good.yaml untouched
    edit(content / "topics.yaml", "topics:", "topics: [")  # a global error: nothing at all
    (content / "sources" / "bad.md").unlink()
    (content / "sources" / "new.md").write_text("Q: New?\nA: Yes.\n", encoding="utf-8")
    assert run("import", content=content).returncode == 1
    assert snapshot(content / "decks") == before


# 3. YAML means what the user typed ------------------------------------------------------------

def test_yaml_values_stay_as_typed(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": "Q: Is it on?\nA: yes\n"})
    deck = content / "decks" / "notes.yaml"
    deck.write_text(deck.read_text(encoding="utf-8") + "- id: typed\n  kind: qa\n  topic: testing"
                    "\n  question: Which version?\n  answer: 3.10\n- id: typed-2\n  kind: term\n"
                    "  topic: testing\n  term: NO\n  definition: No\n", encoding="utf-8")
    cards = {c.id: c for c in load_content(content).cards}
    assert (cards["typed"].back, cards["typed-2"].front, cards["typed-2"].back) == (
        "3.10", "NO", "No")
    assert [c.back for c in cards.values() if c.front == "Is it on?"] == ["yes"]


BILLION_LAUGHS = "a: &a ['lol','lol']\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b]\n"


@pytest.mark.parametrize(("file", "text", "expected"), [
    ("topics.yaml", "default: t\ntopics:\n  - id: t\n    title: T\n    patterns: 'serving'\n",
     "topics.yaml:5: topic 't': `patterns` must be a list"),
    ("topics.yaml", "default: t\ntopics:\n  - id: t\n    title: T\n    patterns: 5\n",
     "topics.yaml:5: topic 't': `patterns` must be a list"),
    ("topics.yaml", "default: t\ntopics:\n  - id: t\n    title: T\ntags:\n  - drift\n",
     "topics.yaml:5: `tags` must be a mapping"),
    ("config.yaml", "title: X\nsources: 5\n", "config.yaml:2: `sources` must be a list"),
    ("config.yaml", "title: X\nsources: sources/notes.md\n", "config.yaml:2: `sources` must be"),
    ("config.yaml", "title: [a, b]\n", "config.yaml:1: `title` must be text"),
    ("decks/notes.yaml", "just a scalar\n", "notes.yaml:1: a deck file needs a `cards:` list"),
    ("decks/notes.yaml", "- a\n- list\n", "notes.yaml:1: a deck file needs a `cards:` list"),
    ("decks/notes.yaml", "cards:\n- id: [x]\n  kind: qa\n", "notes.yaml:2: `id` must be text"),
    ("decks/notes.yaml", BILLION_LAUGHS, "notes.yaml:1: invalid YAML: anchors and aliases"),
    ("import-lock.json", '{"notes": {"x": {"key": 5}}}', "import-lock.json: invalid lock file"),
    ("import-lock.json", '{"notes": [1, 2]}', "import-lock.json: invalid lock file"),
    ("anki-lock.json", b'{"x": {"hash": "\xff\xfe"}}', "anki-lock.json: invalid lock file: not"),
    ("anki-lock.json", '{"x": {"hash": "a", "mod": "soon"}}', "anki-lock.json: invalid lock"),
])
def test_wrong_types_are_one_error_with_file_and_line(tmp_path: Path, file: str,
                                                      text: str | bytes, expected: str) -> None:
    content = project(tmp_path, **{"notes.md": "Q: What is drift?\nA: Change.\n"})
    target = content / file
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    result = run("import" if file.endswith("import-lock.json") else "build", content=content)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and expected in errors[0], result.stderr


# 4. Nothing leaks -----------------------------------------------------------------------------

HOSTILE_LINKS = ("Q: Where do links go?\nA: See [run](javascript:alert(1)), [disk](file:///etc/"
                 "passwd), [data](data:text/html,x), [notes](../notes.md), [web](https://"
                 "example.org/a) and <mailto:me@example.org>.\n\n<!--\nQ: Hidden in a comment?\n"
                 "A: Never published.\n-->\n")


def test_only_web_and_mail_links_reach_any_pdf(tmp_path: Path) -> None:
    content = project(tmp_path, **{"links.md": HOSTILE_LINKS})
    assert run("build", content=content).returncode == 0
    uris = []
    for pdf in (content.parent / "dist").glob("*.pdf"):
        for page in pypdf.PdfReader(pdf).pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get_object().get("/A", {})
                if "/URI" in action:
                    uris.append(str(action["/URI"]))
    assert uris and all(u.startswith(("https://", "http://", "mailto:")) for u in uris), uris
    pack = (content.parent / "dist" / "study-pack.html").read_text(encoding="utf-8")
    assert "Hidden in a comment" not in pack and 'href=\\"../notes.md' not in pack


def test_references_outside_the_allow_list_are_refused(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": "Q: What?\nA: This.\n"})
    edit(content / "decks" / "notes.yaml", "references: []",
         "references:\n- javascript:alert(1)\n- file:///etc/passwd\n- https://example.org")
    result = run("build", content=content)
    assert result.returncode == 1
    assert "notes.yaml:6: reference 'javascript:alert(1)': only http, https and mailto" in (
        result.stderr)


def test_template_syntax_is_inert_in_every_anki_field(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": "Q: What is {{Question}}?\nA: {{FrontSide}}\n"})
    edit(content / "topics.yaml", "title: Testing and experiments",
         "title: '{{Question}} topic'")
    edit(content / "config.yaml", "title: Hostile", "title: Hostile {{Tags}}")
    edit(content / "decks" / "notes.yaml", "title: Notes", "title: '{{Deck}} source'")
    cards = load_content(content).cards
    edit(content / "decks" / "notes.yaml", f"topic: {cards[0].topic}", "topic: testing")
    assert run("anki", content=content).returncode == 0
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, next((content.parent / "dist").glob("*.apkg")))
    note = collection.get_note(collection.find_notes("")[0])
    assert all("{{" not in field and "}}" not in field for field in note.fields), note.fields
    rendered = note.cards()[0].answer()
    assert "{{Question}} topic" in rendered.replace("&#123;", "{").replace("&#125;", "}")
    collection.close()


def test_sources_outside_content_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("Q: What is the password?\nA: hunter2\n", encoding="utf-8")
    content = project(tmp_path, **{"notes.md": "Q: Kept?\nA: Yes.\n"})
    (content / "sources" / "link.md").symlink_to(secret)
    result = run("import", content=content)
    assert result.returncode == 1
    assert f"error: {content}/sources/link.md: refused: it leads outside content/sources" in (
        result.stderr)
    for file in ("/etc/hostname", "../secret.md"):
        (content / "config.yaml").write_text(f"title: X\nsources:\n  - file: {file}\n",
                                             encoding="utf-8")
        result = run("import", content=content)
        assert result.returncode == 1 and "config.yaml:3: source" in result.stderr
    assert "hunter2" not in "".join(p.read_text() for p in (content / "decks").glob("*.yaml"))


# 5. Nothing hangs -----------------------------------------------------------------------------

def test_a_catastrophic_topic_rule_finishes_at_once(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": "Q: " + "word " * 2000 + "end!\nA: Yes.\n"})
    edit(content / "topics.yaml", "      - introduction to model deployment",
         "      - '^(\\w+\\s?)+$'")
    started = time.monotonic()
    assert run("import", content=content).returncode == 0
    assert time.monotonic() - started < 5  # with Python's re: hours


def test_unsupported_rule_and_huge_or_deep_input_are_errors(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": "Q: What?\nA: This.\n"})
    edit(content / "topics.yaml", "      - introduction to model deployment",
         "      - '(a)\\1'")
    result = run("import", content=content)
    assert result.returncode == 1 and "topics.yaml:12: topic 'introduction': pattern" in (
        result.stderr) and "backreferences" in result.stderr
    shutil.copy(SEEDS / "topics.yaml", content / "topics.yaml")
    deck = content / "decks" / "notes.yaml"
    edit(deck, "answer: This.", "answer: |-\n    " + "> " * 500 + "deep")
    result = run("check", content=content)
    assert result.returncode == 1
    assert "notes.yaml:12: card 'notes-': `answer` nests lists or quotes 40 deep" in (
        result.stderr.replace("notes-what", "notes-")) or "nests lists or quotes" in result.stderr
    (content / "sources" / "huge.md").write_bytes(b"Q: big?\nA: " + b"x" * 21_000_000)
    result = run("import", content=content)
    assert result.returncode == 1 and "huge.md: too large" in result.stderr


# 6. Every remaining traceback becomes one line ------------------------------------------------

@pytest.mark.parametrize(("title", "package"), [
    ("Машинное обучение", "mashinnoe-obuchenie.apkg"), ("!!! ???", "deck.apkg"),
    ("T" * 300, "t" * 60 + ".apkg")])
def test_any_title_gives_a_readable_file_name(tmp_path: Path, title: str, package: str) -> None:
    content = project(tmp_path, **{"notes.md": "Q: What?\nA: This.\n"})
    (content / "config.yaml").write_text(f"title: '{title}'\n", encoding="utf-8")
    assert run("anki", content=content).returncode == 0
    assert [p.name for p in (content.parent / "dist").glob("*.apkg")] == [package]


def test_os_errors_and_interrupts_are_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    content = project(tmp_path, **{"notes.md": "Q: What?\nA: This.\n"})
    (content.parent / "dist").write_text("a file where the folder should be")
    result = run("html", content=content)
    assert result.returncode == 1 and result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_content", interrupted)
    assert cli.main(["--content", str(content), "check"]) == 130
    assert capsys.readouterr().err == "interrupted; outputs not replaced\n"


@pytest.mark.parametrize("value", ["nan", "inf", "-1e9", "one"])
def test_offsets_must_be_finite_millimetres(tmp_path: Path, value: str) -> None:
    content = project(tmp_path, **{"notes.md": "Q: What?\nA: This.\n"})
    result = run("pdf", f"--back-offset-x={value}", content=content)
    assert result.returncode == 2 and "--back-offset-x" in result.stderr


def test_a_word_too_long_for_a_flashcard_is_reported_not_clipped(tmp_path: Path) -> None:
    digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    content = project(tmp_path, **{"notes.md": f"Q: What is this hash?\nA: {digest}\n"})
    result = run("pdf", content=content)
    assert result.returncode == 0
    assert "a 64-character word is broken across lines to fit the card" in result.stderr
    text = "".join(p.extract_text() for p in pypdf.PdfReader(
        content.parent / "dist" / "flashcards.pdf").pages)
    assert digest in "".join(text.split())  # all of it is there, over two lines


def test_load_errors_are_reported_together(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"qa": FIXTURES / "sources" / "qa_variants.txt"})
    import_sources(load_config(content))
    deck = content / "decks" / "qa.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("kind: qa", "kind: quiz"),
                    encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(content)
    assert len(caught.value.errors) == 3
