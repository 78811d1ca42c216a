"""Machine-written state files (content/*-lock.json): JSON, one entry per line.

JSON because they grow with the content (10,000 cards are 10,000 entries) and json parses them
an order of magnitude faster than YAML; one entry per line so that a commit's diff shows which
cards changed.
"""

from __future__ import annotations

import json
from pathlib import Path

from build_decks.atomic import write_if_changed
from build_decks.errors import ContentError

ABOUT = "_about"


def _line(key: str, value: object, indent: str) -> str:
    return f"{indent}{json.dumps(key)}: {json.dumps(value, sort_keys=True, ensure_ascii=False)}"


def dumps(data: dict, about: str) -> str:
    """Top-level keys in order; a mapping of mappings is written one inner entry per line."""
    parts = [_line(ABOUT, about, " ")]
    for key, value in data.items():
        nested = isinstance(value, dict) and any(isinstance(v, dict) for v in value.values())
        if nested:
            inner = ",\n".join(_line(k, v, "  ") for k, v in value.items())
            parts.append(f" {json.dumps(key)}: {{\n{inner}\n }}")
        else:
            parts.append(_line(key, value, " "))
    return "{\n" + ",\n".join(parts) + "\n}\n"


def load(path: Path) -> dict:
    """The lock's entries, or {} when there is no lock yet."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ContentError(path, exc.lineno, f"invalid lock file: {exc.msg}; delete it to "
                           "start over (hand edits in the YAML are then kept as they are)") from exc
    if not isinstance(data, dict):
        raise ContentError(path, 1, "invalid lock file: expected an object")
    data.pop(ABOUT, None)
    return data


def save(path: Path, data: dict, about: str) -> bool:
    return write_if_changed(path, dumps(data, about))
