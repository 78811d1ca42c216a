"""The stages `bench/stages.py` runs, one per process, and the bare libraries' work for them."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import genanki
import jinja2
import markdown
import nh3
import weasyprint

from build_decks.config import load_config
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.model import Content
from build_decks.readers import REGISTRY as READERS
from build_decks.render import anki, cheatsheet, html, markup, paper, pdf, worksheet
from build_decks.render.env import ENV
from build_decks.render.options import BuildOptions
from build_decks.render.parts import Galley

BARE_PAGE = jinja2.Template(
    "<!DOCTYPE html><html><head><title>{{ title }}</title></head><body>"
    "{% for c in cards %}<article id='{{ c.id }}'><h2>{{ c.q }}</h2>{{ c.a }}</article>"
    "{% endfor %}</body></html>", autoescape=False)
# The obvious cheat sheet: the same entries and style, two balanced CSS columns per topic.
NAIVE_SHEET = ENV.from_string("""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
{{ css }} @page { size: A4; margin: 13mm 9mm 12mm 9mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 7pt; } }
.naive { columns: 2; column-fill: balance; column-gap: 4mm; }</style></head><body>
<h1>{{ title }}</h1>{% for group in groups %}<h2 class="topic">{{ group.topic.title }}</h2>
<div class="naive">{% for item in group.entries %}<div class="entry"><div class="q">
{{ item.card.front | markdown_inline }}</div><div class="a">{{ item.text | markdown }}</div></div>
{% endfor %}</div>{% endfor %}</body></html>""")


def bare_markdown(content: Content) -> list[tuple[str, str, str]]:
    """The libraries alone doing the same conversion: Python-Markdown with the same
    extensions (tables, footnotes, definition lists, admonitions, sane lists, superfences
    highlighting code with pygments, tilde, magiclink), the HTML sanitized by nh3 with its
    defaults; no GitHub block structure, math, cloze, images, caching or checks."""
    configs = {**markup.BUILTIN_EXTENSIONS, "pymdownx.superfences": {}}
    converter = markdown.Markdown(extensions=list(configs), extension_configs=configs,
                                  output_format="html")

    def converted(text: str) -> str:
        return nh3.clean(converter.reset().convert(text))
    return [(c.id, converted(c.front), converted(c.back)) for c in content.cards]


def bare_documents(content: Content, options: BuildOptions, names: tuple[str, ...]) -> list[str]:
    """The PDFs' HTML as whole documents: each galley's parts in one document (no fitting,
    no parts kept), and each frame, for WeasyPrint alone to lay out one after another."""
    documents = []
    for name in names:
        plan = pdf.PLANNERS[name](content, options, pdf.PdfOptions())
        documents += [need.galley.document([p.html for p in need.parts]) for need in plan.needs]
        if name != "flashcards":  # the paper pages, at the page count of today's seed sheet
            frame = cheatsheet.Geometry(pdf.PAPERS["a4"]) if name == "cheatsheet" else None
            documents.append(bare_frame(content, options, frame))
    return documents


def bare_frame(content: Content, options: BuildOptions, geometry: object) -> str:
    context = paper.page_context(content, options, pdf.PdfOptions())
    if geometry is None:
        sheet = worksheet.Geometry(pdf.PAPERS["a4"])
        style = ENV.get_template("pdf/worksheet-frame.css.j2").render(
            geometry=sheet, code=False, **context)
        body = ENV.get_template("pdf/worksheet-frame.html").render(pages=17, **context)
    else:
        style = ENV.get_template("pdf/cheatsheet-frame.css.j2").render(
            geometry=geometry, code=False, **context)
        body = ENV.get_template("pdf/cheatsheet-frame.html").render(
            pages=[{"rules": geometry.rules(), "top": 0}] * 2, geometry=geometry, **context)
    return Galley(style, context).document([body])


REWORDINGS = {  # stage -> how every synthetic question is asked again
    "reimport-reworded": (r"\*\*What is ", r"**What is the "),  # an article added
    "reimport-explained": (r"\*\*What is (.+?)\?\*\*", r"**Explain \1.**"),  # asked otherwise
    "reimport-reordered": (r"\*\*What is (\w+ \w+) number (\d+)\?\*\*",
                           r"**Number \2: what is \1?**"),  # the same words, reordered
}


def reword(root: Path, stage: str = "reimport-reworded") -> None:
    """Every question of the synthetic source asked a little differently: a re-import must
    find each card again by fuzzy matching."""
    pattern, replacement = REWORDINGS[stage]
    for source in (root / "sources").iterdir():
        text = source.read_text(encoding="utf-8")
        source.write_text(re.sub(pattern, replacement, text), encoding="utf-8")


def card_ids(root: Path) -> list[str]:
    """Every card id, deck by deck, in document order."""
    import yaml

    return [card["id"] for deck in sorted((root / "decks").glob("*.yaml"))
            for card in yaml.load(deck.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            ["cards"]]


def kept_share(root: Path, before: list[str]) -> Callable[[], dict]:
    """After a reworded re-import: how many cards kept their id (same place, same id)."""
    def measure() -> dict:
        after = card_ids(root)
        kept = sum(a == b for a, b in zip(before, after, strict=False))
        return {"cards": len(before), "kept": kept, "new_ids": len(set(after) - set(before))}
    return measure


def prepare(stage: str, root: Path, out: Path) -> Callable[[], object]:
    """Everything the stage needs that is not the stage's work; returns the work."""
    options = BuildOptions(out, root, 1_760_000_000)
    out.mkdir(parents=True, exist_ok=True)
    if stage == "import":  # the readers imported first, as the peer's parser is (reader_scale)
        for reader in READERS.values():
            import_module(reader.module)
        return lambda: import_sources(load_config(root))
    if stage in REWORDINGS:  # imported before, then every question reworded
        import_sources(load_config(root))
        before = card_ids(root)
        reword(root, stage)

        def reimport() -> object:
            return import_sources(load_config(root))
        reimport.measure = kept_share(root, before)  # type: ignore[attr-defined]
        return reimport
    if stage == "check":  # as `build-decks check` does it: load, validate, report
        from build_decks.check import build_report, format_report

        def check() -> str:
            content = load_content(root)
            return format_report(build_report(content), content)
        return check
    if stage == "load":
        return lambda: load_content(root)
    if stage in ("watch-all", "watch-reload-anki-html", "watch-anki-html"):
        return warm_rebuild(root, out, stage == "watch-all", stage == "watch-anki-html")
    content = load_content(root)
    markup.cache_clear()
    if stage == "anki":
        return lambda: anki.build(content, options)
    if stage == "html":
        return lambda: html.build(content, options)
    if stage == "cheatsheet":  # as `build-decks build` does it: the parts on every core
        return lambda: pdf.build(content, options, documents=("cheatsheet",))
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
    if stage == "cheatsheet-one-core":
        os.cpu_count = lambda: 1  # the parts laid out one after another, in this process
        return lambda: pdf.build(content, options, documents=("cheatsheet",))
    if stage in ("bare-weasyprint", "bare-pdf"):  # WeasyPrint alone on the same HTML
        names = ("cheatsheet",) if stage == "bare-weasyprint" else pdf.DOCUMENTS
        documents = bare_documents(content, options, names)
        return lambda: [weasyprint.HTML(string=d).write_pdf(out / f"bare-{i}.pdf")
                        for i, d in enumerate(documents)]
    if stage == "naive-cheatsheet":
        context = paper.page_context(content, options, pdf.PdfOptions())
        geometry = cheatsheet.Geometry(pdf.PAPERS["a4"])
        css = re.sub(r"@page[^}]*}", "", ENV.get_template("pdf/cheatsheet.css.j2").render(
            geometry=geometry, code=True, **context))
        groups: list[dict] = []
        for entry in cheatsheet.entries(content):
            if entry["topic"]:
                groups.append({"topic": entry["topic"], "entries": []})
            groups[-1]["entries"].append(entry)
        naive = NAIVE_SHEET.render(css=css, groups=groups, **context)
        return lambda: weasyprint.HTML(string=naive).write_pdf(out / "naive.pdf")
    raise SystemExit(f"unknown stage {stage}")


def warm_rebuild(root: Path, out: Path, every_output: bool,
                 stages_only: bool) -> Callable[[], object]:
    """`build-decks watch` after one card's answer was edited: the process built once
    already (WeasyPrint warm, every card's HTML cached); the work is the rebuild, with the
    YAML loaded again, or (`stages_only`, like the bare stages) the outputs alone."""
    from build_decks import cli, watch
    from build_decks.render import build

    outputs = ["pdf", "anki", "html"] if every_output else ["anki", "html"]
    args = cli.parser().parse_args(["--content", str(root), "--dist", str(out), "watch",
                                    "--only", *outputs])
    own = watch._OwnWrites(root)
    first = watch.rebuild(args, False, outputs, own)
    assert first.startswith("rebuilt"), first
    deck = sorted((root / "decks").glob("*.yaml"))[0]
    text = deck.read_text(encoding="utf-8")
    edited = re.sub(r"^(\s+answer: (\|-\n\s+)?)", r"\1Edited in watch mode. ", text, count=1,
                    flags=re.MULTILINE)
    assert edited != text
    deck.write_text(edited, encoding="utf-8")
    if stages_only:
        content = load_content(root)
        options = BuildOptions.from_env(out, root)
        return lambda: build(outputs, content, options, args)

    def rebuild() -> None:
        line = watch.rebuild(args, False, outputs, own)
        assert line.startswith("rebuilt"), line
    return rebuild


def tree_pss_mb() -> float:
    """Memory of this process and all its descendants (the PDF workers), in MB.

    Proportional set size: a page shared by the forked workers and their parent counts once in
    total, not once per process as resident sizes would.
    """
    total, pids = 0, [os.getpid()]
    while pids:
        pid = pids.pop()
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            for task in Path(f"/proc/{pid}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue  # the process ended meanwhile
        pss = re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE)  # none for a zombie
        total += int(pss.group(1)) if pss else 0
    return total / 1024


def main() -> None:
    stage, root, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    work = prepare(stage, root, out)
    peak, running = [tree_pss_mb()], threading.Event()
    running.set()

    def sample() -> None:
        while running.is_set():
            peak.append(tree_pss_mb())
            time.sleep(0.1)  # reading smaps_rollup walks page tables: not too often
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    running.clear()
    sampler.join()
    extra = work.measure() if hasattr(work, "measure") else {}
    print(json.dumps({"seconds": seconds, "peak_mb": max(peak), **extra}))
