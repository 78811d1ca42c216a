"""One measured stage, run in its own process so its peak memory is its own.

    python bench/stages.py STAGE CONTENT_DIR OUT_DIR   ->  prints {"seconds": s, "peak_mb": m}

Stages named `bare-*` do the same work with the bare library, for the ratios.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import genanki
import jinja2
import markdown
import weasyprint

from build_decks.config import load_config
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.model import Content
from build_decks.render import anki, html, pdf
from build_decks.render.markup import to_html
from build_decks.render.options import BuildOptions

EXTENSIONS = ["fenced_code", "tables", "sane_lists", "codehilite"]
BARE_PAGE = jinja2.Template(
    "<!DOCTYPE html><html><head><title>{{ title }}</title></head><body>"
    "{% for c in cards %}<article id='{{ c.id }}'><h2>{{ c.q }}</h2>{{ c.a }}</article>"
    "{% endfor %}</body></html>", autoescape=False)


def bare_markdown(content: Content) -> list[tuple[str, str, str]]:
    converter = markdown.Markdown(extensions=EXTENSIONS)
    return [(c.id, converter.reset().convert(c.front), converter.reset().convert(c.back))
            for c in content.cards]


def prepare(stage: str, root: Path, out: Path) -> Callable[[], object]:
    """Everything the stage needs that is not the stage's work; returns the work."""
    options = BuildOptions(out, root, 1_760_000_000)
    out.mkdir(parents=True, exist_ok=True)
    if stage == "import":
        return lambda: import_sources(load_config(root))
    if stage == "load":
        return lambda: load_content(root)
    content = load_content(root)
    to_html.cache_clear()
    if stage == "anki":
        return lambda: anki.build(content, options)
    if stage == "html":
        return lambda: html.build(content, options)
    if stage == "cheatsheet":
        return lambda: pdf.build_one("cheatsheet", content, options, pdf.PdfOptions())
    if stage == "pdf":
        return lambda: pdf.build(content, options)
    if stage == "bare-anki":
        def bare_anki() -> None:
            model = genanki.Model(1, "Basic", fields=[{"name": "Q"}, {"name": "A"}],
                                  templates=[{"name": "c", "qfmt": "{{Q}}", "afmt": "{{A}}"}])
            deck = genanki.Deck(2, "Bench")
            for card_id, question, answer in bare_markdown(content):
                deck.add_note(genanki.Note(model=model, fields=[question, answer],
                                           guid=genanki.guid_for(card_id)))
            genanki.Package(deck).write_to_file(out / "bare.apkg", timestamp=1_760_000_000)
        return bare_anki
    if stage == "bare-html":
        def bare_html() -> None:
            cards = [{"id": i, "q": q, "a": a} for i, q, a in bare_markdown(content)]
            (out / "bare.html").write_text(BARE_PAGE.render(title="Bench", cards=cards))
        return bare_html
    page = pdf.cheatsheet_html(content, options, pdf.PdfOptions())
    if stage == "bare-weasyprint":  # the same HTML as our cheat sheet, WeasyPrint alone
        return lambda: weasyprint.HTML(string=page).write_pdf(out / "bare.pdf")
    if stage == "naive-cheatsheet":  # the obvious layout: balanced two columns per topic
        naive = page.replace('<div class="cols">', "").replace(
            '<h2 class="topic"', '</div><h2 class="topic"').replace(
            "</h2>", '</h2><div style="columns: 2; column-fill: balance">')
        return lambda: weasyprint.HTML(string=naive).write_pdf(out / "naive.pdf")
    raise SystemExit(f"unknown stage {stage}")


def main() -> None:
    stage, root, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    work = prepare(stage, root, out)
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    peak = max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


if __name__ == "__main__":
    main()
