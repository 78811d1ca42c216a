"""The README's three pictures, from a real build of this repository's content:

    docs/img/pack.png   the study pack in Chromium (Playwright driving Debian's chromium)
    docs/img/card.png   an Anki card: a note imported into a real `anki` collection, its
                        answer side (card template and CSS) shown in Chromium, phone width
    docs/img/pdf.png    the first page of the cheat sheet, drawn by pypdfium2

Run with the test packages installed (`make test` bootstraps them):
`.venv/bin/python scripts/screenshots.py`. The pictures are palette PNGs, a few tens of kB.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path

import pypdfium2
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
WIDTH = 900  # pixels: what a README column shows without scaling much
CARD_ID = "mlops-qa-training-serving-skew"  # a card with a list in its answer


def save(image: Image.Image, name: str) -> None:
    """A small PNG: at most WIDTH wide, 64 colours."""
    if image.width > WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
    image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(
        OUT / name, optimize=True)
    print(f"wrote {OUT / name} ({(OUT / name).stat().st_size // 1024} kB)")


def build(folder: Path) -> Path:
    """This repository's content built into a scratch copy (the tree is left as it is)."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    dist = folder / "dist"
    subprocess.run([sys.executable, "-m", "build_decks", "--content", str(content), "--dist",
                    str(dist), "build", "--no-import", "-q"], check=True,
                   env={"SOURCE_DATE_EPOCH": "1760000000", "PATH": "/usr/bin:/bin"})
    return dist


def card_html(package: Path, folder: Path) -> str:
    collection = Collection(str(folder / "collection.anki2"))
    try:
        collection.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(package), options=ImportAnkiPackageOptions()))
        note = collection.get_note(collection.find_notes(f"Id:{CARD_ID}")[0])
        return note.cards()[0].answer()
    finally:
        collection.close()


def pdf_page(path: Path) -> Image.Image:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return document[0].render(scale=WIDTH / document[0].get_width()).to_pil()
    finally:
        document.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        folder = Path(scratch)
        dist = build(folder)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 760})
        page.goto((dist / "study-pack.html").as_uri())
        page.wait_for_timeout(300)
        save(Image.open(BytesIO(page.screenshot())), "pack.png")

        card = folder / "card.html"
        answer = card_html(next(dist.glob("*.apkg")), folder)
        card.write_text(f'<!DOCTYPE html><html><body class="card">{answer}</body></html>',
                        encoding="utf-8")
        phone = browser.new_page(viewport={"width": 420, "height": 100}, device_scale_factor=2)
        phone.goto(card.as_uri())
        save(Image.open(BytesIO(phone.screenshot(full_page=True))), "card.png")
        browser.close()
        save(pdf_page(dist / "cheatsheet.pdf"), "pdf.png")


if __name__ == "__main__":
    main()
