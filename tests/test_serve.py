"""`build-decks serve`: the card preview renders each card as the real `anki` library does, and
in Chromium the page reloads once per rebuild, shows a broken build over itself with its
`file:line`, and recovers when the file is fixed."""

from __future__ import annotations

import queue
import threading
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki_import import fresh_collection, import_package
from conftest import make_content
from playwright.sync_api import Browser, Page, expect

from build_decks import cli
from build_decks.html_events import events
from build_decks.loader import load_content
from build_decks.render import anki, preview
from build_decks.render.options import BuildOptions
from build_decks.serve import read_report, run

TIMEOUT = 90
DECK = """title: Preview
cards:
- id: p-qa
  kind: qa
  topic: serving
  question: What is **shadow** mode?
  answer: |-
    Running a new model *beside* the old one, with `code`:

    - its output is logged
    - never returned
- id: p-term
  kind: term
  topic: serving
  term: Canary
  definition: A small share of traffic first.
- id: p-prompt
  kind: prompt
  topic: serving
  question: Explain blue-green deployment.
- id: p-cloze
  kind: cloze
  topic: serving
  text: >-
    {{c1::Canary}} sends {{c2::a small share::how much?}} of traffic
    {{c3::first, {{c1::then}} more}}.
  extra: Then the rest.
"""


@pytest.fixture
def preview_content(tmp_path: Path) -> Path:
    content = make_content(tmp_path, {})
    (content / "decks").mkdir()
    (content / "decks" / "preview.yaml").write_text(DECK, encoding="utf-8")
    return content


def shape(html_text: str) -> list[tuple]:
    """What a browser builds from the HTML: tags, attributes and text, blank runs collapsed."""
    out = []
    for event in events(html_text):
        if event.kind == "data":
            if text := " ".join(event.value.split()):
                out.append(("data", text))
        elif event.kind != "comment":
            out.append((event.kind, event.value, tuple(sorted(event.attrs))))
    return out


def without_style(side: str) -> str:
    return side.split("</style>", 1)[1] if side.startswith("<style>") else side


def test_preview_renders_each_card_as_anki_does(preview_content: Path, tmp_path: Path) -> None:
    content = load_content(preview_content)
    package = anki.build(content, BuildOptions(tmp_path / "dist", preview_content, 1)).paths[0]
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, package)
    views = {v.key: v for v in preview.card_views(content, anki.target(content))}
    seen = set()
    for card_id in collection.find_cards(""):
        card = collection.get_card(card_id)
        key = f"{card.note()['Id']}.{card.ord + 1}"
        seen.add(key)
        assert shape(views[key].front) == shape(without_style(card.question())), key
        assert shape(views[key].back) == shape(without_style(card.answer())), key
    assert seen == set(views)
    assert len(seen) == 1 + 2 + 1 + 3  # a term makes two cards, the cloze note three
    collection.close()


def test_build_reports_are_read_as_builds() -> None:
    assert read_report("rebuilt 2 file(s) in 0.31 s") == (True, [])
    assert read_report("rebuilt 2 file(s) in 0.31 s; error: a.md:3: unreadable") == (
        True, ["a.md:3: unreadable"])
    assert read_report("error: decks/x.yaml:4: bad; outputs unchanged") == (
        False, ["decks/x.yaml:4: bad"])
    assert read_report("watching content (Ctrl-C stops)") is None


class Served:
    """`build-decks serve --port 0` in a thread, its report lines in a queue."""

    def __init__(self, content: Path, dist: Path, *options: str) -> None:
        args = cli.parser().parse_args(["--content", str(content), "--dist", str(dist), "serve",
                                        "--port", "0", "--only", "html", "anki", *options])
        self.lines: queue.Queue[str] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=run, args=(args, self.lines.put, self.stop),
                                       daemon=True)
        self.thread.start()
        first = self.lines.get(timeout=TIMEOUT)
        assert first.startswith("serving http://127.0.0.1:"), first
        self.url = first.split()[1]

    def next_build(self) -> str:
        while True:
            line = self.lines.get(timeout=TIMEOUT)
            if read_report(line) is not None:
                return line

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=TIMEOUT)
        assert not self.thread.is_alive()


@pytest.fixture
def served(qa_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    server = Served(qa_content, tmp_path / "dist", "--open")
    assert server.next_build().startswith("rebuilt 2 file(s)")
    assert opened == [server.url]  # --open
    yield server
    server.close()


def fetch(url: str, host: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_serves_dist_and_nothing_else(served: Served) -> None:
    status, body = fetch(served.url + "dist/study-pack.html")
    assert status == 200 and b"Content-Security-Policy" in body
    assert fetch(served.url + "dist/../config.yaml")[0] == 404
    assert fetch(served.url + "dist/%2e%2e/config.yaml")[0] == 404
    assert fetch(served.url + "card/nothing.1/front")[0] == 404
    assert fetch(served.url, host="attacker.example")[0] == 421  # not our name: refused
    status, body = fetch(served.url + "status")
    assert status == 200 and b'"ok": true' in body


LOADS = """if (window === window.top) {
  sessionStorage.loads = String(Number(sessionStorage.loads || 0) + 1);
}"""


def loads(page: Page) -> int:
    return int(page.evaluate("sessionStorage.loads"))


def test_live_reload_error_overlay_and_recovery_in_chromium(served: Served, qa_content: Path,
                                                            browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LOADS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url)
    expect(page.locator("h2", has_text="What is a feature store?")).to_be_visible()

    # The card, as Anki shows it: the deck's CSS, phone and desktop width, light and night.
    first = page.locator("section.card-view").first
    phone_front = first.locator("[data-width='phone'] [data-mode='light'] iframe").first
    expect(phone_front.content_frame.locator(".question")).to_have_text(
        "What is a feature store?")
    style = "() => [getComputedStyle(document.body).fontSize, " \
            "getComputedStyle(document.body).backgroundColor]"
    assert phone_front.content_frame.locator("body").evaluate(style) == [
        "17px", "rgb(252, 252, 250)"]  # card.css: 17 px under 480 px wide
    night_back = first.locator("[data-width='phone'] [data-mode='night'] iframe").nth(1)
    expect(night_back.content_frame.locator(".answer")).to_contain_text("A central place")
    assert night_back.content_frame.locator("body").evaluate(style)[1] == "rgb(29, 31, 33)"
    page.get_by_label("Desktop (720 px)").check()
    desktop = first.locator("[data-width='desktop'] [data-mode='light'] iframe").first
    expect(desktop).to_be_visible()
    assert desktop.content_frame.locator("body").evaluate(style)[0] == "19px"
    assert loads(page) == 1

    # Save a source: one rebuild, one reload, the new card on the page.
    source = qa_content / "sources" / "qa_variants.txt"
    source.write_text(source.read_text(encoding="utf-8")
                      + "\nQ: What does serve reload?\nA: The page, once per rebuild.\n",
                      encoding="utf-8")
    assert served.next_build().startswith("rebuilt 2 file(s)")
    expect(page.locator("h2", has_text="What does serve reload?")).to_be_visible()
    page.wait_for_timeout(1000)
    assert loads(page) == 2

    # Save a broken YAML: the overlay names file and line; the server keeps going.
    deck = qa_content / "decks" / "qa.yaml"
    good = deck.read_text(encoding="utf-8")
    deck.write_text(good.replace("cards:\n", "cards:\n  - [unclosed\n", 1), encoding="utf-8")
    line = served.next_build()
    assert line.startswith(f"error: {deck}:"), line
    overlay = page.locator("#bd-overlay")
    expect(overlay).to_be_visible()
    expect(overlay).to_contain_text(f"{deck}:")
    where = overlay.locator("pre").inner_text().removeprefix(f"{deck}:").split(":")[0]
    assert where.isdigit()
    assert fetch(served.url + "status")[0] == 200
    assert loads(page) == 2  # a failed build changes nothing to reload

    # Fix it: the overlay goes with the reload.
    deck.write_text(good, encoding="utf-8")
    assert served.next_build().startswith("rebuilt")
    expect(overlay).to_be_hidden()
    expect(page.locator("h2", has_text="What does serve reload?")).to_be_visible()
    page.wait_for_timeout(500)
    assert loads(page) == 3

    # The study pack, framed, with its own policy intact.
    page.goto(served.url + "pack")
    pack = page.locator("iframe.pack").content_frame
    expect(pack.locator("#bd-count")).to_contain_text("Showing")
    assert errors == []
    context.close()
