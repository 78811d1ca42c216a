"""Laid-out parts kept by the digest of their HTML: in memory and on disk, bounded, checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import imported_seeds

from build_decks.loader import load_content
from build_decks.render.options import BuildOptions
from build_decks.render.paper import PdfOptions, page_context, target
from build_decks.render.parts import SUFFIX, Galley, Kept, LaidOut, Part, code_version, lay_out
from build_decks.render.pdf import cache_folder

STYLE = "@page { size: 60mm 80mm; margin: 0 } body { font: 9pt 'DejaVu Sans'; }"


@pytest.fixture(scope="module")
def galley() -> Galley:
    root = imported_seeds()
    content = load_content(root)
    context = page_context(content, BuildOptions(Path("/tmp"), root, 0), PdfOptions())
    assert context["target"] == target(content)
    return Galley(STYLE, context)


@pytest.fixture(scope="module")
def laid(galley: Galley) -> list[LaidOut]:
    return lay_out(galley, [f'<p id="p{i}">Part {i}</p>' + '<p>More.</p>' * 30 * (i == 2)
                            for i in range(3)])


def test_parts_of_one_batch_share_its_pdf_and_know_their_pages(laid: list[LaidOut]) -> None:
    assert laid[0].pdf is laid[1].pdf is laid[2].pdf
    assert [p.first for p in laid] == [0, 1, 2]
    assert len(laid[2].pages) >= 2  # a part taller than a page goes on over the next
    assert "p0" in laid[0].pages[0].anchors and 0 < laid[0].pages[0].bottom < 60


def test_keys_change_with_the_html_the_style_the_code_and_the_images(galley: Galley) -> None:
    part = Part.of(galley, "<p>x</p>")
    assert part.key == Part.of(galley, "<p>x</p>").key
    assert part.key != Part.of(galley, "<p>y</p>").key
    assert part.key != Part.of(Galley(STYLE + " p { color: red }", galley.context),
                               "<p>x</p>").key
    assert part.key != Part.of(galley, "<p>x</p>", b"image bytes").key
    assert len(code_version()) == 64


def test_a_part_kept_on_disk_is_read_back_whole(laid: list[LaidOut], tmp_path: Path) -> None:
    Kept().put("k" * 64, laid[2], tmp_path)
    again = Kept().get("k" * 64, tmp_path)
    assert again == laid[2]


@pytest.mark.parametrize("damage", ["cut the part", "change the part", "cut its PDF",
                                    "another key"])
def test_a_damaged_kept_file_is_ignored_and_removed(laid: list[LaidOut], tmp_path: Path,
                                                    damage: str) -> None:
    key = "d" * 64
    Kept().put(key, laid[0], tmp_path)
    part = tmp_path / f"{key}{SUFFIX}"
    blob = next(tmp_path.glob("*.pdf"))
    if damage == "cut the part":
        part.write_bytes(part.read_bytes()[:-20])
    elif damage == "change the part":
        part.write_bytes(part.read_bytes().replace(b'"first": 0', b'"first": 1'))
    elif damage == "cut its PDF":
        blob.write_bytes(blob.read_bytes()[:100])
    else:
        part.rename(tmp_path / f"{'e' * 64}{SUFFIX}")
        key = "e" * 64
    assert Kept().get(key, tmp_path) is None
    assert not (tmp_path / f"{key}{SUFFIX}").exists()


def test_the_stores_are_bounded(laid: list[LaidOut], tmp_path: Path) -> None:
    size = len(laid[0].pdf)
    memory = Kept(memory_limit=size)
    memory.put("a", laid[0], None)
    memory.put("b", laid[1], None)  # the same PDF: held once
    assert memory.size == size and len(memory.memory) == 2
    other = lay_out(Galley(STYLE, laid_context(laid)), ["<p>other</p>"])[0]
    memory.put("c", other, None)
    assert list(memory.memory) == ["c"]  # over the limit: the least recently used went
    disk = Kept(disk_limit=size + len(other.pdf) // 2)
    disk.put("a" * 64, laid[0], tmp_path)
    disk.put("c" * 64, other, tmp_path)
    disk.prune(tmp_path)
    assert sorted(p.name[:1] for p in tmp_path.glob(f"*{SUFFIX}")) == ["c"]
    assert len(list(tmp_path.glob("*.pdf"))) == 1  # no PDF that no kept part is a page of


def laid_context(laid: list[LaidOut]) -> dict:
    root = imported_seeds()
    return page_context(load_content(root), BuildOptions(Path("/tmp"), root, 0), PdfOptions())


def test_the_disk_store_is_the_projects_build_folder_never_a_link_out(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    options = BuildOptions(project / "dist", project / "content", 0)
    assert cache_folder(options) == project.resolve() / "build" / "pdf-parts"
    (tmp_path / "elsewhere").mkdir()
    (project / "build").symlink_to(tmp_path / "elsewhere")
    assert cache_folder(options) is None
