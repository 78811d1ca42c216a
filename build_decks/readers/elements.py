"""The block tree the question finder walks: markdown-it's syntax tree, reshaped.

Three things differ from markdown-it's own tree:
- paragraphs are lists of source lines (a line is the unit of `Q:`/`A:` text, of a bold
  question, of a run of plain questions);
- `<details>` blocks are containers, whatever their HTML was split into (an HTML block, then
  Markdown, then `</b></details>` at the end of a paragraph), with their `<summary>` text;
- every element knows its 0-based source lines, so an answer is a slice of the source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it.token import Token

from build_decks.readers import inline

LINK_LIST_SHARE = 0.8  # of a list's items that are only a link, for it to be a list of links


@dataclass
class Line:
    """One source line of a paragraph or heading: its inline tokens, line breaks removed."""

    number: int  # 0-based source line
    tokens: list[Token]
    span: int = 1  # source lines it covers: display math or a tag may run over several

    @property
    def end(self) -> int:
        return self.number + self.span


@dataclass
class Element:
    start: int  # first source line, 0-based
    end: int  # one past the last source line
    closes: int = 0  # `</details>` tags inside it whose `<details>` opened before it

    @property
    def kind(self) -> str:
        return type(self).__name__.lower()


@dataclass
class Heading(Element):
    level: int = 1
    line: Line | None = None


@dataclass
class Paragraph(Element):
    lines: list[Line] = field(default_factory=list)


@dataclass
class TextLine(Element):
    """Text found inside raw HTML (a `<details>` body written without Markdown)."""

    text: str = ""


@dataclass
class Container(Element):
    children: list[Element] = field(default_factory=list)


@dataclass
class Item(Container):
    """A list item; `marker` is its bullet or number as written."""

    marker: str = ""


@dataclass
class ListBlock(Element):
    ordered: bool = False
    items: list[Item] = field(default_factory=list)


@dataclass
class Quote(Container):
    pass


@dataclass
class Callout(Quote):
    """An Obsidian callout: a quote whose first line is `[!type]` (folded with `-` or `+`)
    and a title, `> [!question]- What is X?`. Its children are the quote's, title line and
    all, so that where no rule reads it as a box it is read as the quote it also is."""

    tag: str = ""
    title: str = ""


@dataclass
class Admonition(Container):
    """`!!! tip "Title"` or `??? success "View Answer"` (mkdocs): tag and title."""

    tag: str = ""
    title: str = ""


@dataclass
class Details(Container):
    """A `<details>` block; `summary` is the text of its `<summary>`."""

    summary: str = ""
    summary_line: int = 0


@dataclass
class Code(Element):
    info: str = ""
    content: str = ""
    fenced: bool = True


@dataclass
class Table(Element):
    header: list[list[Token]] = field(default_factory=list)
    rows: list[tuple[int, list[list[Token]]]] = field(default_factory=list)  # (line, cells)


@dataclass
class Html(Element):
    """Raw HTML that is not a `<details>` block; `text` is what it shows, `heading` any h1-h6."""

    content: str = ""
    text: str = ""
    heading: str = ""
    comment: bool = False
    events: list = field(default_factory=list, repr=False)  # html_events.Event, parsed once


@dataclass
class Rule(Element):
    """A thematic break (`---`), or a line that is only a separator glyph (`⸻`)."""


@dataclass
class Math(Element):
    content: str = ""


@dataclass
class Definitions(Element):
    """A definition list: (term line, definition elements) pairs."""

    entries: list[tuple[Line, list[Element]]] = field(default_factory=list)


@dataclass
class FrontMatter(Element):
    content: str = ""


def walk(elements: list[Element]) -> Iterator[Element]:
    """Every element and every element inside it, in document order."""
    for element in elements:
        yield element
        if isinstance(element, Container):
            yield from walk(element.children)
        elif isinstance(element, ListBlock):
            for item in element.items:
                yield from walk(item.children)


def walk_lines(element: Element) -> Iterator[Line]:
    """Every paragraph line in an element."""
    for found in walk([element]):
        if isinstance(found, Paragraph):
            yield from found.lines


def lead_tokens(item: Item) -> list[Token]:
    """The first line of a list item (its lead: the question, the term, the link)."""
    first = item.children[0] if item.children else None
    return first.lines[0].tokens if isinstance(first, Paragraph) and first.lines else []


def is_link_list(block: ListBlock) -> bool:
    """A list whose items are links (a table of contents, a reading list)."""
    leads = [lead_tokens(item) for item in block.items]
    links = sum(1 for tokens in leads if tokens and inline.is_link_only(tokens))
    return bool(leads) and links >= LINK_LIST_SHARE * len(leads)
