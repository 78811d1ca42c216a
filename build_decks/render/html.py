"""The offline HTML study pack: one self-contained file, inline CSS and JS, no requests.

Cards travel as JSON inside the page (with `<`, `>` and `&` escaped, so no text can close the
script element). Their HTML comes from the shared, sanitizing Markdown function; a Content
Security Policy (written by code, first in the page: no template can remove it) allows only the
pack's own script (by hash), images only from data: URIs and no network at all, as a second
line of defence.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
from pathlib import Path

from markupsafe import Markup

from build_decks import atomic, cloze, media
from build_decks.config import slug
from build_decks.model import Card, Content
from build_decks.render import Done
from build_decks.render.env import render, static
from build_decks.render.markup import Target, cloze_html, to_html, to_inline_html
from build_decks.render.options import BuildOptions, Output
from build_decks.template_guard import with_policy

FILE_NAME = "study-pack.html"


def target(content: Content) -> Target:
    """Formulas as MathML (Chromium draws it; no script, no font download), images inlined
    as data: URIs (the page's policy allows images from data: only), deletions as numbered
    spans the page hides and reveals."""
    return Target(math="mathml", images="data", media=media.Folder.of(content.root).path,
                  cloze="reveal", markdown=content.markdown)


def _search_text(card: Card) -> str:
    front = cloze.filled(card.front) if card.kind == "cloze" else card.front
    text = f"{front} {card.back} {card.attribution}"
    return " ".join(re.sub(r"[`*_#>|\[\]()]", " ", text).lower().split())


def _card_data(card: Card, content: Content, titles: dict[str, str], shown: Target) -> dict:
    is_cloze = card.kind == "cloze"
    question = cloze_html(card.front, shown) if is_cloze else to_inline_html(card.front, shown)
    return {
        "id": card.id, "kind": card.kind, "topic": card.topic, "deck": card.deck,
        "source": titles[card.deck], "attribution": card.attribution, "tags": list(card.tags),
        "q": str(question), "a": str(to_html(card.back, shown)) if card.back else "",
        "c": cloze.numbers(card.front) if is_cloze else [],
        "related": [c.id for c in content.related(card)] if card.kind == "prompt" else [],
        "search": _search_text(card),
    }


def pack_data(content: Content) -> dict:
    titles = {d.name: d.title for d in content.decks}
    shown = target(content)
    cards = [_card_data(card, content, titles, shown) for card in content.cards]
    key = slug(content.title)
    return {"key": key, "topics": [{"id": t.id, "title": t.title} for t in content.topics],
            "cards": cards}


def script_json(data: object) -> Markup:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


SCRIPTS = ("html/fsrs.js", "html/pack.js")  # the scheduler, then the page that uses it
POLICY = ("default-src 'none'; style-src 'unsafe-inline'; script-src '{script_hash}'; "
          "img-src data:; form-action 'none'; base-uri 'none'")
"""The pack's Content-Security-Policy, written by code before anything a template writes."""


def _script(root: Path | None) -> str:
    return "\n".join(static(root, name) for name in SCRIPTS)


def script_hash(root: Path | None) -> str:
    """The CSP source of the pack's one script (`sha256-...`), as its page allows it."""
    return "sha256-" + base64.b64encode(hashlib.sha256(_script(root).encode()).digest()).decode()


def page(content: Content) -> str:
    script = _script(content.root)
    used = {c.topic for c in content.cards}
    text = render(content.root, "html/pack.html", title=content.title,
                  language=content.language, topics=[t for t in content.topics if t.id in used],
                  decks=content.decks, cards=content.cards,
                  data_json=script_json(pack_data(content)), script=Markup(script))
    return with_policy(text, POLICY.format(script_hash=script_hash(content.root)))


def stage(content: Content, options: BuildOptions) -> Output:
    path = options.dist / FILE_NAME
    return Output([path], staged=[atomic.stage(path, page(content))])


def build(content: Content, options: BuildOptions) -> Output:
    return stage(content, options).publish()


def start(content: Content, options: BuildOptions, args: argparse.Namespace) -> Done:
    """The registry's entry (no options of its own)."""
    return Done(stage(content, options))
