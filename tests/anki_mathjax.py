"""A card as Anki shows it: its HTML (from the real `anki` library) typeset by MathJax 3 from
npm, configured as Anki configures it, in Debian's Chromium.

The configuration is Anki's own (ankitects/anki, ts/mathjax/index.ts): `\\[…\\]` displayed,
escapes, environments and references off, and the packages base, action, ams, autoload,
configmacros, mathtools, mhchem, newcommand, noundefined and require; Anki's reviewer loads
the `tex-chtml-full` bundle. scripts/mathjax.sh installs MathJax into build/ once.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["base", "action", "ams", "autoload", "configmacros", "mathtools", "mhchem",
            "newcommand", "noundefined", "require"]


@cache
def mathjax_folder() -> Path:
    """The es5/ folder of MathJax's browser bundles (installed by scripts/mathjax.sh)."""
    out = subprocess.run([str(ROOT / "scripts" / "mathjax.sh")], capture_output=True, text=True,
                         check=True)
    return Path(out.stdout.strip().splitlines()[-1])


def page(cards: list[str]) -> str:
    folder = mathjax_folder()
    config = {"tex": {"displayMath": [["\\[", "\\]"]], "processEscapes": False,
                      "processEnvironments": False, "processRefs": False,
                      "packages": PACKAGES},
              "loader": {"load": [f"[tex]/{p}" for p in PACKAGES if p != "base"],
                         "paths": {"mathjax": folder.as_uri()}},
              "startup": {"typeset": False}}
    body = "".join(f"<div class='qa'>{html}</div>" for html in cards)
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<script>window.MathJax = {json.dumps(config)};</script>"
            f"<script src='{(folder / 'tex-chtml-full.js').as_uri()}'></script></head>"
            f"<body class='card'>{body}</body></html>")


@dataclass
class Typeset:
    formulas: int  # MathJax containers on the card
    links: list[str]  # href of every element that has one, after typesetting
    styles: list[str]  # every style attribute that loads something (url(…))
    text: str  # what the card shows


@dataclass
class Shown:
    cards: list[Typeset]
    requests: list[str]  # every URL the page asked for, but MathJax's own files


REQUEST_PATIENCE_MS = 10_000  # generous: a local request is answered in milliseconds


def _until_answered(tab, pending: set[object]) -> None:
    """Wait until every request the page made has its answer, so that the listener has
    recorded it. `networkidle` alone is not enough: it may have been reached at load, before
    typesetting started the fetches a style or a box asks for."""
    waited = 0
    while pending and waited < REQUEST_PATIENCE_MS:
        tab.wait_for_timeout(50)
        waited += 50


def typeset(browser, cards: list[str], folder: Path) -> Shown:
    """The cards' HTML typeset as Anki's reviewer typesets a card (each in its own element
    of one page, so that MathJax loads once), in the test session's Chromium."""
    own = mathjax_folder().as_uri()
    path = folder / "cards.html"
    path.write_text(page(cards), encoding="utf-8")
    requests: list[str] = []
    pending: set[object] = set()
    tab = browser.new_page()
    try:
        tab.on("request", lambda request: (requests.append(request.url), pending.add(request)))
        for ended in ("requestfinished", "requestfailed"):
            tab.on(ended, lambda request: pending.discard(request))
        tab.goto(path.as_uri())
        tab.evaluate("() => MathJax.startup.promise.then("
                     "() => MathJax.typesetPromise([...document.querySelectorAll('.qa')]))")
        tab.wait_for_load_state("networkidle")
        _until_answered(tab, pending)
        found = tab.evaluate("""() => [...document.querySelectorAll('.qa')].map(card => ({
            formulas: card.querySelectorAll('mjx-container').length,
            links: [...card.querySelectorAll('[href]')].map(e => e.getAttribute('href')),
            styles: [...card.querySelectorAll('[style]')].map(e => e.getAttribute('style'))
                .filter(s => s.includes('url(')),
            text: card.innerText}))""")
    finally:
        tab.close()
    return Shown([Typeset(**card) for card in found],
                 [r for r in requests if not r.startswith(own) and r != path.as_uri()])
