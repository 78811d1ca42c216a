"""The project's small exception tree.

Every problem with user input is a ContentError that names a file and a line, so the CLI
can print one readable line per problem and exit non-zero.
"""

from __future__ import annotations

from pathlib import Path


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
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
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
