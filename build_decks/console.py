"""What the command line says to people, in one place: data on stdout, messages on stderr.

`-q` keeps only warnings and errors, `-v` adds the details; every warning (a missing image, a
formula shown as code, a near-duplicate question, a flashcard that does not fit) goes
through `warn` or `counted`, which count them, so that `--strict` can fail the command on
them. Colour only on a terminal, and never with NO_COLOR set (https://no-color.org).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

from build_decks.errors import shown

RED, YELLOW, RESET = "\033[31m", "\033[33m", "\033[0m"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 card`, `2 cards`, `1 passage left out` is the caller's: `plural(n, "passage")`."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def one_line(text: str) -> str:
    """A message as one line, whatever text it carries (a file name, a lock's value, an image
    address): a newline or a control character is written as an escape, so nothing in the
    content can break a line or forge one (`error: ...`), or send a terminal escape."""
    return shown(text)


def wants_colour(stream: TextIO) -> bool:
    return (stream.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")


@dataclass
class Console:
    quiet: bool = False
    verbose: bool = False
    strict: bool = False
    warnings: int = 0

    def say(self, text: str) -> None:
        """A message: what was done."""
        if not self.quiet:
            print(one_line(text), file=sys.stderr)

    def always(self, text: str) -> None:
        """A message even `-q` shows: what the user needs to go on (a server's address)."""
        print(one_line(text), file=sys.stderr)

    def report(self, text: str) -> None:
        """A line of a command that keeps running (`watch`, `serve`): its errors even under
        `-q`, the rest as messages."""
        if text.startswith(("error:", "internal error")):
            self.always(text)
        else:
            self.say(text)

    def detail(self, text: str) -> None:
        """What `-v` adds."""
        if self.verbose and not self.quiet:
            print(one_line(text), file=sys.stderr)

    def data(self, text: str) -> None:
        """What the command is asked for (a report, a script): stdout, even under `-q`."""
        print(text)

    def warn(self, text: str) -> None:
        self.warnings += 1
        print(self._label("warning", YELLOW) + one_line(text), file=sys.stderr)

    def counted(self, count: int) -> None:
        """Warnings a report has shown already (near-duplicates in `check`)."""
        self.warnings += count

    def error(self, text: str) -> None:
        print(self._label("error", RED) + one_line(text), file=sys.stderr)

    def status(self, status: int) -> int:
        """The exit code: under `--strict`, warnings make a success a failure."""
        if self.strict and self.warnings and status == 0:
            self.error(f"{plural(self.warnings, 'warning')}, and --strict makes warnings fail")
            return 1
        return status

    @staticmethod
    def _label(word: str, colour: str) -> str:
        return f"{colour}{word}:{RESET} " if wants_colour(sys.stderr) else f"{word}: "
