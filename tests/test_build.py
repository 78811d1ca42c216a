"""Whole builds: reproducible bytes, atomic outputs, and Make's view of what is up to date."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import weasyprint
from conftest import ROOT, imported_seeds

from build_decks.atomic import atomic_path
from build_decks.loader import load_content
from build_decks.render import html, pdf
from build_decks.render.options import BuildOptions

EPOCH = "1760000000"


def cli(*args: str, cwd: Path, epoch: str | None = EPOCH) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run([sys.executable, "-m", "build_decks", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def fresh_project(folder: Path) -> Path:
    """The project's content with its decks and locks removed: a build from the sources."""
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.rmtree(folder / "content" / "decks")
    for lock in ("import-lock.json", "anki-lock.json"):
        (folder / "content" / lock).unlink()
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_two_clean_builds_with_source_date_epoch_are_byte_identical(tmp_path: Path) -> None:
    """The first in two steps, the second as `make all` does it: `build --import`, one process."""
    builds = []
    for name, commands in (("one", (["import"], ["build"])), ("two", (["build", "--import"],))):
        project = fresh_project(tmp_path / name)
        for command in commands:
            result = cli(*command, cwd=project)
            assert result.returncode == 0, result.stderr
        builds.append(project)
    first, second = (tree(b / "content") | tree(b / "dist") for b in builds)
    assert sorted(first) == sorted(second)
    sources = len(list((ROOT / "content" / "sources").iterdir()))
    assert len([k for k in first if k.startswith("decks/")]) == sources
    assert {k for k in first if not k.startswith(("decks/", "sources/"))} >= {
        "mlops-interview-prep.apkg", "study-pack.html", "cheatsheet.pdf", "flashcards.pdf",
        "worksheet.pdf", "anki-lock.json", "import-lock.json"}
    differing = [k for k in first if first[k] != second[k]]
    assert differing == []


def test_failed_write_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half a")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


@pytest.mark.parametrize(("document", "writer"), [
    ("worksheet", (weasyprint.Document, "write_pdf")),  # WeasyPrint writes the parts
    ("cheatsheet", (pikepdf.Pdf, "save")),  # pikepdf puts them on paper
    ("flashcards", (Path, "write_bytes")),  # Python writes the file
])
def test_renderer_failing_mid_write_keeps_the_old_pdf(document: str, writer: tuple,
                                                      tmp_path: Path, monkeypatch) -> None:
    root = imported_seeds()
    content = load_content(root)
    old = pdf.build(content, BuildOptions(tmp_path, root, int(EPOCH)),
                    documents=(document,)).paths[0]
    options = BuildOptions(tmp_path, root, int(EPOCH), reproducible=True)  # laid out again
    before = old.read_bytes()
    real = getattr(*writer)

    def broken_write(self, target=None, *args, **kwargs):
        if isinstance(self, Path) and self.parent != tmp_path:
            return real(self, target, *args, **kwargs)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(*writer, broken_write)
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # laid out here, where the patch is
    with pytest.raises(OSError, match="No space left"):
        pdf.build(content, options, documents=(document,))
    assert old.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [old.name]


def test_invalid_content_fails_the_build_and_keeps_outputs(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(imported_seeds(), project / "content")
    assert cli("html", cwd=project).returncode == 0
    pack = project / "dist" / html.FILE_NAME
    before = pack.read_bytes()
    deck = project / "content" / "decks" / "readiness.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("kind: qa", "kind: quiz", 1))
    result = cli("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: content/decks/readiness.yaml:9: card 'readiness-3-advantages-deploying-using-"
        "model': `kind` must be one of qa, term, prompt, cloze (got 'quiz')",
        "1 error; nothing was written"]
    assert pack.read_bytes() == before


def make(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # -o: never bootstrap from the copy, which would point the shared .venv's editable install
    # at a temporary folder
    return subprocess.run(["make", "-o", ".venv/.bootstrapped", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


@pytest.mark.skipif(not (ROOT / ".venv" / ".bootstrapped").exists(),
                    reason="needs the bootstrapped .venv (make test provides it)")
def test_make_rebuilds_only_what_changed(tmp_path: Path) -> None:
    project = tmp_path / "project"
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    for name in files:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, project / name)  # keep times: older than the venv's stamp
    (project / ".venv").symlink_to(ROOT / ".venv")
    first = make("all", cwd=project)
    assert first.returncode == 0, first.stderr
    assert "build_decks build --import" in first.stdout

    assert make("-q", "all", cwd=project).returncode == 0  # up to date: nothing to do
    assert "Nothing to be done" in make("-n", "all", cwd=project).stdout

    os.utime(next((project / "content" / "decks").glob("*.yaml")))
    dry = make("-n", "all", cwd=project).stdout
    assert "build_decks build --no-import" in dry  # a deck: no import

    os.utime(next((project / "content" / "sources").iterdir()))
    dry = make("-n", "all", cwd=project).stdout
    assert "build_decks build --import" in dry  # a source: import first
