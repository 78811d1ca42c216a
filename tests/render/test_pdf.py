"""The PDFs, read back with pypdf (text, pages, outline, metadata) and pypdfium2 (pixels)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from conftest import imported_seeds

from build_decks.loader import load_content
from build_decks.render import pdf, worksheet
from build_decks.render.impose import blocks_of, fill
from build_decks.render.options import BuildOptions
from build_decks.render.parts import KEPT, lay_out

NOW = 1_760_000_000
PT_PER_MM = 72 / 25.4


def words(text: str) -> str:
    """Extracted text without hyphenation breaks and layout whitespace, for comparisons."""
    text = re.sub(r"\u2010\s*\n\s*", "", text)  # WeasyPrint's automatic hyphen
    text = re.sub(r"-\s*\n\s*", "-", text)  # a compound word broken at its own hyphen
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = imported_seeds()
    dist = tmp_path_factory.mktemp("dist")
    KEPT.clear()
    output = pdf.build(load_content(root), BuildOptions(dist, root, NOW))
    assert output.notes == []
    return {p.stem: p for p in output.paths}


def text_of(path: Path) -> str:
    return words("\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def test_cheatsheet_has_every_question_and_term(seed_pdfs: dict[str, Path]) -> None:
    content = load_content(imported_seeds())
    text = text_of(seed_pdfs["cheatsheet"])
    missing = [c.front for c in content.cards if c.kind in ("qa", "term")
               and words(c.front) not in text]
    assert missing == []
    assert not any(words(c.front) in text for c in content.cards if c.kind == "prompt")


def test_cheatsheet_outline_pages_and_metadata(seed_pdfs: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(seed_pdfs["cheatsheet"])
    titles = [item.title for item in reader.outline]
    content = load_content(imported_seeds())
    assert titles == [t.title for t in content.topics if any(
        c.topic == t.id and c.kind in ("qa", "term") for c in content.cards)] + ["References"]
    pages = len(reader.pages)
    assert 1 <= pages <= 5
    first = words(reader.pages[0].extract_text())
    assert f"MLOps Interview Prep Cheat sheet 1 / {pages}" in first
    assert reader.metadata.title == "MLOps Interview Prep — cheat sheet"
    assert reader.metadata.author == content.author
    assert reader.metadata.creation_date.timestamp() == NOW
    assert reader.trailer["/Root"]["/Lang"] == "en"
    links = [a.get_object()["/A"]["/URI"] for page in reader.pages
             for a in page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"]
    assert "https://www.datacamp.com/blog/mlops-interview-questions" in links


def fonts_of(resources) -> list:
    """The fonts a page uses, its placed Form XObjects' (the parts) included."""
    fonts = [f.get_object() for f in resources.get("/Font", {}).values()]
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            fonts += fonts_of(xobject["/Resources"])
    return fonts


def test_fonts_are_embedded(seed_pdfs: dict[str, Path]) -> None:
    for path in seed_pdfs.values():
        reader = pypdf.PdfReader(path)
        fonts = [f for page in reader.pages[:2] for f in fonts_of(page["/Resources"])]
        assert len(fonts) >= 2, path.name  # regular and bold at least
        for font in fonts:
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
                else font
            descriptor = descendant["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize(("paper", "size_mm"), [("a4", (210, 297)), ("letter", (215.9, 279.4))])
def test_page_size(paper: str, size_mm: tuple[float, float], tmp_path: Path) -> None:
    root = imported_seeds()
    options = pdf.PdfOptions(paper=pdf.PAPERS[paper])
    output = pdf.build(load_content(root), BuildOptions(tmp_path, root, NOW), options,
                       documents=("worksheet",))
    assert output.paths[0].name == ("worksheet.pdf" if paper == "a4" else "worksheet-letter.pdf")
    for page in pypdf.PdfReader(output.paths[0]).pages:
        assert float(page.mediabox.width) == pytest.approx(size_mm[0] * PT_PER_MM, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(size_mm[1] * PT_PER_MM, abs=0.5)


def test_worksheet_has_every_question_and_an_optional_key(seed_pdfs: dict[str, Path],
                                                          tmp_path: Path) -> None:
    content = load_content(imported_seeds())
    text = text_of(seed_pdfs["worksheet"])
    questions = [c for c in content.cards if c.kind in ("qa", "prompt")]
    assert [c.front for c in questions if words(c.front) not in text] == []
    assert "127." in text and "128." not in text and "Answer key" not in text
    assert text.count("✎") == 1 + sum(1 for c in questions if c.kind == "prompt")  # + intro
    keyed = pdf.build(content, BuildOptions(tmp_path, imported_seeds(), NOW),
                      pdf.PdfOptions(answer_key=True), documents=("worksheet",)).paths[0]
    assert keyed.name == "worksheet-key.pdf"
    reader = pypdf.PdfReader(keyed)
    assert [i.title for i in reader.outline][-1] == "Answer key"
    key_page = next(i for i, p in enumerate(reader.pages) if "Answer key" in p.extract_text())
    assert "127." not in reader.pages[key_page - 1].extract_text().split("Answer key")[-1] or (
        key_page > 0)
    assert "No reference answer." in text_of(keyed)


def test_the_seed_worksheet_takes_at_most_18_pages(seed_pdfs: dict[str, Path]) -> None:
    """33 pages before: each question has the lines its answer needs, and they are packed."""
    assert len(pypdf.PdfReader(seed_pdfs["worksheet"]).pages) <= 18


def test_no_worksheet_page_ends_with_a_gap_taller_than_the_next_question(
        seed_pdfs: dict[str, Path], tmp_path: Path) -> None:
    root = imported_seeds()
    content = load_content(root)
    plan = worksheet.plan(content, BuildOptions(tmp_path, root, NOW), pdf.PdfOptions())
    need = plan.needs[0]
    columns = worksheet.Geometry(pdf.PAPERS["a4"]).placing()
    kept = [KEPT.get(p.key, None) for p in need.parts]  # laid out by the seed_pdfs fixture
    if None in kept:
        kept = lay_out(need.galley, [p.html for p in need.parts])
    placed = fill(blocks_of(kept), columns)
    pages = placed[-1].page + 1
    assert pages <= 18
    for page in range(pages - 1):
        on_page = [p for p in placed if p.page == page]
        gap = columns.room(page) - (on_page[-1].y + on_page[-1].block.height)
        following = next(p for p in placed if p.page == page + 1)
        assert 0 <= gap < following.block.height, page


def test_answer_lines_follow_the_reference_answer() -> None:
    content = load_content(imported_seeds())
    lines = worksheet.room(content)
    cards = {c.id: c for c in content.cards}
    answered = sorted((worksheet.word_count(worksheet.short_form(cards[i])), n)
                      for i, n in lines.items() if cards[i].kind == "qa")
    assert [n for _, n in answered] == sorted(n for _, n in answered)  # longer, more lines
    assert all(worksheet.MIN_LINES <= n <= worksheet.MAX_LINES for _, n in answered)
    prompts = {n for i, n in lines.items() if cards[i].kind == "prompt"}
    assert prompts == {worksheet.PRACTICE_LINES}


def test_reproducible_with_source_date_epoch(tmp_path: Path) -> None:
    """Every part laid out afresh each time (tests/test_build.py: every output, from Make)."""
    root = imported_seeds()
    content = load_content(root)
    first = pdf.build(content, BuildOptions(tmp_path / "a", root, NOW, reproducible=True),
                      documents=("cheatsheet",))
    second = pdf.build(content, BuildOptions(tmp_path / "b", root, NOW, reproducible=True),
                       documents=("cheatsheet",))
    for a, b in zip(first.paths, second.paths, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def pictures(path: Path) -> list[bytes]:
    document = pypdfium2.PdfDocument(path)
    return [bytes(page.render(scale=0.6).to_pil().tobytes()) for page in document]


def test_a_build_from_kept_parts_has_the_pages_of_a_cold_build(tmp_path: Path) -> None:
    """A one-card edit lays out only the parts it changed, from the disk store; every page
    of every PDF is then the page a cold build makes (same pixels, same text)."""
    project = tmp_path / "project"
    shutil.copytree(imported_seeds(), project / "content")
    root = project / "content"
    store = pdf.PdfOptions(cache=tmp_path / "store")
    KEPT.clear()
    pdf.build(load_content(root), BuildOptions(tmp_path / "first", root, NOW), store)
    deck = root / "decks" / "mlops-blog.yaml"
    text = deck.read_text(encoding="utf-8")
    edited = re.sub(r"^(\s+answer: (\|-\n\s+)?)", r"\1Edited once. ", text, count=1,
                    flags=re.MULTILINE)
    assert edited != text
    deck.write_text(edited, encoding="utf-8")
    content = load_content(root)
    KEPT.clear()  # as `make all` starts: nothing in memory, the parts on disk
    pending = pdf.lay_out(content, BuildOptions(tmp_path / "kept", root, NOW), store)
    assert pending.laid_out <= 3  # its entry, its question, its sheet of cards
    kept = pending.wait().publish()
    KEPT.clear()
    cold = pdf.build(content, BuildOptions(tmp_path / "cold", root, NOW))
    for a, b in zip(kept.paths, cold.paths, strict=True):
        assert text_of(a) == text_of(b), a.name
        assert pictures(a) == pictures(b), a.name
    assert "Edited once." in text_of(kept.paths[0]) + text_of(kept.paths[1])
