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
from build_decks.serve import NO_POLICY, PAGE_POLICY, SIDE_POLICY, run

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
        """watch's line for the next finished build (the server was told of it before)."""
        while True:
            line = self.lines.get(timeout=TIMEOUT)
            if line.startswith(("rebuilt", "error: ")):
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
    assert server.next_build().startswith("rebuilt 2 files")
    assert opened == [server.url]  # --open
    yield server
    server.close()


def fetch(url: str, host: str | None = None) -> tuple[int, bytes]:
    return fetched(url, host)[:2]


def fetched(url: str, host: str | None = None) -> tuple[int, bytes, str | None]:
    """Status, body and Content-Security-Policy header of a GET."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (response.status, response.read(),
                    response.headers.get("Content-Security-Policy"))
    except urllib.error.HTTPError as error:
        return error.code, b"", error.headers.get("Content-Security-Policy")


# A content folder's own card side (overrides are allowed; the folder may be someone else's):
# it drops the template's <meta> policy and brings a script.
SNEAKY_SIDE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body class="card card{{ ordinal }}"><script>document.title = "script ran";</script>
<div id="qa">{{ html }}</div></body></html>
"""


@pytest.fixture
def served_sneaky(qa_content: Path, tmp_path: Path) -> Iterator[Served]:
    sides = qa_content / "templates" / "serve"
    sides.mkdir(parents=True)
    (sides / "side.html").write_text(SNEAKY_SIDE, encoding="utf-8")
    server = Served(qa_content, tmp_path / "dist")
    assert server.next_build().startswith("rebuilt 2 files")
    yield server
    server.close()


def test_serves_dist_and_nothing_else_with_a_policy_on_every_page(
        served_sneaky: Served, qa_content: Path, tmp_path: Path, browser: Browser,
        capfd: pytest.CaptureFixture) -> None:
    served, dist = served_sneaky, tmp_path / "dist"
    assert (qa_content / "config.yaml").is_file() and dist.parent == qa_content.parent
    (dist / "out.yaml").symlink_to(qa_content / "config.yaml")  # a link in dist/ leading out
    for escape in ("dist/../content/config.yaml", "dist/%2e%2e/content/config.yaml",
                   "dist/..%2fcontent%2fconfig.yaml", "dist/out.yaml", "dist/%00",
                   "dist/study-pack.html%00", "dist/" + "x" * 5000, "card/nothing.1/front",
                   "card/%00.1/front"):
        status, body, policy = fetched(served.url + escape)
        assert (status, policy) == (404, NO_POLICY), escape  # an error page has one too
        assert b"config.yaml" not in body and b"title:" not in body, escape
    assert "Traceback" not in capfd.readouterr().err
    assert fetch(served.url, host="attacker.example")[0] == 421  # not our name: refused

    status, body, policy = fetched(served.url + "dist/study-pack.html")
    assert status == 200 and b"Content-Security-Policy" in body  # its own <meta>, and
    assert "script-src 'sha256-" in policy and "default-src 'none'" in policy  # the header
    for page in ("", "pack", "status"):
        assert fetched(served.url + page)[2] == PAGE_POLICY, page
    key = next(v.key for v in preview.card_views(load_content(qa_content)))
    status, body, policy = fetched(served.url + f"card/{key}/front")
    assert status == 200 and b"script ran" in body and b"Content-Security-Policy" not in body
    assert policy == SIDE_POLICY  # set by the server, whatever the template
    assert fetch(served.url + "status")[1].startswith(b'{"build": 1, "ok": true')

    page = browser.new_page()
    page.goto(served.url + f"card/{key}/front")
    expect(page.locator("#qa")).to_contain_text("feature store")
    assert page.title() != "script ran"  # the override's script did not run
    page.close()


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
    phone_body = phone_front.content_frame.locator("body")  # the expectations wait for layout
    expect(phone_body).to_have_css("font-size", "17px")  # card.css: 17 px under 480 px wide
    expect(phone_body).to_have_css("background-color", "rgb(252, 252, 250)")
    night_back = first.locator("[data-width='phone'] [data-mode='night'] iframe").nth(1)
    expect(night_back.content_frame.locator(".answer")).to_contain_text("A central place")
    expect(night_back.content_frame.locator("body")).to_have_css("background-color",
                                                                 "rgb(29, 31, 33)")
    page.get_by_label("Desktop (720 px)").check()
    desktop = first.locator("[data-width='desktop'] [data-mode='light'] iframe").first
    expect(desktop).to_be_visible()
    expect(desktop.content_frame.locator("body")).to_have_css("font-size", "19px")
    assert loads(page) == 1

    # Save a source: one rebuild, one reload, the new card on the page.
    source = qa_content / "sources" / "qa_variants.txt"
    source.write_text(source.read_text(encoding="utf-8")
                      + "\nQ: What does serve reload?\nA: The page, once per rebuild.\n",
                      encoding="utf-8")
    assert served.next_build().startswith("rebuilt 2 files")
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
