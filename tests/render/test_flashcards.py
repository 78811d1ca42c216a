"""Flashcards: type sizes per sheet, duplex mirroring, folding, card sizes, fronts only."""

from __future__ import annotations

import math
from pathlib import Path

import pypdf
import pytest
from conftest import imported_seeds
from render.test_pdf import NOW, words

from build_decks.cli import parser
from build_decks.loader import load_content
from build_decks.render import flashcards, pdf, sheets
from build_decks.render.geometry import CARD_SIZES, PAPERS
from build_decks.render.options import BuildOptions
from build_decks.render.paper import PdfOptions

ROOT = imported_seeds()
META_PT = 5.6  # the topic line and the sheet's note (flashcards.css.j2), below every text size


def type_sizes(page: pypdf.PageObject) -> set[float]:
    """The sizes (pt) of the text set in DejaVu Sans on a page, the topic lines left out."""
    found = set()

    def visit(text: str, cm: list, tm: list, font: dict | None, size: float) -> None:
        if not text.strip() or not font or "Mono" in str(font.get("/BaseFont", "")):
            return
        scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        if abs(size * scale - META_PT) > 0.05:
            found.add(round(size * scale, 1))
    page.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def seed_cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cards")
    output = pdf.build(load_content(ROOT), BuildOptions(out, ROOT, NOW),
                       documents=("flashcards",))
    assert output.notes == []
    return output.paths[0]


def test_no_sheet_side_mixes_more_than_two_type_sizes(seed_cards: Path) -> None:
    pages = pypdf.PdfReader(seed_cards).pages
    sizes = [type_sizes(page) for page in pages]
    assert all(1 <= len(s) <= 2 for s in sizes), sizes
    ladders = set(sheets.FRONT_SIZES) | set(sheets.BACK_SIZES)
    assert set().union(*sizes) <= ladders


def test_sizes_follow_need_and_a_short_text_is_never_set_smaller() -> None:
    assert sheets.consolidated([0, 0, 0, 0]) == [0, 0, 0, 0]
    assert sheets.consolidated([0, 0, 1, 0]) == [0, 0, 1, 0]
    given = sheets.consolidated([0, 1, 2, 3, 5, 1, 0])
    assert len(set(given)) <= 2 and all(g >= n for g, n in zip(given, [0, 1, 2, 3, 5, 1, 0],
                                                              strict=True))
    needs = [3, 0, 4, 1, 2, 5]
    given = sheets.consolidated(needs)
    for (n1, g1) in zip(needs, given, strict=True):  # the more room a text needs, the
        for (n2, g2) in zip(needs, given, strict=True):  # smaller (or the same) its type
            assert n1 > n2 or g1 <= g2


def test_the_seeds_short_definitions_get_the_largest_back_size_of_their_sheet() -> None:
    content = load_content(ROOT)
    options = PdfOptions()
    plan = flashcards.plan(content, BuildOptions(Path("/tmp"), ROOT, NOW), options)
    need = plan.needs[0]
    for laid, (sheet, _, _) in zip(sheets.fit(need.galley, need.payloads), need.payloads,
                                strict=True):
        assert laid.pages
        largest = min(f.size for f in sheet.backs)
        for face in sheet.backs:
            if face.card.kind == "term" and len(face.text.split()) <= 12:
                assert face.size <= largest + 1, face.card.id


@pytest.mark.parametrize("flip", ["long", "short"])
def test_backs_mirror_fronts_for_duplex(flip: str) -> None:
    grid = flashcards.grid(PdfOptions(flip=flip))
    slots = flashcards.positions(grid, flip, (0.0, 0.0))
    w, h, paper = grid.card.width, grid.card.height, grid.paper
    for (fx, fy), (bx, by) in slots:
        if flip == "long":  # the columns swap: a card's back is behind its front
            assert (bx, by) == pytest.approx((paper.width - fx - w, fy), abs=0.01)
        else:
            assert (bx, by) == pytest.approx((fx, paper.height - fy - h), abs=0.01)


def test_back_offset_moves_only_the_backs() -> None:
    grid = flashcards.grid(PdfOptions())
    plain = flashcards.positions(grid, "long", (0.0, 0.0))
    moved = flashcards.positions(grid, "long", (1.5, -2.0))
    for (front, back), (front2, back2) in zip(plain, moved, strict=True):
        assert front == front2
        assert (back2[0] - back[0], back2[1] - back[1]) == pytest.approx((1.5, -2.0))


@pytest.mark.parametrize(("size", "cards", "per_sheet"), [
    ("90x62mm", "duplex", 8), ("3x5in", "duplex", 3), ("2.5x3.5in", "duplex", 9),
    ("90x62mm", "fold", 4), ("2.5x3.5in", "fold", 4), ("3x5in", "fold", 2)])
def test_card_sizes_fill_the_sheet(size: str, cards: str, per_sheet: int) -> None:
    for paper in PAPERS.values():
        grid = flashcards.grid(PdfOptions(paper=paper, card_size=CARD_SIZES[size], cards=cards))
        assert grid.per_sheet == per_sheet, paper.name
        for front, back in flashcards.positions(grid, "long", (0.0, 0.0)):
            for x, y in (front, back):  # every card on the sheet, clear of its edges
                assert x >= 5 and x + grid.card.width <= grid.paper.width - 5
                assert y >= 5 and y + grid.card.height <= grid.paper.height - 5


def test_a_folded_sheet_has_each_back_beside_its_front_across_the_fold(tmp_path: Path) -> None:
    options = PdfOptions(cards="fold")
    grid = flashcards.grid(options)
    for (fx, fy), (bx, by) in flashcards.positions(grid, "long", (0.0, 0.0)):
        fold = grid.paper.width / 2  # the sheet folds along its middle
        assert fy == by and fold - (fx + grid.card.width) == pytest.approx(bx - fold)
    output = pdf.build(load_content(ROOT), BuildOptions(tmp_path, ROOT, NOW), options,
                       documents=("flashcards",))
    assert output.paths[0].name == "flashcards-fold.pdf"
    reader = pypdf.PdfReader(output.paths[0])
    cards = [c for c in load_content(ROOT).cards if c.kind in ("qa", "term", "cloze")]
    assert len(reader.pages) == math.ceil(len(cards) / grid.per_sheet)
    first = words(reader.pages[0].extract_text())
    assert words(cards[0].front) in first and "fold along the dashed line" in first
    assert "Rollback" in words(" ".join(p.extract_text() for p in reader.pages))


def test_fronts_only_and_another_card_size(tmp_path: Path) -> None:
    options = PdfOptions(fronts_only=True, card_size=CARD_SIZES["2.5x3.5in"])
    output = pdf.build(load_content(ROOT), BuildOptions(tmp_path, ROOT, NOW), options,
                       documents=("flashcards",))
    assert output.paths[0].name == "flashcards-fronts-2.5x3.5in.pdf"
    reader = pypdf.PdfReader(output.paths[0])
    cards = [c for c in load_content(ROOT).cards if c.kind in ("qa", "term", "cloze")]
    assert len(reader.pages) == math.ceil(len(cards) / 9)
    text = words(" ".join(p.extract_text() for p in reader.pages))
    assert all(words(c.front) in text for c in cards if c.kind != "cloze")
    assert "Reverting to a previous model version" not in text  # a back: not printed


def test_the_options_have_help_and_reach_the_pdfs() -> None:
    args = parser().parse_args(["pdf", "--cards", "fold", "--card-size", "3x5in",
                                "--fronts-only"])
    assert (args.cards, args.card_size, args.fronts_only) == ("fold", "3x5in", True)
    command = parser()._subparsers._group_actions[0].choices["pdf"]
    helped = {a.dest: a.help for a in command._actions}
    assert all(helped[name] for name in ("cards", "card_size", "fronts_only"))


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
    output = pdf.stage(content, BuildOptions(tmp_path, fixture_content, NOW),
                       documents=("flashcards",))
    assert output.notes == ["back-huge-definition: text does not fit the card even at the "
                            "smallest type; shorten it (a `summary:` in the YAML)"]
    text = words(" ".join(p.extract_text() for p in pypdf.PdfReader(
        output.staged[0].tmp).pages))
    output.discard()
    assert "Warm-up avoids cold starts." in text and text.count("Replicas serve") < 5
    layout = sheets.Layout(flashcards.grid(PdfOptions()), "long", "duplex", False,
                               fixture_content)
    backs = {f.card.id: f for s in flashcards.sheets(content, PdfOptions(), layout)
             for f in s.backs}
    assert backs["long-answer"].shortened


def test_a_long_word_is_reported(fixture_content: Path, tmp_path: Path) -> None:
    deck = fixture_content / "decks" / "qa.yaml"
    deck.write_text(deck.read_text(encoding="utf-8") + (
        "- id: hashes\n  kind: qa\n  topic: serving\n  question: Which digest?\n"
        f"  answer: The digest {'a1' * 32} names the model.\n"), encoding="utf-8")
    notes = pdf.stage(load_content(fixture_content), BuildOptions(tmp_path, fixture_content,
                                                                  NOW),
                      documents=("flashcards",))
    notes.discard()
    assert notes.notes == ["back-hashes: a 64-character word is broken across lines to fit "
                           "the card"]
