"""content/config.yaml: project title, language and the list of sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_decks.errors import ContentError, ContentErrors
from build_decks.yamlio import load_yaml_with_lines

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class SourceConfig:
    name: str
    file: str
    format: str | None = None
    title: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Config:
    root: Path
    title: str
    author: str
    language: str
    sources: tuple[SourceConfig, ...]

    @property
    def path(self) -> Path:
        return self.root / "config.yaml"

    @property
    def decks_dir(self) -> Path:
        return self.root / "decks"

    @property
    def topics_path(self) -> Path:
        return self.root / "topics.yaml"

    @property
    def lock_path(self) -> Path:
        return self.root / "import-lock.json"

    def deck_path(self, name: str) -> Path:
        return self.decks_dir / f"{name}.yaml"


def load_config(root: Path) -> Config:
    path = root / "config.yaml"
    data = load_yaml_with_lines(path)
    if not isinstance(data, dict):
        raise ContentError(path, 1, "expected a mapping")
    errors: list[ContentError] = []
    sources: list[SourceConfig] = []
    seen: set[str] = set()
    for item in data.get("sources") or []:
        line = getattr(item, "line", 0)
        if not isinstance(item, dict) or "name" not in item or "file" not in item:
            errors.append(ContentError(path, line, "a source needs `name` and `file`"))
            continue
        name = str(item["name"])
        if not NAME.match(name):
            errors.append(ContentError(path, line, f"source name {name!r}: use a-z, 0-9 and -"))
        if name in seen:
            errors.append(ContentError(path, line, f"source name {name!r} is used twice"))
        seen.add(name)
        if not (root / str(item["file"])).is_file():
            errors.append(ContentError(path, line, f"source file {item['file']!r} not found"))
        unknown = set(item) - {"name", "file", "format", "title"}
        if unknown:
            errors.append(ContentError(path, line, f"unknown source keys: {sorted(unknown)}"))
        sources.append(SourceConfig(name, str(item["file"]), item.get("format"),
                                    item.get("title"), line))
    if errors:
        raise ContentErrors(errors)
    return Config(root, str(data.get("title", "Interview Prep")), str(data.get("author", "")),
                  str(data.get("language", "en")), tuple(sources))
