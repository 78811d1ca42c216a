"""Put laid-out parts on paper, with pikepdf: pages into columns (the cheat sheet, the
worksheet), or pages one after another (the flashcards).

Each part of a flowing document (an entry, a question) is laid out on a page of its own,
the size of one column (parts.py). Filling the columns is then arithmetic on their heights,
done here: each part goes where the last one ended, or at the top of the next column when it
does not fit, so no column ends with a gap taller than the part that follows, and the last
page's columns are balanced. The part pages are placed as Form XObjects, which keeps the text
vector and searchable and takes milliseconds. Web links are carried over; the outline is
rebuilt from the parts' bookmarks.
"""

from __future__ import annotations

import io
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation

from build_decks.render.parts import LaidOut


@dataclass(frozen=True)
class Block:
    """One page of a part, to be placed: its source and how tall its content is (pt)."""

    source: int  # index of the part
    page: int  # the page within the part
    height: float
    bookmarks: tuple[tuple[int, str, float], ...] = ()  # level, label, pt below its top
    new_page: bool = False  # starts a paper page of its own (the answer key)


@dataclass(frozen=True)
class Columns:
    """Where blocks go on a paper page (pt): columns side by side under a common top."""

    count: int
    lefts: tuple[float, ...]  # each column's left edge, from the page's left
    top: float  # the columns' top edge, from the page's bottom
    height: float  # a column's height
    first_page_top: float  # what the title takes above the first page's columns
    spacing: float  # between two blocks in a column

    def room(self, page: int) -> float:
        return self.height - (self.first_page_top if page == 0 else 0)


@dataclass(frozen=True)
class Placed:
    block: Block
    page: int
    column: int
    y: float  # pt below the column's top (the first page's columns start under the title)


@dataclass(frozen=True)
class Info:
    """A finished PDF's metadata."""

    title: str
    author: str
    subject: str
    language: str
    now: int


def blocks_of(parts: list[LaidOut], new_page: set[int] = frozenset()) -> list[Block]:
    """Every page of every part, in order, as blocks (CSS px become pt)."""
    return [Block(source, index, page.bottom * 0.75,
                  tuple((level, label, y * 0.75) for level, label, y in page.bookmarks),
                  new_page=source in new_page and index == 0)
            for source, part in enumerate(parts) for index, page in enumerate(part.pages)]


def fill(blocks: list[Block], columns: Columns) -> list[Placed]:
    """Each block under the one before, or atop the next column; the last page balanced."""
    placed: list[Placed] = []
    page = column = 0
    y = 0.0
    for block in blocks:
        if block.new_page and (column or y):
            page, column, y = page + 1, 0, 0.0
        if y and y + columns.spacing + block.height > columns.room(page):
            column += 1
            y = 0.0
            if column == columns.count:
                page, column = page + 1, 0
        top = y + columns.spacing if y else 0.0
        placed.append(Placed(block, page, column, top))
        y = top + block.height
    return _balanced(placed, columns)


def _balanced(placed: list[Placed], columns: Columns) -> list[Placed]:
    """The last page's blocks shared among its columns so that the tallest is as short as
    possible (a short sheet fills its columns evenly, not one of three)."""
    if not placed or columns.count == 1:
        return placed
    last = placed[-1].page
    start = next(i for i, p in enumerate(placed) if p.page == last)
    if any(p.block.new_page for p in placed[start + 1:]):
        return placed
    heights = [p.block.height for p in placed[start:]]
    groups = _partition(heights, columns.count, columns.spacing)
    balanced, index = placed[:start], start
    for column, size in enumerate(groups):
        y = 0.0
        for p in placed[index:index + size]:
            balanced.append(Placed(p.block, last, column, y))
            y += p.block.height + columns.spacing
        index += size
    return balanced


def _partition(heights: list[float], count: int, spacing: float) -> list[int]:
    """Sizes of at most `count` consecutive groups of `heights` whose tallest group (blocks
    and the spacing between them) is as short as possible."""
    n = len(heights)

    def tall(i: int, j: int) -> float:
        return sum(heights[i:j]) + spacing * (j - i - 1)

    best: dict[tuple[int, int], tuple[float, list[int]]] = {}

    def solve(i: int, k: int) -> tuple[float, list[int]]:
        if (i, k) not in best:
            if k == 1 or i == n:
                best[i, k] = (tall(i, n) if i < n else 0.0, [n - i])
            else:
                options = []
                for j in range(i + 1, n + 1):
                    rest, sizes = solve(j, k - 1)
                    options.append((max(tall(i, j), rest), [j - i, *sizes]))
                best[i, k] = min(options, key=lambda o: (round(o[0], 3), -o[1][0]))
        return best[i, k]

    return [size for size in solve(0, count)[1] if size]


def impose(frame: bytes, parts: list[LaidOut], placed: list[Placed], columns: Columns,
           info: Info) -> bytes:
    """The frame's pages (running heads, page numbers, rules) with every block placed."""
    with ExitStack() as stack:
        pdf = stack.enter_context(pikepdf.open(io.BytesIO(frame)))
        for page in pdf.pages:
            page.contents_add(b"q\n", prepend=True)  # the frame's drawing may leave its
            page.contents_add(b"Q\n")  # coordinates changed: the blocks start afresh
            shared = page.obj.get("/Resources", Dictionary())  # by all the frame's pages
            xobjects = Dictionary(dict(shared.get("/XObject", Dictionary()).items()))
            page.obj.Resources = Dictionary({**dict(shared.items()), "/XObject": xobjects})
        sources = _opened(stack, parts)
        marks = []
        for number, p in enumerate(placed):  # sources stay open: pikepdf copies on save
            part = parts[p.block.source]
            column = sources[id(part.pdf)].pages[part.first + p.block.page]
            top = columns.top - (columns.first_page_top if p.page == 0 else 0) - p.y
            x, y = columns.lefts[p.column], top - float(column.mediabox[3])
            _place(pdf, pdf.pages[p.page], column, x, y, Name(f"/Part{number}"))
            marks += [(level, label, p.page, x, round(top - below, 2))
                      for level, label, below in p.block.bookmarks]
        if marks:
            with pdf.open_outline() as outline:
                outline.root.extend(OutlineItem(label, page, PageLocation.XYZ, left=x, top=y)
                                    for _, label, page, x, y in marks)
            pdf.Root.PageMode = Name.UseOutlines
        return _finished(pdf, info)


def join(parts: list[LaidOut], info: Info) -> bytes:
    """The parts' pages one after another (the flashcards' sheets), as one PDF."""
    with ExitStack() as stack:
        pdf = pikepdf.new()
        sources = _opened(stack, parts)
        for part in parts:
            pages = sources[id(part.pdf)].pages
            pdf.pages.extend(pages[part.first:part.first + len(part.pages)])
        return _finished(pdf, info)


def _opened(stack: ExitStack, parts: list[LaidOut]) -> dict[int, pikepdf.Pdf]:
    """Each batch PDF the parts are pages of, opened once (so its fonts are copied once)."""
    return {key: stack.enter_context(pikepdf.open(io.BytesIO(pdf)))
            for key, pdf in {id(p.pdf): p.pdf for p in parts}.items()}


def _finished(pdf: pikepdf.Pdf, info: Info) -> bytes:
    """Metadata set, saved to bytes (the caller writes the file: see paper.save)."""
    when = datetime.fromtimestamp(info.now, UTC).strftime("D:%Y%m%d%H%M%SZ")
    pdf.docinfo = pdf.make_indirect(Dictionary({
        "/Title": pikepdf.String(info.title), "/Author": pikepdf.String(info.author),
        "/Subject": pikepdf.String(info.subject), "/Creator": pikepdf.String("build_decks"),
        "/Producer": pikepdf.String(f"WeasyPrint and pikepdf {pikepdf.__version__}"),
        "/CreationDate": pikepdf.String(when), "/ModDate": pikepdf.String(when)}))
    pdf.Root.Lang = pikepdf.String(info.language)
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def _place(pdf: pikepdf.Pdf, page: pikepdf.Page, column: pikepdf.Page, x: float, y: float,
           name: Name) -> None:
    page.add_resource(pdf.copy_foreign(column.as_form_xobject()), Name.XObject, name)
    page.contents_add(f"q 1 0 0 1 {x:.3f} {y:.3f} cm {name} Do Q\n".encode())
    for annotation in column.obj.get("/Annots", []):
        action = annotation.get("/A")
        if annotation.get("/Subtype") != Name.Link or action is None or "/URI" not in action:
            continue  # only web links: a part's internal links have no target here
        x1, y1, x2, y2 = (float(v) for v in annotation.Rect)
        link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Border=Array([0, 0, 0]),
                          Rect=Array([round(v, 3) for v in (x1 + x, y1 + y, x2 + x, y2 + y)]),
                          A=Dictionary(S=Name.URI, URI=pikepdf.String(str(action.URI))))
        if "/Annots" not in page.obj:
            page.obj.Annots = Array()
        page.obj.Annots.append(pdf.make_indirect(link))
