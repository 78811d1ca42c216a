"""`build-decks init DIR` writes a project shaped like this repository, checks everything before
writing anything, never replaces a file and never leaves half a project behind. The project
it writes builds from inside, with no option, and can be emptied of its example."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from anki_import import fresh_collection, import_package

from build_decks import cli, starter

STARTER = {"content/config.yaml", "content/topics.yaml", "content/sources/example.md",
           "templates/README.md", "Makefile", "README.md", ".gitignore"}
EXAMPLE_QUESTION = "What is the F1 score?"
NOTE = """# Kafka notes

## What is a consumer group?

Consumers sharing a group id split the partitions of a topic between them.
"""


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_init_writes_a_project_shaped_like_this_repository(tmp_path: Path) -> None:
    project = tmp_path / "prep"
    assert cli.main(["init", str(project)]) == 0
    assert files_in(project) == STARTER
    assert (project / ".gitignore").read_text(encoding="utf-8").split() == ["dist/", "build/"]
    config = (project / "content" / "config.yaml").read_text(encoding="utf-8")
    assert not [line for line in config.splitlines() if line.startswith("sources:")]
    overridable = (project / "templates" / "README.md").read_text(encoding="utf-8")
    assert "`anki/card.css.j2`" in overridable and "`html/pack.js`" in overridable


def test_init_checks_everything_before_writing_anything(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture) -> None:
    project = tmp_path / "prep"
    (project / "content").mkdir(parents=True)
    (project / "content" / "config.yaml").write_text("title: Mine\n", encoding="utf-8")
    (project / "README.md").symlink_to(tmp_path / "nowhere")  # a dangling link is taken too
    (project / "templates").write_text("a file where a folder goes\n", encoding="utf-8")
    before = files_in(project)
    assert cli.main(["init", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"{project}/content/config.yaml: exists already" in err
    assert f"{project}/README.md: exists already" in err
    assert f"{project}/templates: is in the way" in err
    assert "nothing was written" in err and "Traceback" not in err
    assert files_in(project) == before
    assert (project / "content" / "config.yaml").read_text(encoding="utf-8") == "title: Mine\n"


def test_init_into_a_folder_of_other_files_keeps_them(tmp_path: Path) -> None:
    project = tmp_path / "notes"
    project.mkdir()
    (project / "todo.txt").write_text("mine\n", encoding="utf-8")
    assert cli.main(["init", str(project)]) == 0
    assert files_in(project) == STARTER | {"todo.txt"}


def test_init_never_half_writes_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture) -> None:
    """The disk fills up at the fourth file: the three before it go again, and the folders."""
    project = tmp_path / "prep"
    opened = []
    real_open = os.open

    def filling(path, flags, mode=0o777):  # type: ignore[no-untyped-def]
        opened.append(path)
        if len(opened) == 4:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, flags, mode)
    monkeypatch.setattr(starter.os, "open", filling)
    assert cli.main(["init", str(project)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert not project.exists()


def build_decks(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "build_decks", *args], cwd=cwd,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def outputs_text(dist: Path, tmp_path: Path) -> dict[str, str]:
    """What each output shows: the pack's page, each PDF's text, the notes Anki imports."""
    shown = {"study-pack.html": (dist / "study-pack.html").read_text(encoding="utf-8")}
    for pdf in dist.glob("*.pdf"):
        shown[pdf.name] = " ".join(" ".join((page.extract_text() or "").split())
                                   for page in pypdf.PdfReader(pdf).pages)
    package = next(dist.glob("*.apkg"))
    collection = fresh_collection(tmp_path / f"anki-{len(list(tmp_path.iterdir()))}")
    try:
        import_package(collection, package)
        shown[package.name] = " ".join(" ".join(collection.get_note(n).fields)
                                       for n in collection.find_notes(""))
    finally:
        collection.close()
    return shown


@pytest.fixture(scope="module")
def emptied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """Issue 18's walk: `init p`, `cd p`, `build-decks build`; delete the example, add a note,
    build again. The outputs of both builds."""
    here = tmp_path_factory.mktemp("fresh")
    build_decks("init", "p", cwd=here)
    project = here / "p"
    build_decks("build", cwd=project)
    assert not (here / "dist").exists()  # into the project, not where init ran
    first = outputs_text(project / "dist", here)
    (project / "content" / "sources" / "example.md").unlink()
    (project / "content" / "sources" / "Kafka notes.md").write_text(NOTE, encoding="utf-8")
    build_decks("build", cwd=project / "content")  # from a folder inside: the same project
    return project, first, outputs_text(project / "dist", here)


def test_a_fresh_project_builds_from_inside_with_no_option(emptied) -> None:  # type: ignore[no-untyped-def]
    _, first, _ = emptied
    assert set(first) == {"study-pack.html", "cheatsheet.pdf", "flashcards.pdf",
                          "worksheet.pdf", "my-interview-prep.apkg"}
    assert all(EXAMPLE_QUESTION in text for text in first.values()), first.keys()


def test_a_note_added_after_the_example_left_is_in_every_output(emptied) -> None:  # type: ignore[no-untyped-def]
    _, _, second = emptied
    missing = [name for name, text in second.items() if "consumer group" not in text]
    assert not missing


def test_the_example_deck_is_gone_once_its_source_is(emptied) -> None:  # type: ignore[no-untyped-def]
    """Gone from every output; the package sends its notes once more, tagged removed (Anki
    deletes no note on import: tests/test_removed_cards.py)."""
    _, _, second = emptied
    assert not [name for name, text in second.items()
                if EXAMPLE_QUESTION in text and not name.endswith(".apkg")]


def test_the_starters_make_builds_it(emptied) -> None:  # type: ignore[no-untyped-def]
    project, _, _ = emptied
    for built in (project / "dist").iterdir():
        built.unlink()
    command = f"{sys.executable} -m build_decks"
    result = subprocess.run(["make", f"BUILD_DECKS={command}"], cwd=project,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {p.name for p in (project / "dist").iterdir()} == {
        "study-pack.html", "cheatsheet.pdf", "flashcards.pdf", "worksheet.pdf",
        "my-interview-prep.apkg", "my-interview-prep.txt", "my-interview-prep.csv"}
