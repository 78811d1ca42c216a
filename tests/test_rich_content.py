"""Formulas, images and cloze cards through every output, checked with the real parts: the
`anki` library imports the package, Chromium opens the pack, pypdf reads the PDFs. One
document (written here) is built the way `make all` builds (`build --import`, a subprocess)
while a local HTTP listener waits for the request no stage may make."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from anki_import import fresh_collection, import_package
from conftest import SEEDS
from listener import Listener
from PIL import Image, ImageDraw
from playwright.sync_api import Browser

from build_decks.yamlio import load_yaml

DOCUMENT = r"""# Evaluation notes

## What is the F1 score?

The harmonic mean of precision and recall:

$$F_1 = \frac{2PR}{P+R}$$

where $P$ is precision and $R$ is recall. One run costs $5 and a retry $10.

![Precision and recall](img/pr.png)

## What does softmax do?

It maps logits to probabilities: \(\sigma(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}\)
over $\mathbb{R}^n$.

\[
L = -\sum_i y_i \log p_i
\]

## What does a confusion matrix show?

Counts of predictions against the truth. ![confusion matrix](REMOTE/cm.png)

<img src="REMOTE/cm2.png" alt="matrix heat map">

## Definitions

- The {{c1::F1 score}} is the {{c2::harmonic mean::kind of mean}} of precision and recall.

## What is wrong here?

A broken formula, $\frac{a$, stays readable.
"""


def diagram(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (240, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 110, 110), outline="navy", width=4)
    draw.ellipse((130, 10, 230, 110), outline="darkred", width=4)
    image.save(path)


@dataclass
class Built:
    content: Path
    dist: Path
    output: str  # stdout (import findings), then stderr (warnings)
    returncode: int


def run(content: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1760000000"}
    result = subprocess.run([sys.executable, "-m", "build_decks", "--content", str(content),
                             "--dist", str(content.parent / "dist"), *args],
                            capture_output=True, text=True, env=environment, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def project(root: Path, document: str, name: str = "eval.md") -> Path:
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    (content / "topics.yaml").write_text((SEEDS / "topics.yaml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    (content / "config.yaml").write_text("title: Evaluation\n", encoding="utf-8")
    (content / "sources" / name).write_text(document, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, listener: Listener) -> Built:
    content = project(tmp_path_factory.mktemp("rich"),
                      DOCUMENT.replace("REMOTE", listener.base))
    diagram(content / "sources" / "img" / "pr.png")
    result = run(content, "build", "--import")  # what `make all` runs on a changed source
    return Built(content, content.parent / "dist", result.stdout + result.stderr,
                 result.returncode)


def deck(built: Built) -> dict[str, dict]:
    return {c["id"]: c for c in load_yaml(built.content / "decks" / "eval.yaml")["cards"]}


def visible_text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags and their attributes removed."""
    return html.unescape(re.sub(r"<[^>]*>", " ", fragment))


# Import --------------------------------------------------------------------------------------

def test_import_keeps_math_verbatim_and_copies_the_image(built: Built, listener: Listener) -> None:
    assert built.returncode == 0, built.output
    cards = deck(built)
    f1 = cards["eval-f1-score"]["answer"]
    assert "$$F_1 = \\frac{2PR}{P+R}$$" in f1 and "$P$ is precision" in f1
    assert "One run costs $5 and a retry $10." in f1
    stored = [p.name for p in (built.content / "media").iterdir()]
    assert len(stored) == 1 and re.fullmatch(r"pr-[0-9a-f]{10}\.png", stored[0])
    assert f"![Precision and recall]({stored[0]})" in f1
    softmax = cards["eval-softmax"]["answer"]
    assert "\\(\\sigma(z)_i" in softmax and "\\[\nL = -\\sum_i y_i \\log p_i\n\\]" in softmax
    assert f"({listener.base}/cm.png)" in cards["eval-confusion-matrix-show"]["answer"]
    cloze = cards["eval-f1-score-harmonic-mean-precision"]
    assert cloze["kind"] == "cloze" and cloze["section"] == "Definitions"
    assert cloze["text"].startswith("The {{c1::F1 score}} is the {{c2::harmonic mean::kind")
    source = built.content / "sources" / "eval.md"
    assert f"{source}:24: remote-image: {listener.base}/cm.png is on the web" in built.output
    assert f"{source}:34: formula: '\\\\frac{{a' will show as code" in built.output
    yaml_file = built.content / "decks" / "eval.yaml"
    assert re.search(rf"warning: {re.escape(str(yaml_file))}:\d+: card 'eval-wrong-here': "
                     "formula ", built.output)
    assert ("formula '\\\\frac{a' is shown as code: a fraction is missing an argument"
            in built.output)


def test_check_counts_formulas_images_and_cloze_cards(built: Built) -> None:
    report = run(built.content, "check").stdout
    assert ("formulas: 7; images: 3 (1 file in media/); cloze cards: 1 (making 2 Anki cards)"
            in report)
    assert "formulas shown as code and images shown as links: 3" in report


# Anki ----------------------------------------------------------------------------------------

def test_anki_gets_mathjax_the_image_and_one_card_per_deletion(built: Built,
                                                               tmp_path: Path) -> None:
    collection = fresh_collection(tmp_path / "anki")
    log = import_package(collection, built.dist / "evaluation.apkg")
    assert len(log.new) == 5 and not log.missing_notetype
    notes = {collection.get_note(n).fields[2]: collection.get_note(n)
             for n in collection.find_notes("")}
    f1 = notes["eval-f1-score"]
    assert re.search(r"\\\[F_1 = \\frac&#123;2PR&#125;&#123;P\+R&#125;\\\]", f1["Answer"])
    assert "\\(P\\)" in f1["Answer"]
    card = f1.cards()[0]
    assert "$$" not in card.question() + card.answer()
    image = next(n for n in os.listdir(collection.media.dir()) if n.startswith("pr-"))
    assert f'<img alt="Precision and recall" src="{image}">' in card.answer()
    cloze = notes["eval-f1-score-harmonic-mean-precision"]
    assert cloze.note_type()["name"] == "build_decks Cloze"
    first, second = sorted(cloze.cards(), key=lambda c: c.ord)
    assert "F1 score" not in visible_text(first.question())
    assert "harmonic mean" in visible_text(first.question())
    assert "harmonic mean" not in visible_text(second.question())
    assert "[kind of mean]" in visible_text(second.question())
    assert "harmonic mean" in visible_text(second.answer())
    assert '<code class="math-error"' in notes["eval-wrong-here"]["Answer"]
    collection.close()


# The pack ------------------------------------------------------------------------------------

def test_pack_draws_mathml_and_the_inlined_image_with_no_request(built: Built,
                                                                 listener: Listener,
                                                                 browser: Browser) -> None:
    pack = built.dist / "study-pack.html"
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(pack.resolve().as_uri())
    card = page.locator("article#eval-f1-score")
    card.locator("button.reveal").click()
    sizes = card.locator("math").evaluate_all(
        "nodes => nodes.map(n => [n.getBoundingClientRect().width,"
        " n.getBoundingClientRect().height])")
    assert len(sizes) == 3 and all(w > 0 and h > 0 for w, h in sizes)
    image = card.locator("img")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 240
    assert image.get_attribute("src").startswith("data:image/png;base64,")
    remote = page.locator("article#eval-confusion-matrix-show a.remote-image")
    assert remote.evaluate_all("links => links.map(a => a.textContent)") == [
        "confusion matrix", "matrix heat map"]
    page.locator("#bd-kind").select_option("cloze")
    page.locator("#bd-mode-study").click()
    question = page.locator("#bd-study-q")
    assert "F1 score" not in question.inner_text()
    assert "[kind of mean]" in question.inner_text()
    page.keyboard.press(" ")
    assert "F1 score" in question.inner_text()
    assert "harmonic mean" not in question.inner_text()
    assert page.locator("#bd-grades").is_hidden()
    page.keyboard.press(" ")
    assert "harmonic mean" in question.inner_text()
    assert page.locator("#bd-grades").is_visible()
    page.close()
    assert [url for url in requests if url != pack.resolve().as_uri()] == []
    assert listener.requests == []


# The PDFs ------------------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_pdfs_embed_the_image_and_draw_formulas(built: Built) -> None:
    for name in ("cheatsheet", "flashcards"):
        reader = pypdf.PdfReader(built.dist / f"{name}.pdf")
        images = [image for page in reader.pages for image in page.images]
        assert images and {image.image.size for image in images} == {(240, 120)}, name
    for name in ("cheatsheet", "flashcards", "worksheet"):
        text = pdf_text(built.dist / f"{name}.pdf")
        for tex in ("$$", "\\frac{2PR}", "\\mathbb", "\\sum", "{{c1::"):
            assert tex not in text, (name, tex)
    assert "$\\frac{a$" in pdf_text(built.dist / "cheatsheet.pdf")  # shown as code


def test_cloze_blanks_on_fronts_and_worksheet_filled_on_backs_and_sheet(built: Built) -> None:
    flashcards = pypdf.PdfReader(built.dist / "flashcards.pdf").pages
    assert "harmonic mean" not in flashcards[0].extract_text()
    assert "kind of mean" in flashcards[0].extract_text()
    assert "harmonic mean" in flashcards[1].extract_text()
    worksheet = pdf_text(built.dist / "worksheet.pdf")
    assert "Fill in the blanks" in worksheet and "harmonic mean" not in worksheet
    assert "harmonic mean" in pdf_text(built.dist / "cheatsheet.pdf")


def test_no_stage_made_a_request(built: Built, listener: Listener) -> None:
    assert built.returncode == 0
    assert listener.requests == []


# Bad images and bad deletions ----------------------------------------------------------------

def test_a_missing_image_is_a_warning_at_its_line_and_costs_no_card(tmp_path: Path) -> None:
    content = project(tmp_path, "## What is it?\n\nSee the plot:\n\n![plot](plots/missing.png)\n")
    result = run(content, "import")
    assert result.returncode == 0, result.stderr
    assert (f"{content / 'sources' / 'eval.md'}:5: missing-image: image 'plots/missing.png' not "
            "found" in result.stderr)
    [card] = load_yaml(content / "decks" / "eval.yaml")["cards"]
    assert "See the plot" in card["answer"] and not (content / "media").exists()


@pytest.mark.parametrize(("setup", "message"), [
    ("outside", "is outside the content folder"),
    ("not-an-image", "not an image every output can show"),
    ("too-large", "the limit is 5,000,000"),
])
def test_images_outside_content_fake_or_too_large_are_refused(tmp_path: Path, setup: str,
                                                              message: str) -> None:
    reference = {"outside": "../../secret.png"}.get(setup, "img/x.png")
    content = project(tmp_path, f"## What is it?\n\n![x]({reference})\n")
    if setup == "outside":
        diagram(tmp_path / "secret.png")
    elif setup == "not-an-image":
        (content / "sources" / "img").mkdir()
        (content / "sources" / "img" / "x.png").write_text("<?php echo 1; ?>", encoding="utf-8")
    else:
        (content / "sources" / "img").mkdir()
        (content / "sources" / "img" / "x.png").write_bytes(b"\x89PNG" + b"0" * 5_000_001)
    result = run(content, "import")
    assert result.returncode == 0 and f"eval.md:3: missing-image: image '{reference}'" in (
        result.stderr)
    assert message in result.stderr and not (content / "media").exists()


def test_yaml_images_and_deletions_are_checked_with_lines(tmp_path: Path) -> None:
    content = project(tmp_path, "Q: What is it?\nA: This.\n")
    assert run(content, "import").returncode == 0
    (content / "decks" / "eval.yaml").write_text(
        "cards:\n"
        "- id: a\n  kind: qa\n  topic: serving\n  question: Q?\n  answer: |-\n    Text.\n\n"
        "    ![x](nowhere.png)\n"
        "- id: b\n  kind: cloze\n  topic: serving\n  text: 'The {{c1::}} is empty.'\n"
        "- id: c\n  kind: cloze\n  topic: serving\n  text: 'No {{c1::close here.'\n"
        "- id: d\n  kind: cloze\n  topic: serving\n  text: 'No {{c::number}} here.'\n"
        "- id: e\n  kind: cloze\n  topic: serving\n  text: No deletion at all.\n",
        encoding="utf-8")
    result = run(content, "build")
    path = content / "decks" / "eval.yaml"
    assert result.returncode == 1
    assert result.stderr.splitlines()[:4] == [
        f"error: {path}:13: card 'b': deletion c1 has an empty answer",
        f"error: {path}:17: card 'c': deletion c1 is never closed with `}}}}`",
        f"error: {path}:21: card 'd': a deletion needs a c number: write {{{{c1::answer}}}} or "
        "{{c1::answer::hint}}",
        f"error: {path}:25: card 'e': a cloze card needs a deletion: {{{{c1::answer}}}}",
    ]
    assert not (content.parent / "dist").exists()
    (content / "decks" / "eval.yaml").write_text(
        "cards:\n"
        "- id: a\n  kind: qa\n  topic: serving\n  question: Q?\n  answer: |-\n    Text.\n\n"
        "    ![x](nowhere.png)\n", encoding="utf-8")
    result = run(content, "build")
    assert result.returncode == 0, result.stderr
    assert (f"warning: {path}:9: card 'a': image 'nowhere.png' is not in {content / 'media'}; "
            "shown as its alt text") in result.stderr
