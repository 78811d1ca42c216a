"""Place column-sized pages side by side on paper-sized pages (n-up imposition), with pikepdf.

WeasyPrint lays out CSS columns slowly: for every column of every page it lays out the rest of
the flow again to learn where the column breaks, so a long cheat sheet takes minutes. A flow of
pages the size of one column is laid out in one linear pass (and can be split across processes);
placing those pages on the paper as Form XObjects then takes milliseconds, keeps the text
vector and searchable, and is deterministic. Links are carried over; the outline is rebuilt.
"""

from __future__ import annotations

import io
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation

from build_decks.atomic import Staged, staging


@dataclass(frozen=True)
class Slot:
    """Where a column page goes: the frame page, and its lower-left corner there (pt)."""

    page: int
    x: float
    y: float


@dataclass(frozen=True)
class Bookmark:
    label: str
    column: int  # index of the column page in the whole flow
    top: float  # pt below the column page's top edge


def impose(frame: bytes, flows: list[tuple[bytes, int]], slots: list[Slot],
           bookmarks: list[Bookmark], target: Path) -> Staged:
    """Put the column pages of `flows` (PDF bytes, index of its first column) in their slots.

    `slots[i]` is the place of column i of the whole flow; the frame supplies the pages, the
    metadata and everything drawn around the columns. The file is staged beside `target`.
    """
    with ExitStack() as stack:
        pdf = stack.enter_context(pikepdf.open(io.BytesIO(frame)))
        for page in pdf.pages:
            page.contents_add(b"q\n", prepend=True)  # the frame's drawing may leave its
            page.contents_add(b"Q\n")  # coordinates changed: the columns start afresh
            shared = page.obj.get("/Resources", Dictionary())  # by all the frame's pages
            xobjects = Dictionary(dict(shared.get("/XObject", Dictionary()).items()))
            page.obj.Resources = Dictionary({**dict(shared.items()), "/XObject": xobjects})
        heights = {}
        for data, first in flows:  # sources stay open: pikepdf copies stream data on save
            source = stack.enter_context(pikepdf.open(io.BytesIO(data)))
            for offset, column in enumerate(source.pages):
                index = first + offset
                _place(pdf, column, slots[index], Name(f"/Col{index}"))
                heights[index] = float(column.mediabox[3])
        if bookmarks:
            with pdf.open_outline() as outline:
                outline.root.extend(
                    OutlineItem(b.label, slots[b.column].page, PageLocation.XYZ,
                                left=slots[b.column].x,
                                top=round(slots[b.column].y + heights[b.column] - b.top, 2))
                    for b in bookmarks)
            pdf.Root.PageMode = Name.UseOutlines
        with staging(target) as tmp:
            pdf.save(tmp, deterministic_id=True)
    return Staged(tmp, target)


def _place(pdf: pikepdf.Pdf, column: pikepdf.Page, slot: Slot, name: Name) -> None:
    page = pdf.pages[slot.page]
    page.add_resource(pdf.copy_foreign(column.as_form_xobject()), Name.XObject, name)
    page.contents_add(f"q 1 0 0 1 {slot.x:.3f} {slot.y:.3f} cm {name} Do Q\n".encode())
    for annotation in column.obj.get("/Annots", []):
        action = annotation.get("/A")
        if annotation.get("/Subtype") != Name.Link or action is None or "/URI" not in action:
            continue  # only web links: a cheat sheet's internal links have no target here
        x1, y1, x2, y2 = (float(v) for v in annotation.Rect)
        link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Border=Array([0, 0, 0]),
                          Rect=Array([round(v, 3) for v in (x1 + slot.x, y1 + slot.y,
                                                            x2 + slot.x, y2 + slot.y)]),
                          A=Dictionary(S=Name.URI, URI=pikepdf.String(str(action.URI))))
        if "/Annots" not in page.obj:
            page.obj.Annots = Array()
        page.obj.Annots.append(pdf.make_indirect(link))
