"""Machine-written state files (content/*-lock.json): JSON, one entry per line.

JSON because they grow with the content (10,000 cards are 10,000 entries) and json parses them
an order of magnitude faster than YAML; one entry per line so that a commit's diff shows which
cards changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_decks.atomic import Staged, stage_if_changed
from build_decks.canonical import readable_json
from build_decks.errors import ContentError
from build_decks.reading import read_bytes

ABOUT = "_about"
MAX_LOCK_BYTES = 200_000_000  # 10,000 notes with their fields are about 40 MB


def _line(key: str, value: object, indent: str) -> str:
    return f"{indent}{json.dumps(key)}: {readable_json(value)}"


# (key, fingerprint) -> the entry's line: in a warm process (`watch`) an entry whose
# fingerprint did not change is not encoded again
_LINES: dict[tuple[str, str], str] = {}


def dumps(data: dict, about: str, fingerprint: Callable[[dict], str] | None = None) -> str:
    """Top-level keys in order; a mapping of mappings is written one inner entry per line.
    With `fingerprint` every value is an entry, written on one line, and `fingerprint(entry)`
    tells when its JSON is the same as last time."""
    parts = [_line(ABOUT, about, " ")]
    for key, value in data.items():
        if fingerprint is not None and isinstance(value, dict):  # an entry: one line
            memo = (key, fingerprint(value))
            if (line := _LINES.get(memo)) is None:
                line = _LINES[memo] = _line(key, value, " ")
            parts.append(line)
        elif isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()):
            inner = ",\n".join(_line(k, v, "  ") for k, v in value.items())
            parts.append(f" {json.dumps(key)}: {{\n{inner}\n }}")
        else:
            parts.append(_line(key, value, " "))
    return "{\n" + ",\n".join(parts) + "\n}\n"


ADVICE = "delete it to start over (hand edits in the YAML are kept as they are)"


def invalid(path: Path, line: int | None, problem: str, fix: str = ADVICE) -> ContentError:
    return ContentError(path, line, f"invalid lock file: {problem}; {fix}")


@dataclass(frozen=True)
class Problem:
    """What is wrong with an entry, found in one of its inner entries (a lock written one inner
    entry per line: the error then names that line)."""

    inner: str
    message: str


Check = Callable[[str, object], str | Problem | None]


def line_of(text: str, key: str, inner: str | None = None) -> int | None:
    """The line of an entry, or of an inner entry of it, as `dumps` writes them (one a line);
    None in a file written otherwise."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith(f" {json.dumps(key)}:")),
                 None)
    if start is None or inner is None:
        return None if start is None else start + 1
    return next((n + 1 for n in range(start, len(lines))
                 if lines[n].startswith(f"  {json.dumps(inner)}:")), start + 1)


def entry_error(path: Path, key: str, problem: str | Problem, fix: str = ADVICE,
                text: str | None = None) -> ContentError:
    """The error for a bad entry, at its line (`text`: the lock's text, if already read)."""
    inner = problem.inner if isinstance(problem, Problem) else None
    message = problem.message if isinstance(problem, Problem) else problem
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
    where = f"entry {key[:60]!r}" + (f": {inner[:60]!r}" if inner is not None else "")
    return invalid(path, line_of(text, key, inner), f"{where}: {message}", fix)


def load(path: Path, check: Check | None = None, fix: str = ADVICE) -> dict:
    """The lock's entries, or {} when there is no lock yet. `check(key, value)` says what is
    wrong with an entry (None: nothing); a wrong entry is an error naming it and its line,
    with `fix`."""
    if not path.exists():
        return {}
    raw = read_bytes(path, MAX_LOCK_BYTES)
    try:
        text = raw.decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise invalid(path, None, "not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise invalid(path, exc.lineno, exc.msg) from exc
    except RecursionError as exc:
        raise invalid(path, None, "nested too deep") from exc
    if not isinstance(data, dict):
        raise invalid(path, 1, "expected an object")
    data.pop(ABOUT, None)
    for key, value in data.items():
        if check is not None and (problem := check(key, value)):
            raise entry_error(path, key, problem, fix, text)
    return data


def stage(path: Path, data: dict, about: str,
          fingerprint: Callable[[dict], str] | None = None) -> Staged | None:
    """The lock staged for publishing, or None when it did not change."""
    return stage_if_changed(path, dumps(data, about, fingerprint))
