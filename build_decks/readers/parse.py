"""Source text -> the element tree (see elements.py), with markdown-it-py and its plugins.

GitHub-flavoured Markdown (CommonMark, tables, strikethrough, raw HTML) plus what real notes
use: YAML front matter, mkdocs admonitions (`!!!`, `???`), definition lists, footnotes and
TeX formulas (see syntax.py). Plain text (a `.txt` file) is read by the same parser without
indented code blocks: there, an indented line continues a hard-wrapped paragraph, it is not code.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from build_decks import html_events
from build_decks.readers.elements import (
    Admonition,
    Callout,
    Code,
    Definitions,
    Details,
    Element,
    FrontMatter,
    Heading,
    Html,
    Item,
    Line,
    ListBlock,
    Math,
    Paragraph,
    Quote,
    Rule,
    Table,
    TextLine,
)
from build_decks.syntax import MATH_TOKENS, math_plugin

SEPARATOR_GLYPHS = frozenset("-–—―⸺⸻_*=~·•─━═┈┄ ")
LINE_BREAKS = ("softbreak", "hardbreak")


@cache
def parser(plain: bool = False) -> MarkdownIt:
    md = (MarkdownIt("commonmark", {"html": True})
          .enable(["table", "strikethrough"])
          .use(front_matter_plugin).use(admon_plugin).use(deflist_plugin).use(footnote_plugin)
          .use(math_plugin))
    if plain:
        md.disable("code")
    return md


def parse(text: str, plain: bool = False) -> list[Element]:
    """The document's top-level elements."""
    return _children(SyntaxTreeNode(parser(plain).parse(text)).children)[0]


DEEP_LINE = re.compile(r"^[ \t>*+\-.)0-9]{24,}", re.MULTILINE)


CONTAINERS = frozenset({"blockquote_open", "bullet_list_open", "ordered_list_open"})
NESTING_SEEN = 40  # markdown-it stops nesting there (and so do the renderers): measure below it


def nesting(text: str) -> int:
    """How deep lists and quotes sit in each other in a Markdown text (0 for plain text).
    Only a text with a deeply indented line is parsed: the rest cannot nest deep."""
    if not DEEP_LINE.search(text):
        return 0
    depth = deepest = 0
    for token in _measuring().parse(text):
        if token.type in CONTAINERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token.type.replace("_close", "_open") in CONTAINERS:
            depth -= 1
    return deepest


@cache
def _measuring() -> MarkdownIt:
    return MarkdownIt("commonmark", {"maxNesting": NESTING_SEEN})


def inline_tokens(node: SyntaxTreeNode) -> list[Token]:
    """The flat inline tokens of a heading, paragraph, table cell or term."""
    inline = next((c for c in node.children if c.type == "inline"), None)
    return list(inline.token.children or []) if inline is not None and inline.token else []


def split_lines(tokens: list[Token], first: int) -> list[Line]:
    """Inline tokens cut at line breaks; each piece keeps the source line it starts on and
    how many it covers (math, code spans and tags may run over several: `$$` ... `$$`)."""
    lines, current, start, number = [], [], first, first
    for token in tokens:
        if token.type in LINE_BREAKS:
            lines.append(Line(start, current, number + 1 - start))
            current, start, number = [], number + 1, number + 1
            continue
        current.append(token)
        if token.type != "text":
            number += token.content.count("\n")
    lines.append(Line(start, current, number + 1 - start))
    return lines


def _span(node: SyntaxTreeNode) -> tuple[int, int]:
    return tuple(node.map) if node.map else (0, 0)  # type: ignore[return-value]


def _is_separator(lines: list[Line]) -> bool:
    text = "".join(t.content for line in lines for t in line.tokens)
    return bool(text.strip()) and set(text) <= SEPARATOR_GLYPHS and len(lines) == 1


def _html(content: str, start: int, end: int) -> Element | list[Element]:
    """Raw HTML. A block that shows one `<h3>` and nothing else is a heading on the page; one
    whose first line is such a heading, with text right under it (no blank line between), is
    that heading and then the text."""
    found = html_events.events(content)
    heading = html_events.lone_heading(found)
    first, _, rest = content.partition("\n")
    if heading is None and rest.strip():
        heading = html_events.lone_heading(html_events.events(first))
        if heading:
            return [_heading(start, start + 1, heading), _html(rest, start + 1, end)]
    if heading:
        return _heading(start, end, heading)
    return Html(start, end, 0, content, html_events.text_of(found),
                html_events.heading_of(found), html_events.is_comment(found), found)


def _heading(start: int, end: int, heading: tuple[int, str]) -> Heading:
    """A heading written in HTML; its text is written as text."""
    text = Token("text", "", 0, content=heading[1])
    return Heading(start, end, 0, heading[0], Line(start, [text]))


def _element(node: SyntaxTreeNode) -> Element | list[Element] | None:
    start, end = _span(node)
    kind = node.type
    if kind == "heading":
        return Heading(start, end, 0, int(node.tag[1]), Line(start, inline_tokens(node)))
    if kind == "paragraph":
        lines = split_lines(inline_tokens(node), start)
        return Rule(start, end) if _is_separator(lines) else Paragraph(start, end, 0, lines)
    if kind in ("bullet_list", "ordered_list"):
        items = [_container(Item, item, item.children, marker=f"{item.info}{item.markup}")
                 for item in node.children]
        return ListBlock(start, end, sum(i.closes for i in items), kind == "ordered_list",
                         items)
    if kind == "blockquote":
        marked = _callout(node)
        if marked:
            return _container(Callout, node, node.children, tag=marked[0], title=marked[1])
        return _container(Quote, node, node.children)
    if kind == "admonition":
        title = next((c for c in node.children if c.type == "admonition_title"), None)
        body = [c for c in node.children if c.type != "admonition_title"]
        tag = node.meta.get("tag", "") if node.meta else ""
        words = "".join(t.content for t in inline_tokens(title)) if title else ""
        return _container(Admonition, node, body, tag=str(tag), title=words)
    if kind in ("fence", "code_block"):
        return Code(start, end, 0, node.info.strip(), node.content, kind == "fence")
    if kind == "table":
        return _table(node, start, end)
    if kind == "html_block":
        return _html(node.content, start, end)
    if kind == "hr":
        return Rule(start, end)
    if MATH_TOKENS.get(kind):
        return Math(start, end, 0, node.content)
    if kind == "dl":
        return _definitions(node, start, end)
    if kind == "front_matter":
        return FrontMatter(start, end, 0, node.content)
    return None  # footnote blocks: their text belongs to no question


def _callout(node: SyntaxTreeNode) -> tuple[str, str] | None:
    """The type and title of an Obsidian callout (`> [!faq]- Are callouts foldable?`), as
    Obsidian reads its first line: `[!`, a type word, `]`, an optional fold sign, a title. A
    callout with no title (`> [!note]`, a GitHub alert) names no box: it stays a quote."""
    first = node.children[0] if node.children else None
    inline = next((c for c in first.children if c.type == "inline"), None) if (
        first is not None and first.type == "paragraph") else None
    line = inline.content.partition("\n")[0] if inline is not None else ""
    if not line.startswith("[!"):
        return None
    tag, closed, rest = line[2:].partition("]")
    title = rest.lstrip("+-").strip()
    if not closed or not tag or not title or not all(c.isalnum() or c in "-_" for c in tag):
        return None
    return tag.lower(), title


def _container(kind: type, node: SyntaxTreeNode, children: list[SyntaxTreeNode],
               **fields: str) -> Element:
    elements, closes = _children(children)
    return kind(*_span(node), closes, elements, **fields)


def _table(node: SyntaxTreeNode, start: int, end: int) -> Table:
    table = Table(start, end)
    for section in node.children:
        for row in section.children:
            cells = [inline_tokens(cell) for cell in row.children]
            if section.type == "thead":
                table.header = cells
            else:
                table.rows.append((_span(row)[0], cells))
    return table


def _definitions(node: SyntaxTreeNode, start: int, end: int) -> Definitions:
    entries: list[tuple[Line, list[Element]]] = []
    for child in node.children:
        if child.type == "dt":
            entries.append((Line(_span(child)[0], inline_tokens(child)), []))
        elif child.type == "dd" and entries:
            entries[-1][1].extend(_children(child.children)[0])
    return Definitions(start, end, 0, entries)


def _children(nodes: list[SyntaxTreeNode]) -> tuple[list[Element], int]:
    """A container's elements, and how many `</details>` in them close an outer block."""
    folder = _Folder()
    found = [_element(node) for node in nodes]
    elements = folder.fold([part for e in found if e is not None
                            for part in (e if isinstance(e, list) else [e])])
    return elements, folder.unmatched


# <details> ------------------------------------------------------------------------------------

class _Folder:
    """Puts elements into the `<details>` blocks that are open where they appear."""

    def __init__(self) -> None:
        self.top: list[Element] = []
        self.open: list[Details] = []
        self.in_summary = False
        self.summary: list[str] = []
        self.unmatched = 0  # closing tags of blocks opened outside this container

    def emit(self, element: Element) -> None:
        (self.open[-1].children if self.open else self.top).append(element)
        if self.open:
            self.open[-1].end = max(self.open[-1].end, element.end)

    def event(self, kind: str, value: str, line: int) -> bool:
        """Apply a details/summary tag; True if the event was one."""
        if kind == "start" and value == "details":
            details = Details(line, line + 1)
            self.emit(details)
            self.open.append(details)
        elif kind == "start" and value == "summary" and self.open:
            self.in_summary, self.summary = True, []
            self.open[-1].summary_line = line
        elif kind == "end" and value == "summary" and self.in_summary:
            self.in_summary = False
            self.open[-1].summary = " ".join(" ".join(self.summary).split())
        elif kind == "end" and value == "details" and self.open:
            self.open.pop().end = line + 1
        elif kind == "end" and value == "details":
            self.unmatched += 1
        else:
            return False
        return True

    def html(self, element: Html) -> None:
        found = element.events
        if not any(e.kind in ("start", "end") and e.value in ("details", "summary")
                   for e in found):
            self.emit(element)
            return
        for event in found:
            line = element.start + event.line
            if self.event(event.kind, event.value, line):
                continue
            if event.kind == "data" and self.in_summary:
                self.summary.append(event.value)
            elif event.kind == "data" and event.value.strip():
                self.emit(TextLine(line, line + 1, text=event.value.strip()))

    def paragraph(self, element: Paragraph) -> None:
        current: list[Line] = []

        def flush() -> None:
            if current:
                self.emit(Paragraph(current[0].number, current[-1].number + 1,
                                    lines=list(current)))
                current.clear()

        for line in element.lines:
            tags = [(t, e) for t in line.tokens if t.type == "html_inline"
                    for e in html_events.events(t.content)
                    if e.kind in ("start", "end") and e.value in ("details", "summary")]
            if not tags and not self.in_summary:
                current.append(line)
                continue
            pending: list[Token] = []
            for token in line.tokens:
                is_tag = token.type == "html_inline"
                if self.in_summary and not is_tag:
                    self.summary.append(token.content)
                    continue
                if is_tag and any(e.value in ("details", "summary") for t, e in tags
                                  if t is token):
                    if any(t.content.strip() for t in pending if t.type != "html_inline"):
                        current.append(Line(line.number, pending))
                    pending = []
                    flush()
                    for _, event in (pair for pair in tags if pair[0] is token):
                        self.event(event.kind, event.value, line.number)
                    continue
                pending.append(token)
            if any(t.content.strip() for t in pending if t.type != "html_inline"):
                current.append(Line(line.number, pending))
        flush()

    def fold(self, elements: list[Element]) -> list[Element]:
        for element in elements:
            if isinstance(element, Html):
                self.html(element)
            elif isinstance(element, Paragraph):
                self.paragraph(element)
            else:
                self.emit(element)
                for _ in range(element.closes):  # `</b></details>` at the end of a list item
                    if self.open:
                        self.open.pop().end = element.end
                    else:
                        self.unmatched += 1
        return self.top
