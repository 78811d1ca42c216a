"""The toolkit outside this repository: a wheel built from the project, installed (not
editable) into a fresh virtualenv outside the repo, runs `init`, takes a new document and
builds every output, templates found inside the installed package."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from conftest import ROOT

DOCUMENT = """# Kafka notes

## What is a consumer group?

Consumers sharing a group id split the partitions of a topic between them.

## What is an offset?

The position of a record in a partition.
"""


def test_the_builtin_templates_have_one_home_at_the_top() -> None:
    """`templates/` beside `build_decks/` in the repository, no second copy inside the package
    and no link: the wheel maps the folder in when it is built (setup.py)."""
    assert (ROOT / "templates" / "html" / "pack.html").is_file()
    assert not (ROOT / "templates").is_symlink()
    assert not (ROOT / "build_decks" / "templates").exists()


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _wheel(tmp_path: Path) -> Path:
    """Built from a copy of the project, so the build leaves nothing in the repository."""
    source = tmp_path / "source"
    anywhere = shutil.ignore_patterns(".venv", ".git", "*.egg-info", "__pycache__", ".*_cache")

    def ignored(folder: str, names: list[str]) -> set[str]:  # the starter has a content/ too
        top = {"dist", "build", "content"} if Path(folder) == ROOT else set()
        return set(anywhere(folder, names)) | (top & set(names))
    shutil.copytree(ROOT, source, ignore=ignored)
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "-w", str(tmp_path / "wheels"), str(source)], tmp_path)
    return next((tmp_path / "wheels").glob("build_decks-*.whl"))


def _fresh_venv(folder: Path) -> Path:
    """A new virtualenv. Its dependencies come from the bootstrapped .venv through a .pth line
    (the packages only: that folder's own .pth files, the editable build_decks among them, are
    not run), so the test needs no network; build_decks itself comes from the wheel."""
    venv.EnvBuilder(with_pip=True).create(folder)
    python = folder / "bin" / "python"
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                folder).stdout.strip()
    (Path(site) / "bootstrapped-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def test_a_wheel_installed_elsewhere_runs_every_command(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    python = _fresh_venv(outside / "venv")
    _run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], outside)
    where = _run([str(python), "-c", "import build_decks; print(build_decks.__file__)"],
                 outside).stdout
    assert where.startswith(str(outside / "venv"))  # the installed copy, not the repository
    found = _run([str(python), "-c", "from build_decks.render.env import builtin_templates; "
                  "print(builtin_templates())"], outside).stdout.strip()
    assert Path(found) == Path(where).parent / "templates"  # mapped into the package
    assert (Path(found) / "anki" / "card.css.j2").is_file()

    cli = str(outside / "venv" / "bin" / "build-decks")
    _run([cli, "init", "notes"], outside)
    project = outside / "notes"
    assert (project / "templates" / "README.md").is_file()
    (project / "content" / "sources" / "Kafka Notes.md").write_text(DOCUMENT, encoding="utf-8")
    _run(["make", "-C", str(project), f"BUILD_DECKS={cli}"], outside)
    built = sorted(p.name for p in (project / "dist").iterdir())
    assert built == ["cheatsheet.pdf", "flashcards.pdf", "my-interview-prep.apkg",
                     "my-interview-prep.csv", "my-interview-prep.txt", "study-pack.html",
                     "worksheet.pdf"]
    pack = (project / "dist" / "study-pack.html").read_text(encoding="utf-8")
    assert "consumer group" in pack and "F1 score" in pack
    assert (project / "content" / "decks" / "kafka-notes.yaml").exists()
    report = _run([cli, "check"], project / "content" / "sources").stdout  # found from inside
    assert "cards" in report
    assert _run([cli, "--version"], outside).stdout.startswith("build-decks ")
