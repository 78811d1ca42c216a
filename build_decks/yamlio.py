"""YAML in and out: what the user typed, line numbers for errors, one canonical form on dump.

Content YAML holds text. YAML 1.1 (PyYAML's default) would read `answer: No` as False,
`answer: 3.10` as 3.1 and `term: NO` as False; here every plain scalar is the string as typed,
except an empty value, `~` and `null`, which are null. Anchors and aliases are refused: content
needs none, and a few nested aliases ("billion laughs") expand into gigabytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

from build_decks.collector import collector_paused
from build_decks.errors import ContentError
from build_decks.reading import read_text

try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]

_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MAX_YAML_BYTES = 50_000_000


class _TextResolver(BaseResolver):
    """Plain scalars are strings; only an empty value, `~` and `null` are null."""


_TextResolver.add_implicit_resolver("tag:yaml.org,2002:null",
                                    re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class LineDict(dict):
    """A mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]
    value_lines: dict[str, int]  # where each value's text starts (a block's first line)


class _Loader(_Parser, Composer, SafeConstructor, _TextResolver):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _TextResolver.__init__(self)

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return self.construct_document(node)


def _refuse_aliases(root: yaml.Node) -> None:
    """An alias is a node met twice: refuse it (the C parser composes, so look afterwards)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if not isinstance(node, yaml.CollectionNode):
            continue
        if id(node) in seen:
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (*name) are not allowed", node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        else:
            stack += node.value


class _LineLoader(_Loader):
    """The same, with mappings that record their lines (for validation messages)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.value_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain text", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
        block = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
        mapping.value_lines[key] = value_node.start_mark.line + 1 + block
    return mapping


_LineLoader.add_constructor(BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read(path: Path) -> str:
    return read_text(path, MAX_YAML_BYTES)


def _error(path: Path, exc: yaml.YAMLError) -> ContentError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return ContentError(path, mark.line + 1 if mark else None, f"invalid YAML: {problem}")


def _load(path: Path, loader: type) -> Any:
    text = _read(path)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise _error(path, exc) from exc
    except (RecursionError, ValueError) as exc:  # nesting thousands deep; odd tags' values
        raise ContentError(path, None, f"invalid YAML: {type(exc).__name__}") from exc


def load_yaml(path: Path) -> Any:
    """Plain data (text, lists, mappings), fast (the C parser when available)."""
    return _load(path, _Loader)


def load_yaml_with_lines(path: Path) -> Any:
    """Data whose mappings are LineDicts, for validation messages that name lines."""
    return _load(path, _LineLoader)


class _Dumper(_SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(LineDict, _Dumper.represent_dict)


def dump_yaml(data: Any, header: str = "") -> str:
    """The canonical text of `data`: key order kept, block literals for multi-line text.

    The dumper quotes what a YAML 1.1 reader would take for something else (`'No'`, `'3.10'`),
    so the files mean the same to any YAML tool.
    """
    with collector_paused():  # a node per value, none of them cyclic
        body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                         default_flow_style=False, indent=2)
    return header + body
