"""What users of command-line tools expect: shell completion generated from the parser (checked
in a real bash), progress on stderr only on a terminal and never under CI, no colour with
NO_COLOR (https://no-color.org)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

# The CLI with progress shown at once (it waits progress.DELAY seconds otherwise).
PROMPT_PROGRESS = ("import sys; from build_decks import cli, progress; progress.DELAY = 0; "
                   "sys.exit(cli.main(sys.argv[1:]))")
GREEN, RED = "\033[32m", "\033[31m"


def completion(shell: str) -> str:
    result = subprocess.run([sys.executable, "-m", "build_decks", "completion", shell],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bash_completes_command_names_and_choices(tmp_path: Path) -> None:
    script = tmp_path / "build-decks.bash"
    script.write_text(completion("bash"), encoding="utf-8")
    words = {"build-decks ch": "check", "build-decks comp": "completion",
             "build-decks pdf --paper ": "a4 letter", "build-decks completion f": "fish"}
    for line, expected in words.items():
        parts = line.split(" ")
        program = (f"source {script}\n"
                   "function=$(complete -p build-decks | sed -E 's/.* -F ([^ ]+) .*/\\1/')\n"
                   f"COMP_WORDS=({' '.join(repr(p) for p in parts)}); "
                   f"COMP_CWORD={len(parts) - 1}; COMP_LINE={line!r}; COMP_POINT={len(line)}\n"
                   '"$function" build-decks "${COMP_WORDS[COMP_CWORD]}"\n'
                   'echo "${COMPREPLY[*]}"\n')
        result = subprocess.run(["bash", "--norc", "--noprofile"], input=program,
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == expected.split(), (line, result.stdout, result.stderr)


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_know_every_command(shell: str) -> None:
    from build_decks import cli

    script = completion(shell)
    assert "build-decks" in script
    assert all(name in script for name in cli.COMMANDS)


def on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the CLI with stderr on a pseudo-terminal; what the terminal showed."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 wide
    process = subprocess.Popen([sys.executable, "-c", PROMPT_PROGRESS, *args],
                               stdout=subprocess.DEVNULL, stderr=terminal, env=env)
    os.close(terminal)
    shown = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=60)
    os.close(controller)
    return shown.decode("utf-8", "replace")


def environment(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    return env | changes


@pytest.fixture
def unreadable(fixture_content: Path) -> Path:
    """Five sources to import, one of them not a document: progress, and an error line."""
    (fixture_content / "sources" / "blog_variants.txt").write_text("plain words only\n")
    return fixture_content


def test_progress_shows_on_a_terminal_in_colour(unreadable: Path) -> None:
    shown = on_a_terminal(["--content", str(unreadable), "import"], environment())
    assert "importing" in shown and "/5 [" in shown
    assert GREEN in shown and f"{RED}error:" in shown


def test_no_colour_with_no_color(unreadable: Path) -> None:
    shown = on_a_terminal(["--content", str(unreadable), "import"], environment(NO_COLOR="1"))
    assert "importing" in shown and "\nerror: " in shown.replace("\r", "")
    assert GREEN not in shown and RED not in shown


def test_no_progress_under_ci(unreadable: Path) -> None:
    shown = on_a_terminal(["--content", str(unreadable), "import"], environment(CI="true"))
    assert "importing" not in shown and "error:" in shown


def test_no_progress_when_piped(unreadable: Path) -> None:
    result = subprocess.run([sys.executable, "-c", PROMPT_PROGRESS, "--content",
                             str(unreadable), "import"], capture_output=True, text=True,
                            env=environment(), check=False)
    assert result.returncode == 1
    assert "importing" not in result.stderr and "\033[" not in result.stderr
    assert "error: " in result.stderr


def test_a_message_is_one_line_whatever_the_content_carries(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A lock's value, an image address or a file name in a message cannot forge a line or
    send a terminal escape."""
    from build_decks.console import Console

    console = Console()
    console.say("deck 'x': its source sources/gone\x1b[31mRED\nerror: forged.md is gone")
    console.warn("image 'https://e.org/\x1b[2J.png' is remote")
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 2 and "\x1b" not in err
    assert "\\x1b[31mRED\\nerror: forged.md" in err


def test_quiet_keeps_the_errors_of_a_running_command(capsys: pytest.CaptureFixture[str]) -> None:
    from build_decks.console import Console

    console = Console(quiet=True)
    for line in ("rebuilt 5 files in 0.40 s", "error: decks/x.yaml:2: invalid YAML; outputs "
                 "unchanged", "internal error: ValueError: x; outputs unchanged"):
        console.report(line)
    assert capsys.readouterr().err.splitlines() == [
        "error: decks/x.yaml:2: invalid YAML; outputs unchanged",
        "internal error: ValueError: x; outputs unchanged"]
