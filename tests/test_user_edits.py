"""The committed content/decks/*.yaml are user data: the README invites hand edits. A copy of
the project whose decks lost a card each and had an answer rewritten must still pass the
tests that read the project's content (the others use fixtures or a fresh import of the
sources, see conftest.imported_seeds)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

# The test modules that read the project's own content folder (its decks, locks or sources).
READERS_OF_CONTENT = ["tests/test_seeds.py", "tests/test_build.py", "tests/test_new_document.py"]


def _copy_of_the_project(folder: Path) -> Path:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes((ROOT / name).read_bytes())
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)  # tests list files with git
    (folder / ".venv").symlink_to(ROOT / ".venv")
    return folder


def _edit_like_a_user(content: Path) -> None:
    for deck in sorted((content / "decks").glob("*.yaml")):
        data = yaml.safe_load(deck.read_text(encoding="utf-8"))
        del data["cards"][0]
        answered = next((c for c in data["cards"] if c.get("answer")), None)
        if answered:
            answered["answer"] = "My own answer, in **my** words."
            answered["notes"] = "Asked at my last interview."
        deck.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")


@pytest.mark.skipif(not (ROOT / ".venv" / ".bootstrapped").exists(),
                    reason="needs the bootstrapped .venv (make test provides it)")
def test_tests_pass_after_a_user_edits_and_deletes_cards(tmp_path: Path) -> None:
    project = _copy_of_the_project(tmp_path / "project")
    _edit_like_a_user(project / "content")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                             *READERS_OF_CONTENT], cwd=project, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
