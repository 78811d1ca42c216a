"""`build-decks init`: a starter project that builds as it is, and never overwrites a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_decks import cli
from build_decks.loader import load_content


def test_init_writes_a_project_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = tmp_path / "prep"
    assert cli.main(["init", str(project)]) == 0
    assert {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()} >= {
        "config.yaml", "topics.yaml", "sources/example.md", "Makefile", "README.md",
        "decks/example.yaml", "import-lock.json"}
    content = load_content(project)
    assert {c.kind for c in content.cards} == {"qa", "prompt", "cloze"}
    assert not content.warnings
    assert "build-decks --content" in capsys.readouterr().out


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = tmp_path / "prep"
    (project).mkdir()
    (project / "config.yaml").write_text("title: Mine\n", encoding="utf-8")
    assert cli.main(["init", str(project)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert (project / "config.yaml").read_text(encoding="utf-8") == "title: Mine\n"
    assert not (project / "topics.yaml").exists()
