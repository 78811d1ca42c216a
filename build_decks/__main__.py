"""`build-decks` and `python -m build_decks`: the command line (cli.py).

A command that writes PDFs starts the PDF workers' server before anything else is imported:
it imports WeasyPrint on another core while the command loads (workers.py says why).
"""

import atexit
import contextlib
import os
import sys
from typing import NoReturn

from build_decks import workers

PDF_COMMANDS = frozenset({"build", "pdf", "watch", "serve"})
VALUED_OPTIONS = frozenset({"--content", "--dist"})  # global options that take a value


def command_of(argv: list[str]) -> str | None:
    """The command named on a command line: its first word that is not an option or an
    option's value (the parser proper comes later, with the rest of the program)."""
    words = iter(argv)
    for word in words:
        if word in VALUED_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main() -> NoReturn:
    if command_of(sys.argv[1:]) in PDF_COMMANDS:
        workers.warm()
    from build_decks.cli import main as run  # imported once the server has started

    end_now(run())


def end_now(code: int) -> NoReturn:
    """End the process as soon as a command has finished: exit handlers run and output is
    flushed, then the process ends without the interpreter's teardown, which frees every
    module and object one by one (0.1 s after a build, on a path that the user waits for)
    where the system reclaims the memory at once. Every file is closed by then: the outputs
    are written and renamed into place before a command returns."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to flush to
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
