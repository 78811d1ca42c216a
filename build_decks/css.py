"""What CSS may load, read with tinycss2 (WeasyPrint's own CSS parser), never with patterns.

A stylesheet can make a browser, Anki or WeasyPrint fetch something in two ways: `@import`
and a URL (`url(…)`, `src(…)`, the strings of `image-set(…)`). `clean` removes every
`@import` and every declaration holding a URL that `allowed` refuses, and says what it
removed, with its line; everything else is written back as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import tinycss2
from tinycss2 import ast

URL_FUNCTIONS = frozenset({"url", "src"})  # their first string is a URL
URL_LISTS = frozenset({"image-set", "-webkit-image-set", "image", "cross-fade"})  # every string


@dataclass(frozen=True)
class Removed:
    line: int  # 1-based, in the CSS text
    what: str


def urls(nodes: Iterable[ast.Node] | None) -> Iterator[tuple[str, int]]:
    """Every URL written in these component values (nested blocks and functions included)."""
    for node in nodes or ():
        if isinstance(node, ast.URLToken):
            yield node.value, node.source_line
        elif isinstance(node, ast.FunctionBlock):
            strings = [a for a in node.arguments if isinstance(a, ast.StringToken)]
            if node.lower_name in URL_FUNCTIONS and strings:
                yield strings[0].value, strings[0].source_line
            elif node.lower_name in URL_LISTS:
                yield from ((s.value, s.source_line) for s in strings)
            yield from urls(node.arguments)
        elif isinstance(node, (ast.SquareBracketsBlock, ast.ParenthesesBlock,
                               ast.CurlyBracketsBlock)):
            yield from urls(node.content)


def _refused(nodes: Iterable[ast.Node] | None, allowed: Callable[[str], bool]) -> str | None:
    return next((url for url, _ in urls(nodes) if not allowed(url)), None)


def _clean(nodes: list[ast.Node], allowed: Callable[[str], bool],
           removed: list[Removed]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, ast.ParseError):
            continue
        if isinstance(node, ast.AtRule) and node.lower_at_keyword == "import":
            removed.append(Removed(node.source_line, "@import"))
            continue
        if isinstance(node, ast.Declaration):
            if (url := _refused(node.value, allowed)) is not None:
                removed.append(Removed(node.source_line, f"url({url[:80]})"))
                continue
            out.append(node.serialize() + ";")
        elif isinstance(node, (ast.QualifiedRule, ast.AtRule)):
            if (url := _refused(node.prelude, allowed)) is not None:
                removed.append(Removed(node.source_line, f"url({url[:80]})"))
                continue
            head = (f"@{node.at_keyword}" if isinstance(node, ast.AtRule) else "")
            head += tinycss2.serialize(node.prelude)
            if node.content is None:
                out.append(head + ";")
            else:
                inner = _clean(tinycss2.parse_blocks_contents(node.content), allowed, removed)
                out.append(f"{head}{{{inner}}}")
        else:
            out.append(node.serialize())
    return "".join(out)


def clean(css: str, allowed: Callable[[str], bool]) -> tuple[str, list[Removed]]:
    """A stylesheet without `@import` and without declarations that load a refused URL."""
    removed: list[Removed] = []
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False)
    return _clean(rules, allowed, removed), removed


def clean_declarations(css: str, allowed: Callable[[str], bool]) -> tuple[str, list[Removed]]:
    """The same for a `style` attribute (declarations, no rules around them)."""
    removed: list[Removed] = []
    nodes = tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=False)
    return _clean(nodes, allowed, removed), removed


def component_urls(value: str) -> list[str]:
    """The URLs in one CSS value (an SVG presentation attribute such as `fill="url(#g)"`)."""
    return [url for url, _ in urls(tinycss2.parse_component_value_list(value))]
