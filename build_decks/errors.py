"""The project's small exception tree.

Every problem with user input is a ContentError that names a file and a line, so the CLI
can print one readable line per problem and exit non-zero.
"""

from __future__ import annotations

from pathlib import Path


def shown(path: Path | str) -> str:
    """A file name as messages show it: on one line, whatever bytes it holds. A newline, a
    control character or a byte that is not UTF-8 (Python keeps it as a lone surrogate) is
    written as a backslash escape, so no file name can break or forge a line of output."""
    text = str(path)
    return text if text.isprintable() else "".join(map(_escaped, text))


def _escaped(char: str) -> str:
    if char.isprintable():
        return char
    if 0xDC80 <= ord(char) <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


class BuildDecksError(Exception):
    """Base class of every error the CLI reports without a traceback."""


class ContentError(BuildDecksError):
    """A problem in a source document, a YAML file or the config, at a known place."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{shown(self.path)}:{self.line}" if self.line else shown(self.path)
        return f"{where}: {self.message}"

    def __reduce__(self) -> tuple:  # picklable: warnings travel with the content to workers
        return type(self), (self.path, self.line, self.message)


class ContentErrors(BuildDecksError):
    """Several ContentErrors found in one pass (validation reports all of them at once)."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class RenderError(BuildDecksError):
    """A renderer could not produce a correct output (for example duplicate GUIDs)."""
