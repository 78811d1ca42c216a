"""YAML in and out: line numbers on load (for errors), one canonical form on dump."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from build_decks.errors import ContentError

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class LineDict(dict):
    """A mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(_SafeLoader):
    """The C parser (when available) with a mapping constructor that records lines."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain scalars", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ContentError(path, None, f"cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(path, None, f"not UTF-8: {exc}") from exc


def _error(path: Path, exc: yaml.YAMLError) -> ContentError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return ContentError(path, mark.line + 1 if mark else None, f"invalid YAML: {problem}")


def load_yaml(path: Path) -> Any:
    """Plain data, fast (C loader when available)."""
    try:
        return yaml.load(_read(path), Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        raise _error(path, exc) from exc


def load_yaml_with_lines(path: Path) -> Any:
    """Data whose mappings are LineDicts, for validation messages that name lines."""
    try:
        return yaml.load(_read(path), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        raise _error(path, exc) from exc


class _Dumper(_SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(LineDict, _Dumper.represent_dict)


def dump_yaml(data: Any, header: str = "") -> str:
    """The canonical text of `data`: key order kept, block literals for multi-line text."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False, indent=2)
    return header + body
