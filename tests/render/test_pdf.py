"""The PDFs, read back with pypdf (text, pages, outline, metadata) and WeasyPrint's layout."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import imported_seeds

from build_decks.atomic import publish
from build_decks.loader import load_content
from build_decks.render import pdf
from build_decks.render.options import BuildOptions
from build_decks.render.paper import page_context

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
    assert 2 <= pages <= 5
    first = words(reader.pages[0].extract_text())
    assert f"MLOps Interview Prep Cheat sheet 1 / {pages}" in first
    assert reader.metadata.title == "MLOps Interview Prep — cheat sheet"
    assert reader.metadata.author == "build_decks"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    links = [a.get_object()["/A"]["/URI"] for page in reader.pages
             for a in page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"]
    assert "https://www.datacamp.com/blog/mlops-interview-questions" in links


def fonts_of(resources) -> list:
    """The fonts a page uses, its placed Form XObjects' (the cheat sheet's columns) included."""
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
    content, build_options = load_content(root), BuildOptions(tmp_path, root, NOW)
    html = pdf.worksheet_html(content, build_options, options)
    path = tmp_path / "w.pdf"
    context = page_context(content, build_options, options)
    publish([pdf.write(pdf.layout(html, context), path)])
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert float(box.width) == pytest.approx(size_mm[0] * PT_PER_MM, abs=0.5)
    assert float(box.height) == pytest.approx(size_mm[1] * PT_PER_MM, abs=0.5)


def test_worksheet_has_every_question_with_room_and_an_optional_key(
        seed_pdfs: dict[str, Path], tmp_path: Path) -> None:
    content = load_content(imported_seeds())
    text = text_of(seed_pdfs["worksheet"])
    questions = [c for c in content.cards if c.kind in ("qa", "prompt")]
    assert [c.front for c in questions if words(c.front) not in text] == []
    assert "127." in text and "128." not in text and "Answer key" not in text
    root = imported_seeds()
    keyed = pdf.worksheet_html(content, BuildOptions(tmp_path, root, NOW),
                               pdf.PdfOptions(answer_key=True))
    assert "Answer key" in keyed and "No reference answer." in keyed


@pytest.mark.parametrize("flip", ["long", "short"])
def test_backs_mirror_fronts_for_duplex(flip: str, tmp_path: Path) -> None:
    root = imported_seeds()
    content = load_content(root)
    options = pdf.PdfOptions(flip=flip)
    document, notes = pdf.fit_flashcards(content, BuildOptions(tmp_path, root, NOW), options)
    assert notes == []
    width_px = options.paper.width * pdf.MM_TO_PX
    height_px = options.paper.height * pdf.MM_TO_PX
    card_w = options.grid.card_width * pdf.MM_TO_PX
    card_h = options.grid.card_height * pdf.MM_TO_PX
    checked = 0
    for fronts, backs in zip(document.pages[::2], document.pages[1::2], strict=True):
        for anchor, (fx, fy, _, _) in fronts.anchors.items():
            if not anchor.startswith("front-") or anchor.startswith("front-body-"):
                continue
            bx, by, _, _ = backs.anchors["back-" + anchor.removeprefix("front-")]
            if flip == "long":
                assert (bx, by) == pytest.approx((width_px - fx - card_w, fy), abs=0.1)
            else:
                assert (bx, by) == pytest.approx((fx, height_px - fy - card_h), abs=0.1)
            checked += 1
    assert checked == sum(1 for c in content.cards if c.kind in ("qa", "term"))


def test_back_offset_moves_only_the_backs(tmp_path: Path) -> None:
    root = imported_seeds()
    content = load_content(root)
    build = BuildOptions(tmp_path, root, NOW)
    plain = pdf.flashcards_html(content, build, pdf.PdfOptions(),
                                pdf._initial_faces(content, pdf.PdfOptions()))
    moved_options = pdf.PdfOptions(back_offset=(1.5, -2.0))
    moved = pdf.flashcards_html(content, build, moved_options,
                                pdf._initial_faces(content, moved_options))
    front = re.compile(r'id="front-readiness-ml-model-deployment" style="left: ([\d.]+)mm; '
                       r'top: ([\d.]+)mm"')
    back = re.compile(r'id="back-readiness-ml-model-deployment" style="left: ([\d.]+)mm; '
                      r'top: ([\d.]+)mm"')
    assert front.search(plain).groups() == front.search(moved).groups()
    (x0, y0), (x1, y1) = (map(float, back.search(h).groups()) for h in (plain, moved))
    assert (x1 - x0, y1 - y0) == pytest.approx((1.5, -2.0))


def test_overflowing_card_is_shrunk_shortened_or_reported(fixture_content: Path,
                                                          tmp_path: Path) -> None:
    deck = fixture_content / "decks" / "qa.yaml"
    long_answer = " ".join(["Replicas serve traffic while the new model warms up."] * 40)
    huge_term = " ".join(["word"] * 500)
    deck.write_text(deck.read_text(encoding="utf-8") + (
        "- id: long-answer\n  kind: qa\n  topic: serving\n  question: Why warm up?\n"
        f"  answer: |-\n    Warm-up avoids cold starts.\n\n    {long_answer}\n"
        "- id: huge-definition\n  kind: term\n  topic: serving\n  term: Huge\n"
        f"  definition: {huge_term}\n"), encoding="utf-8")
    content = load_content(fixture_content)
    document, notes = pdf.fit_flashcards(content, BuildOptions(tmp_path, fixture_content, NOW),
                                         pdf.PdfOptions())
    assert notes == ["back-huge-definition: text does not fit the card even at the smallest "
                     "type; shorten it (a `summary:` in the YAML)"]
    html = "".join(p.anchors.keys().__repr__() for p in document.pages)
    assert "back-long-answer" in html
    faces = pdf._initial_faces(content, pdf.PdfOptions())
    long_back = next(b for _, b in faces if b.card.id == "long-answer")
    assert long_back.shortened and long_back.text.startswith("Warm-up avoids cold starts.")


def test_reproducible_with_source_date_epoch(tmp_path: Path) -> None:
    root = imported_seeds()
    content = load_content(root)
    first = pdf.build(content, BuildOptions(tmp_path / "a", root, NOW))
    second = pdf.build(content, BuildOptions(tmp_path / "b", root, NOW))
    for a, b in zip(first.paths, second.paths, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_flashcards_fitted_from_a_warm_start_match_a_cold_build(tmp_path: Path,
                                                                monkeypatch) -> None:
    """`watch` starts each unchanged card at the type scale it needed last time: the pages
    must come out as a cold build lays them out."""
    root = imported_seeds()
    content = load_content(root)
    options = BuildOptions(tmp_path, root, NOW)

    def pages() -> list[bytes]:
        output = pdf.stage_one("flashcards", content, options, pdf.PdfOptions())
        reader = pypdf.PdfReader(output.staged[0].tmp)
        contents = [page.get_contents().get_data() for page in reader.pages]
        output.discard()
        return contents

    cold = pages()
    monkeypatch.setattr(pdf.LAID_OUT, "enabled", True)
    monkeypatch.setattr(pdf, "FITTED", {})
    output = pdf.stage_one("flashcards", content, options, pdf.PdfOptions())
    output.discard()
    pdf.FITTED.update(output.learned)
    assert any(scale for scale, _, _ in pdf.FITTED.values())  # some faces needed shrinking
    assert pages() == cold
