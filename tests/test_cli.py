"""The command line: one readable line per error, non-zero exit, nothing half-written."""

from __future__ import annotations

import argparse
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from conftest import FIXTURES

from build_decks import cli


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
    assert len(lines) == 11 and lines[-1] == "10 errors; nothing was written"
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
    lines = result.stderr.splitlines()
    assert lines[-2:] == [
        f"error: {fixture_content}/sources/blog_variants.txt:1: found no question, term or prompt"
        " in this document (1 passage left out; `import -v` lists them)",
        "1 source could not be read; the others were imported"]
    assert lines[-3].startswith("imported 18 cards from 4 sources: 3 decks up to date, 1 written;")
    assert (fixture_content / "decks" / "blog.yaml").read_bytes() == before
    assert "What is a canary?" in (fixture_content / "decks" / "qa.yaml").read_text()
    assert "Traceback" not in result.stderr


def test_import_says_what_changed_and_lists_what_it_left_out_under_v(
        fixture_content: Path) -> None:
    plain = run("--content", str(fixture_content), "import")
    assert plain.returncode == 0 and not plain.stdout  # messages go to stderr
    assert plain.stderr.splitlines()[-1] == (
        "imported 19 cards from 5 sources: 5 decks up to date; 13 passages of recognised "
        "boilerplate left out (`build-decks import -v` lists them)")
    verbose = run("--content", str(fixture_content), "import", "-v")
    assert verbose.returncode == 0
    assert ("sources/blog_variants.txt:26: dropped: advert line: 'Subscribe to our newsletter'"
            in verbose.stderr)
    assert verbose.stderr.splitlines()[-1] == "imported 19 cards from 5 sources: 5 decks up to date"
    assert "--verbose" not in verbose.stderr and "-v` lists" not in verbose.stderr
    quiet = run("--content", str(fixture_content), "import", "-q")
    assert quiet.returncode == 0 and not quiet.stderr and not quiet.stdout


def test_options_may_follow_the_command(qa_content: Path, tmp_path: Path) -> None:
    result = run("html", "--content", str(qa_content), "--dist", str(tmp_path / "X"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "X" / "study-pack.html").is_file()
    assert result.stderr.strip() == f"wrote 1 file to {tmp_path / 'X'}/: study-pack.html"


def test_a_command_finds_its_project_from_a_folder_inside_it(qa_content: Path) -> None:
    """The dist/ of the project, not of the current folder."""
    result = run("html", cwd=qa_content / "sources")
    assert result.returncode == 0, result.stderr
    assert (qa_content.parent / "dist" / "study-pack.html").is_file()
    assert not (qa_content / "sources" / "dist").exists()


def test_outside_any_project_the_error_says_how_to_start_one(tmp_path: Path) -> None:
    result = run("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {tmp_path}: no build_decks project here")
    assert "build-decks init DIR" in result.stderr and "--content" in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"build-decks {version('build_decks')}"


def test_the_command_line_starts_without_the_ankiconnect_client() -> None:
    """`push`'s options come from push_options; the client (urllib.request, http.client) is
    imported by `push` alone."""
    code = ("import sys, build_decks.cli as cli; cli.parser().parse_args(['push', '--dry-run']); "
            "print(sorted(m for m in ('build_decks.ankiconnect', 'urllib.request', "
            "'http.client') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_every_option_of_every_command_says_what_it_does() -> None:
    top = cli.parser()
    commands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == set(cli.COMMANDS)
    for name, command in commands.choices.items():
        for action in command._actions:
            if action.help != argparse.SUPPRESS:
                assert action.help, f"{name} {action.option_strings or action.dest}"
    pdf_help = run("pdf", "--help").stdout
    assert "--paper {a4,letter}" in pdf_help and "paper size" in pdf_help


def test_a_closed_pipe_ends_quietly(fixture_content: Path) -> None:
    result = subprocess.run(["bash", "-o", "pipefail", "-c",
                             f"{sys.executable} -m build_decks --content {fixture_content} check"
                             " | head -n 1"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "19 cards\n" and result.stderr == ""


def test_strict_makes_warnings_fail(qa_content: Path, tmp_path: Path) -> None:
    deck = qa_content / "decks" / "qa.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace(
        "answer: ", "answer: The ratio $\\frac{a$ and ", 1), encoding="utf-8")
    dist = ["--content", str(qa_content), "--dist", str(tmp_path / "dist")]
    easy = run(*dist, "html")
    assert easy.returncode == 0 and "warning: " in easy.stderr
    strict = run(*dist, "html", "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == (
        "error: 1 warning, and --strict makes warnings fail")
    assert run(*dist, "check", "--strict").returncode == 1


def test_strict_passes_clean_content(qa_content: Path, tmp_path: Path) -> None:
    result = run("--strict", "--content", str(qa_content), "--dist", str(tmp_path / "d"), "anki")
    assert result.returncode == 0, result.stderr


def test_a_project_of_the_older_shape_still_builds(tmp_path: Path) -> None:
    """What `init` wrote before: config.yaml, topics.yaml and sources/ in the folder itself."""
    old = tmp_path / "my-prep"
    (old / "sources").mkdir(parents=True)
    (old / "config.yaml").write_text("title: Old\n", encoding="utf-8")
    (old / "topics.yaml").write_text("default: g\ntopics:\n  - id: g\n    title: G\n",
                                     encoding="utf-8")
    (old / "sources" / "qa.txt").write_text((FIXTURES / "sources" / "qa_variants.txt").read_text(
        encoding="utf-8"), encoding="utf-8")
    result = run("build", "--import", cwd=old / "sources")  # what its Makefile passes
    assert result.returncode == 0, result.stderr
    assert (old / "dist" / "study-pack.html").is_file() and (old / "decks" / "qa.yaml").is_file()


def test_a_finished_command_ends_with_its_handlers_run_and_its_output_flushed() -> None:
    script = ("import atexit, sys\nfrom build_decks.__main__ import end_now\n"
              "atexit.register(lambda: print('handler ran'))\n"
              "sys.stdout.write('unflushed, '); sys.stderr.write('error text')\nend_now(3)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False)
    assert (result.returncode, result.stdout, result.stderr) == (
        3, "unflushed, handler ran\n", "error text")


def test_a_file_no_reader_takes_is_reported_not_skipped_in_silence(
        fixture_content: Path) -> None:
    """A `.pdf` or `.xlsx` dropped into sources/ is named in the import's output; a Markdown
    note's images and hidden files are not documents, and the other sources still import."""
    sources = fixture_content / "sources"
    (sources / "slides.pdf").write_bytes(b"%PDF-1.4\n")
    (sources / "images").mkdir()
    (sources / "images" / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (sources / ".DS_Store").write_bytes(b"\0")
    result = run("--content", str(fixture_content), "import")
    assert result.returncode == 0, result.stderr
    unread = [line for line in result.stderr.splitlines() if ": not-read: " in line]
    assert len(unread) == 1 and unread[0].startswith(
        "warning: sources/slides.pdf: not-read: no reader takes this kind of file; the readers "
        "take .md, .markdown") and ".csv" in unread[0] and ".xlsx" in unread[0]
    assert result.stderr.splitlines()[-1].startswith("imported 19 cards from 5 sources")
    strict = run("--content", str(fixture_content), "import", "--strict")
    assert strict.returncode == 1


def test_a_document_with_no_card_lists_what_was_left_out(fixture_content: Path) -> None:
    """The error says how many passages were left out and that `import -v` lists them: it
    does, and the normal output lists those that are not recognised boilerplate, as it does
    for any source."""
    (fixture_content / "sources" / "blog_variants.txt").write_text(
        "# My notes\n\nSome plain words about pipelines.\n\n## Deployment\n\n"
        "Canary rollouts are safer.\n\n## Contact\n\nMail me.\n")
    plain = run("--content", str(fixture_content), "import")
    assert plain.returncode == 1
    assert plain.stderr.splitlines()[-2].endswith(
        "found no question, term or prompt in this document (6 passages left out; "
        "`import -v` lists them)")
    listed = [line for line in plain.stderr.splitlines()
              if line.startswith("sources/blog_variants.txt:")]
    assert "sources/blog_variants.txt:7: dropped: outside any question (line 7): 'Canary " \
        "rollouts are safer.'" in listed
    verbose = run("--content", str(fixture_content), "import", "-v")
    shown = [line for line in verbose.stderr.splitlines()
             if line.startswith("sources/blog_variants.txt:")]
    assert len(shown) > len(listed) and any("'# My notes'" in line for line in shown)
