"""The cheat sheet: entries laid out apart, placed in columns, the last page balanced."""

from __future__ import annotations

import itertools
from pathlib import Path

import pypdf
import pytest
from conftest import imported_seeds
from render.test_pdf import NOW, words

from build_decks.loader import load_content
from build_decks.render import cheatsheet, pdf
from build_decks.render.impose import Block, Columns, _balanced, fill
from build_decks.render.options import BuildOptions

ROOT = imported_seeds()
COLUMNS = Columns(3, (0.0, 100.0, 200.0), 800.0, 700.0, 60.0, 0.0)


def test_entries_come_topic_by_topic_each_topic_headed_once() -> None:
    content = load_content(ROOT)
    found = cheatsheet.entries(content)
    order = [t.id for t in content.topics]
    topics = [e["card"].topic for e in found]
    assert topics == sorted(topics, key=order.index)
    assert [e["topic"].id for e in found if e["topic"]] == list(dict.fromkeys(topics))
    assert all(e["shortened"] == (e["text"] != e["card"].back) for e in found)


def blocks(*heights: float) -> list[Block]:
    return [Block(i, 0, h) for i, h in enumerate(heights)]


def test_columns_fill_in_order_and_no_column_ends_with_a_gap_taller_than_the_next_block(
        ) -> None:
    placed = fill(blocks(*[90, 250, 120, 300, 80, 200, 150] * 5), COLUMNS)
    assert [p.block.source for p in placed] == list(range(35))
    last = placed[-1].page  # balanced: its columns end early on purpose
    for before, after in itertools.pairwise(placed):
        if before.page == last:
            continue
        if (after.page, after.column) != (before.page, before.column):
            room = COLUMNS.room(before.page)
            assert room - (before.y + before.block.height) < after.block.height
        else:
            assert after.y == pytest.approx(before.y + before.block.height)
    assert all(p.y + p.block.height <= COLUMNS.room(p.page) + 1e-6 for p in placed)


def test_the_last_page_is_balanced() -> None:
    """Six short blocks on a last page: two per column, not six in the first."""
    placed = _balanced(fill(blocks(*[100] * 6), COLUMNS), COLUMNS)
    assert [p.column for p in placed] == [0, 0, 1, 1, 2, 2]
    tall = {c: sum(p.block.height for p in placed if p.column == c) for c in range(3)}
    assert max(tall.values()) - min(tall.values()) <= 100
    uneven = fill(blocks(300, 20, 20, 20, 250), COLUMNS)
    heights = [sum(p.block.height for p in uneven if p.column == c) for c in range(3)]
    assert max(heights) == 300  # no column taller than the tallest block needs


def test_a_block_marked_new_page_starts_one() -> None:
    placed = fill([Block(0, 0, 50), Block(1, 0, 50, new_page=True), Block(2, 0, 50)],
                  Columns(1, (0.0,), 800.0, 700.0, 0.0, 0.0))
    assert [p.page for p in placed] == [0, 1, 1]


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sheet")
    return pdf.build(load_content(ROOT), BuildOptions(out, ROOT, NOW),
                     documents=("cheatsheet",)).paths[0]


def test_every_entry_once_in_order_and_the_short_form_mark_explained_once(sheet: Path) -> None:
    content = load_content(ROOT)
    reader = pypdf.PdfReader(sheet)
    text = words(" ".join(page.extract_text() for page in reader.pages))
    position = 0
    for entry in cheatsheet.entries(content):  # each after the one before
        front = words(entry["card"].front)
        position = text.find(front, position)
        assert position >= 0, front
        assert text.count(front) == 1 or len(front) < 40, front  # placed once, not twice
    assert text.count("marks a short form") == 1 and "short form" not in text.replace(
        "marks a short form", "")
    shortened = sum(e["shortened"] for e in cheatsheet.entries(content))
    assert text.count("✂") == shortened + 1


def test_the_seeds_last_page_uses_every_column(sheet: Path) -> None:
    reader = pypdf.PdfReader(sheet)
    last = reader.pages[-1]
    placed = [n for n in last["/Resources"]["/XObject"] if n.startswith("/Part")]
    lefts = set()
    for name in placed:
        content = last.get_contents().get_data().decode("latin-1")
        at = content.index(f"{name} Do")
        lefts.add(round(float(content[:at].rsplit(" cm", 1)[0].split()[-2])))
    assert len(lefts) == 3
