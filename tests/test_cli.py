"""The command line: one readable line per error, non-zero exit, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_decks", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def test_check_prints_counts(fixture_content: Path) -> None:
    result = run("--content", str(fixture_content), "check")
    assert result.returncode == 0, result.stderr
    assert "19 cards" in result.stdout and "prompts (questions without a reference answer): 7" \
        in result.stdout


def test_invalid_content_gives_one_line_per_error_and_exit_1(fixture_content: Path) -> None:
    (fixture_content / "decks" / "qa.yaml").write_text(
        (FIXTURES / "bad_deck.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("--content", str(fixture_content), "check")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 11 and lines[-1] == "10 error(s); nothing was written"
    assert all(line.startswith(f"error: {fixture_content}/decks/qa.yaml:") for line in lines[:-1])
    assert "Traceback" not in result.stderr


def test_unreadable_source_names_the_file_and_the_others_still_import(
        fixture_content: Path) -> None:
    (fixture_content / "sources" / "blog_variants.txt").write_text("plain words only\n")
    qa = fixture_content / "sources" / "qa_variants.txt"
    qa.write_bytes(qa.read_bytes() + b"\r\nQ: What is a canary?\r\nA: A small rollout.")
    before = (fixture_content / "decks" / "blog.yaml").read_bytes()
    result = run("--content", str(fixture_content), "import")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {fixture_content}/sources/blog_variants.txt:1: found no question, term or prompt"
        " in this document (1 passages left out; `import -v` lists them)",
        "1 source(s) could not be read; the others were imported"]
    assert (fixture_content / "decks" / "blog.yaml").read_bytes() == before
    assert "What is a canary?" in (fixture_content / "decks" / "qa.yaml").read_text()
    assert "Traceback" not in result.stderr


def test_import_reports_what_it_left_out(fixture_content: Path) -> None:
    result = run("--content", str(fixture_content), "import", "--verbose")
    assert result.returncode == 0
    assert "sources/blog_variants.txt:26: dropped: advert line: 'Subscribe to our newsletter'" \
        in result.stdout
    assert "wrote 0 files" in result.stdout


def test_the_command_line_starts_without_the_ankiconnect_client() -> None:
    """`push`'s options come from push_options; the client (urllib.request, http.client) is
    imported by `push` alone."""
    code = ("import sys, build_decks.cli as cli; cli.parser().parse_args(['push', '--dry-run']); "
            "print(sorted(m for m in ('build_decks.ankiconnect', 'urllib.request', "
            "'http.client') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]", result.stdout
