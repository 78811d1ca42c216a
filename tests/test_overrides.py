"""Templates under `<content>/templates/` replace the built-in ones of the same name: checked
in the `.apkg` with the real `anki` importer and in the pack with Chromium. A broken or
sneaky override is an error at its file and line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_import import fresh_collection, import_package
from playwright.sync_api import Browser

from build_decks import cli
from build_decks.render.env import PACKAGED, environment

ANKI_CSS = ".card { color: rgb(1, 2, 3); }  /* my-anki-override */\n"
PACK_CSS = "body { background: rgb(4, 5, 6); }  /* my-pack-override */\n"


@pytest.fixture
def content(qa_content: Path) -> Path:
    return qa_content


def _override(content: Path, name: str, text: str) -> None:
    path = content / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _build(content: Path, dist: Path, *commands: str) -> None:
    for command in commands:
        assert cli.main(["--content", str(content), "--dist", str(dist), command]) == 0


def test_every_builtin_template_is_in_the_package() -> None:
    names = PACKAGED.list_templates()
    for name in ("anki/card.css.j2", "anki/cloze-front.html", "html/pack.css.j2", "html/pack.js",
                 "pdf/base.css.j2", "pdf/flashcards-sheet.html"):
        assert name in names


def test_overridden_anki_css_reaches_the_collection(content: Path, tmp_path: Path) -> None:
    _override(content, "anki/card.css.j2", ANKI_CSS)
    _build(content, tmp_path / "dist", "anki")
    collection = fresh_collection(tmp_path / "anki")
    try:
        import_package(collection, next((tmp_path / "dist").glob("*.apkg")))
        css = collection.models.by_name("build_decks Q&A")["css"]
        card = collection.get_card(collection.find_cards("")[0])
        html = card.question()
    finally:
        collection.close()
    assert "my-anki-override" in css and "rgb(1, 2, 3)" in css
    assert "rgb(1, 2, 3)" in html  # Anki renders the card with the note type's CSS
    assert "feature store" in html


def test_overridden_pack_stylesheet_applies_in_chromium(content: Path, tmp_path: Path,
                                                        browser: Browser) -> None:
    _override(content, "html/pack.css.j2", PACK_CSS)
    _build(content, tmp_path / "dist", "html")
    pack = tmp_path / "dist" / "study-pack.html"
    page = browser.new_page()
    page.goto(pack.as_uri())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    cards = page.locator("#bd-list article").count()
    page.close()
    assert background == "rgb(4, 5, 6)"
    assert cards > 0  # the built-in script still runs beside the overridden style


def test_the_projects_templates_folder_overrides_and_the_old_place_gets_a_notice(
        content: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """`<project>/templates/` first; `<content>/templates/` is still read, with a notice."""
    (tmp_path / "templates" / "html").mkdir(parents=True)
    (tmp_path / "templates" / "html" / "pack.css.j2").write_text(PACK_CSS, encoding="utf-8")
    _override(content, "html/pack.css.j2", "body { color: rgb(7, 8, 9); }\n")
    _override(content, "anki/card.css.j2", ANKI_CSS)
    _build(content, tmp_path / "dist", "html")
    pack = (tmp_path / "dist" / "study-pack.html").read_text(encoding="utf-8")
    assert "my-pack-override" in pack and "rgb(7, 8, 9)" not in pack
    err = capsys.readouterr().err
    assert f"note: template overrides in {content / 'templates'}/ are still read" in err


def test_in_this_repository_the_templates_folder_is_no_override() -> None:
    from conftest import ROOT

    from build_decks import project
    from build_decks.render.env import builtin_templates

    assert project.override_folders(ROOT / "content", builtin_templates()) == []
    assert environment(ROOT / "content").loader is PACKAGED


def test_without_overrides_the_builtin_templates_are_used(content: Path) -> None:
    assert environment(content).loader is PACKAGED
    _override(content, "html/pack.css.j2", PACK_CSS)
    assert environment(content).loader is not PACKAGED


@pytest.mark.parametrize(("text", "line", "words"), [
    ("body {}\n{% if %}\n", 2, "template:"),
    ("body {}\n\n{{ ''.__class__.__mro__ }}\n", 3, "template:"),
    ("{{ no_such_name.attribute }}\n", 1, "undefined"),
])
def test_a_broken_override_is_one_line_at_its_place(content: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture, text: str,
                                                    line: int, words: str) -> None:
    _override(content, "html/pack.css.j2", text)
    status = cli.main(["--content", str(content), "--dist", str(tmp_path / "dist"), "html"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"pack.css.j2:{line}: " in err and words in err
    assert "Traceback" not in err
    assert not (tmp_path / "dist" / "study-pack.html").exists()


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_an_override_linked_out_of_the_project_folder_is_refused(
        content: Path, tmp_path: Path, capsys: pytest.CaptureFixture, linked: str) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere"  # beside the project, not in it
    (outside / "html").mkdir(parents=True)
    (outside / "html" / "pack.css.j2").write_text("body { color: red; }  /* secret */\n")
    if linked == "file":
        (content / "templates" / "html").mkdir(parents=True)
        (content / "templates" / "html" / "pack.css.j2").symlink_to(outside / "html" /
                                                                    "pack.css.j2")
    else:
        (content / "templates").symlink_to(outside)
    status = cli.main(["--content", str(content), "--dist", str(tmp_path / "dist"), "html"])
    err = capsys.readouterr().err
    assert status == 1 and "refused: it leads outside the content folder" in err
    assert not (tmp_path / "dist" / "study-pack.html").exists()


@pytest.mark.parametrize("place", ["project", "content"])
def test_what_an_override_writes_literally_is_warned_in_either_folder(content: Path,
                                                                      place: str) -> None:
    """The warnings at load read the override folders the renderers read: `<project>/templates`
    and the older `content/templates`."""
    from build_decks.loader import load_content

    folder = (content.parent if place == "project" else content) / "templates" / "html"
    folder.mkdir(parents=True)
    (folder / "pack.html").write_text('<meta http-equiv="refresh" content="0;url=https://t.x/">'
                                      "{{ title }}\n", encoding="utf-8")
    warned = [str(w) for w in load_content(content).warnings]
    assert any(w.startswith(f"{folder / 'pack.html'}:1: <meta http-equiv='refresh'>")
               for w in warned), warned
