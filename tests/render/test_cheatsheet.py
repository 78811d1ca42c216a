"""The cheat sheet's column flow: split into parts, laid out apart, placed three to a page."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pypdf
import pytest
from conftest import imported_seeds
from render.test_pdf import NOW, words

from build_decks.atomic import publish
from build_decks.loader import load_content
from build_decks.render import cheatsheet, pdf
from build_decks.render.options import BuildOptions

ROOT = imported_seeds()


def test_plan_cuts_the_flow_into_parts_of_about_equal_text() -> None:
    content = load_content(ROOT)
    whole = cheatsheet.plan(content, 1)
    parts = cheatsheet.plan(content, 3)
    flatten = [e["card"].id for p in parts for g in p.groups for e in g["entries"]]
    assert flatten == [e["card"].id for g in whole[0].groups for e in g["entries"]]
    sizes = [sum(len(e["text"]) for g in p.groups for e in g["entries"]) for p in parts]
    assert max(sizes) < 1.3 * min(sizes)
    assert [bool(p.references) for p in parts] == [False, False, True]
    for part in parts[1:]:  # a part that starts inside a topic says so
        first = part.groups[0]
        starts_topic = next(g for g in whole[0].groups if g["topic"] is first["topic"])
        assert first["continued"] == (first["entries"][0]["card"].id
                                      != starts_topic["entries"][0]["card"].id)


def sheet_text(path: Path) -> tuple[pypdf.PdfReader, list[str]]:
    reader = pypdf.PdfReader(path)
    return reader, [words(page.extract_text()) for page in reader.pages]


def test_a_sheet_laid_out_in_parts_has_every_entry_once_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = load_content(ROOT)
    options = BuildOptions(tmp_path / "one", ROOT, NOW)
    single = pdf.build(content, options, documents=("cheatsheet",)).paths[0]
    monkeypatch.setattr(cheatsheet, "ENTRIES_PER_PART", 20)  # the seed's 66: 3 parts
    monkeypatch.setattr("os.cpu_count", lambda: 3)
    split = pdf.build(content, BuildOptions(tmp_path / "two", ROOT, NOW),
                      documents=("cheatsheet",)).paths[0]

    reader, pages = sheet_text(split)
    text = " ".join(pages)
    fronts = [words(c.front) for topic in content.topics for c in content.cards
              if c.topic == topic.id and c.kind in ("qa", "term")]
    position = 0
    for front in fronts:  # each one after the one before: topic by topic, in the YAML's order
        position = text.find(front, position)
        assert position >= 0, front
    assert "(continued)" in text
    total = len(reader.pages)
    assert [re.search(r"Cheat sheet (\d+) / (\d+)", p).groups() for p in pages] == [
        (str(i), str(total)) for i in range(1, total + 1)]
    single_reader, _ = sheet_text(single)
    assert [i.title for i in reader.outline] == [i.title for i in single_reader.outline]
    assert total <= len(single_reader.pages) + 1  # two part boundaries: two part-empty columns


def test_columns_fill_the_pages(tmp_path: Path) -> None:
    """Three columns per page, every page but the last full, each column in its slot."""
    content = load_content(ROOT)
    context = cheatsheet.sheet_context(content, BuildOptions(tmp_path, ROOT, NOW),
                                       pdf.PdfOptions())
    geometry = cheatsheet.Geometry(pdf.PAPERS["a4"])
    part = cheatsheet.lay_out_part(cheatsheet.plan(content, 1)[0], context, geometry)
    path = tmp_path / "sheet.pdf"
    publish([cheatsheet.assemble([part], context, geometry, path)])
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == math.ceil(part.columns / 3)
    placed = [sum(name.startswith("/Col") for name in page["/Resources"]["/XObject"])
              for page in reader.pages]
    assert sum(placed) == part.columns and all(n == 3 for n in placed[:-1])
    assert 10 < part.title_height < 30  # mm: the title and the two-line introduction


@pytest.mark.parametrize(("entries", "cores", "parts"), [
    (66, 2, 1),  # the seed: one process is quicker than two
    (450, 2, 2),  # every core
    (2_000, 2, 4),  # parts small enough to bound memory, on any number of cores
    (2_000, 1, 4),
])
def test_part_count(entries: int, cores: int, parts: int) -> None:
    assert cheatsheet.part_count(entries, cores) == parts
