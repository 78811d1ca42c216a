"""The PDF workers: forked by a server that imported WeasyPrint, so that a build never waits
for WeasyPrint's import itself. Real processes throughout."""

from __future__ import annotations

import operator
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import imported_seeds

from build_decks import workers
from build_decks.__main__ import command_of

several_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")


@several_cores
def test_a_job_runs_in_a_worker_and_its_error_comes_back() -> None:
    pool = workers.Workers(2)
    try:
        assert pool.submit(operator.mul, 6, 7).result(timeout=120) == 42
        with pytest.raises(ZeroDivisionError):
            pool.submit(operator.truediv, 1, 0).result(timeout=120)
        assert pool.submit(os.getpid).result(timeout=120) != os.getpid()
    finally:
        pool.stop()


@several_cores
def test_stopping_at_once_ends_every_worker() -> None:
    pool = workers.Workers(2)
    pids = {pool.submit(os.getpid).result(timeout=120) for _ in range(4)}
    pool.stop(at_once=True)
    for pid in pids:
        state = Path(f"/proc/{pid}/stat")
        assert not state.exists() or state.read_text().rsplit(")", 1)[1].split()[0] == "Z"


@several_cores
def test_a_build_lays_out_its_pdfs_without_importing_weasyprint(tmp_path: Path) -> None:
    shutil.copytree(imported_seeds(), tmp_path / "content")
    script = ("import sys; from build_decks.cli import main; code = main(['pdf', '-q']); "
              "print('weasyprint' in sys.modules); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"]
    assert sorted(p.name for p in (tmp_path / "dist").glob("*.pdf")) == [
        "cheatsheet.pdf", "flashcards.pdf", "worksheet.pdf"]


@pytest.mark.parametrize(("argv", "command"), [
    (["build"], "build"), (["--content", "notes", "pdf", "--paper", "letter"], "pdf"),
    (["-q", "--dist=out", "watch"], "watch"), (["--dist"], None), ([], None),
    (["check"], "check"),
])
def test_the_command_is_found_before_the_parser_loads(argv: list[str], command: str | None,
                                                      ) -> None:
    """Which command a line names, so that one writing PDFs starts the server first."""
    assert command_of(argv) == command


def test_the_workers_server_imports_only_what_a_layout_needs() -> None:
    """Every job waits for the server: the templates, Markdown and the loader stay out of it
    (a sheet laid out again after fitting imports them in its worker)."""
    heavy = ("build_decks.render.env", "build_decks.render.flashcards", "build_decks.loader",
             "markdown", "jinja2", "markdown_it")
    script = (f"import sys, build_decks.render.server\n"
              f"print([m for m in {heavy!r} if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
