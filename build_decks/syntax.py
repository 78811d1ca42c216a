"""The Markdown every stage reads and writes: CommonMark with GitHub's tables and
strikethrough, and TeX formulas in the four delimiters people use.

`$…$` and `$$…$$` (dollarmath, the Pandoc rules: no space inside the dollars and no digit
right after the opening or closing one, so "$5 and $10" stays text), `\\(…\\)` inline, and
`\\[…\\]` on lines of their own (texmath's rule functions with a stricter pattern: the closing
`\\]` ends its line, so an escaped bracket in prose, "the interval \\[0, 1\\]", stays text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.texmath.index import make_block_func, make_inline_func

MATH_TOKENS: dict[str, bool] = {  # token type -> displayed as a block
    "math_inline": False,
    "math_inline_double": False,  # $$x$$ inside a sentence: inline, as kramdown shows it
    "math_inline_paren": False,
    "math_block": True,
    "math_block_bracket": True,
}
CLOSING = {"$": "$", "$$": "$$", "\\(": "\\)", "\\[": "\\]"}

_PAREN = {"name": "math_inline_paren", "tag": "\\(",
          "rex": re.compile(r"^\\\((.+?)\\\)", re.DOTALL), "tmpl": ""}
_BRACKET = {"name": "math_block_bracket", "tag": "\\[",
            "rex": re.compile(r"^\\\[((?:.|\n(?![ \t]*(?:\n|$)))+?)\\\][ \t]*$", re.MULTILINE),
            "tmpl": ""}


def _with_line_map(rule: Callable[[StateBlock, int, int, bool], bool],
                   ) -> Callable[[StateBlock, int, int, bool], bool]:
    """texmath's block rule, giving its token the line map block tokens carry."""
    def mapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        found = rule(state, start, end, silent)
        if found and not silent:
            state.tokens[-1].map = [start, state.line]
        return found
    return mapped


def math_plugin(md: MarkdownIt) -> None:
    md.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False,
           allow_blank_lines=False, double_inline=True)
    md.inline.ruler.before("escape", _PAREN["name"], make_inline_func(_PAREN))
    md.block.ruler.before("fence", _BRACKET["name"],
                          _with_line_map(make_block_func(_BRACKET)))


def written(token: Token) -> str:
    """A formula token as the author wrote it, delimiters included."""
    return f"{token.markup}{token.content}{CLOSING.get(token.markup, token.markup)}"


def card_markdown(**options: object) -> MarkdownIt:
    """A parser of card text (answers, questions, cloze text), as GitHub reads it, plus
    admonitions and definition lists; `options` are markdown-it's (a highlighter)."""
    return (MarkdownIt("commonmark", {"html": True, "linkify": True, **options})
            .enable(["table", "strikethrough", "linkify"])
            .use(admon_plugin).use(deflist_plugin).use(footnote_plugin).use(math_plugin))


@cache
def card_parser() -> MarkdownIt:
    """The one shared instance, for stages that only read card text."""
    return card_markdown()


def walk(tokens: list[Token]):
    """Every token, inline children included, in document order."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)
