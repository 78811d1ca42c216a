"""A raw HTML `<table>` read into rows of cells, with the standard library's HTML parser.

Each cell keeps its inner HTML as written (an answer shows it: `<br>`, `<code>`, entities) and
its text with the tags taken out and the entities kept as written (`AT&amp;T`): a question is
stored as Markdown, where an entity reads as its character and a decoded `<` would be a tag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    line: int  # 0-based, from the fragment's first line
    header: bool
    html: str = ""
    text: str = ""


@dataclass
class Row:
    line: int
    cells: list[Cell] = field(default_factory=list)


class _Table(HTMLParser):
    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=False)
        self.fragment = fragment
        self.starts = [0]
        for line in fragment.split("\n"):
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.rows: list[Row] = []
        self.cell: Cell | None = None
        self.cell_start = 0
        self.depth = 0  # tables inside the table: their text belongs to the outer cell
        self.text: list[str] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.depth += 1
        if self.depth != 1:
            return
        line = self.getpos()[0] - 1
        if tag in ("tr", "td", "th"):
            self.close_cell()  # `</td>` and `</tr>` may be left out
        if tag == "tr":
            self.rows.append(Row(line))
        elif tag in ("td", "th") and self.rows:
            self.cell = Cell(line, tag == "th")
            self.rows[-1].cells.append(self.cell)
            self.cell_start = self.position() + len(self.get_starttag_text() or "")
            self.text = []
        elif tag == "br" and self.cell is not None:
            self.text.append(" ")

    def close_cell(self) -> None:
        if self.cell is not None:
            self.cell.html = self.fragment[self.cell_start:self.position()].strip()
            self.cell.text = " ".join("".join(self.text).split())
            self.cell = None

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 1 and tag in ("td", "th", "tr", "table"):
            self.close_cell()
        if tag == "table":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def rows_of(fragment: str) -> list[Row]:
    """The rows of the first table in the fragment (none if it holds no table)."""
    parser = _Table(fragment)
    parser.feed(fragment)
    parser.close()
    return [row for row in parser.rows if row.cells]
