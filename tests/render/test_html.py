"""The HTML study pack, opened from disk in real headless Chromium (Debian's, via Playwright)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import launch_options
from conftest import imported_seeds
from playwright.sync_api import Browser, Page, expect, sync_playwright

from build_decks.loader import load_content
from build_decks.render import html
from build_decks.render.options import BuildOptions


def build_pack(content_root: Path, dist: Path) -> Path:
    return html.build(load_content(content_root), BuildOptions(dist, content_root, 0)).paths[0]


@pytest.fixture(scope="module")
def playwright_instance():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(**launch_options())
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pack(imported_seeds(), tmp_path_factory.mktemp("dist"))


CONTENT = load_content(imported_seeds())
CARDS = html.pack_data(CONTENT)["cards"]
TOTAL = len(CARDS)


def showing(test=lambda card: True) -> str:
    """The count line the pack shows when `test` picks the cards (as the page filters)."""
    return f"Showing {sum(1 for card in CARDS if test(card))} of {TOTAL} cards"


def matching(query: str):
    return lambda card: all(term in card["search"] for term in query.lower().split())


class Opened:
    """A page on the pack, with every request and dialog it caused."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def external_requests(self, pack: Path) -> list[str]:
        own = pack.resolve().as_uri()
        return [url for url in self.requests if url.split("#")[0] != own]


@pytest.fixture
def opened(browser: Browser, pack: Path) -> Iterator[Opened]:
    context = browser.new_context()
    page = context.new_page()
    result = Opened(page)
    page.goto(pack.resolve().as_uri())
    yield result
    assert result.errors == []
    context.close()


def count_text(page: Page) -> str:
    return page.locator("#bd-count").inner_text()


def test_opens_from_disk_with_no_request_leaving_the_page(opened: Opened, pack: Path) -> None:
    page = opened.page
    expect(page.locator("#bd-count")).to_have_text(showing())
    assert page.locator("#bd-list article.card").count() == 100  # the rest load on demand
    page.locator("#bd-more").click()
    assert page.locator("#bd-list article.card").count() == min(TOTAL, 200)
    page.locator("#bd-search").fill("kubernetes")
    expect(page.locator("#bd-count")).to_have_text(showing(matching("kubernetes")))
    assert opened.external_requests(pack) == []


def test_search_covers_questions_and_answers(opened: Opened) -> None:
    page = opened.page
    page.locator("#bd-search").fill("canary")
    expect(page.locator("#bd-count")).to_have_text(showing(matching("canary")))
    ids = page.locator("#bd-list article.card").evaluate_all("nodes => nodes.map(n => n.id)")
    assert ids == [card["id"] for card in CARDS if matching("canary")(card)]
    assert "deployment-monitoring-canary-deployment-usefull" in ids
    page.locator("#bd-search").fill("champion models")  # only in an answer
    expect(page.locator("#bd-count")).to_have_text(showing(matching("champion models")))
    assert "champion models" not in CARDS[0]["q"]
    page.locator("#bd-search").fill("no such words anywhere")
    expect(page.locator("#bd-count")).to_have_text(f"Showing 0 of {TOTAL} cards")


def test_filters_by_topic_kind_source_and_answer(opened: Opened) -> None:
    page = opened.page
    page.select_option("#bd-kind", "prompt")
    expect(page.locator("#bd-count")).to_have_text(showing(lambda c: c["kind"] == "prompt"))
    page.select_option("#bd-topic", "serving")
    expect(page.locator("#bd-count")).to_have_text(
        showing(lambda c: c["kind"] == "prompt" and c["topic"] == "serving"))
    page.select_option("#bd-kind", "")
    page.select_option("#bd-topic", "")
    page.select_option("#bd-source", "mlops-blog")
    expect(page.locator("#bd-count")).to_have_text(showing(lambda c: c["deck"] == "mlops-blog"))
    page.select_option("#bd-source", "")
    page.select_option("#bd-answered", "yes")
    expect(page.locator("#bd-count")).to_have_text(showing(lambda c: c["kind"] != "prompt"))
    page.locator("#bd-topics button[data-topic='cost']").click()
    expect(page.locator("#bd-count")).to_have_text(
        showing(lambda c: c["kind"] != "prompt" and c["topic"] == "cost"))


def test_deep_link_opens_and_focuses_the_card(browser: Browser, pack: Path) -> None:
    page = browser.new_page()
    card_id = [c["id"] for c in CARDS[100:] if c["kind"] != "prompt"][-1]  # beyond page one
    page.goto(pack.resolve().as_uri() + "#" + card_id)
    card = page.locator(f"article#{card_id}")
    expect(card).to_be_focused()
    expect(card.locator(".answer")).to_be_visible()
    expect(card.locator(".answer")).to_contain_text(
        next(c for c in CONTENT.cards if c.id == card_id).back.split()[0])
    page.close()


def test_answer_is_hidden_until_revealed_and_then_announced(opened: Opened) -> None:
    page = opened.page
    first = page.locator("#bd-list article.card").first
    expect(first.locator(".answer")).to_be_hidden()
    assert "Three advantages" not in page.locator("body").inner_text()
    page.keyboard.press("s")
    expect(page.locator("#bd-study")).to_be_visible()
    expect(page.locator("#bd-study-answer")).to_be_hidden()
    page.keyboard.press("Space")
    expect(page.locator("#bd-study-answer")).to_be_visible()
    expect(page.locator("#bd-live")).to_contain_text("Answer shown. Three advantages")


def test_keyboard_alone_browse_and_study(opened: Opened) -> None:
    page = opened.page
    page.keyboard.press("/")
    expect(page.locator("#bd-search")).to_be_focused()
    page.keyboard.type("registry")
    expect(page.locator("#bd-count")).to_have_text(showing(matching("registry")))
    page.keyboard.press("Tab")  # to the filters, then on to the first card's button
    for _ in range(10):
        if page.evaluate("document.activeElement.className") == "reveal":
            break
        page.keyboard.press("Tab")
    button = page.locator(":focus")
    was_open = button.get_attribute("aria-expanded") == "true"  # a match in the answer opens it
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", str(not was_open).lower())
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Escape")
    page.keyboard.press("s")
    page.keyboard.press("Space")
    page.keyboard.press("4")
    expect(page.locator("#bd-live")).to_contain_text("Easy: saved, next in ")


def grade_first_cards(page: Page, grades: list[str]) -> list[str]:
    page.keyboard.press("s")
    ids = []
    for grade in grades:
        ids.append(page.locator("#bd-study-q").inner_text())
        page.keyboard.press("Space")
        page.keyboard.press(grade)
    return ids


def stored(page: Page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem('build_decks:mlops-interview-prep'))")


def test_progress_survives_closing_the_browser(playwright_instance, pack: Path,
                                               tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    url = pack.resolve().as_uri()
    context = playwright_instance.chromium.launch_persistent_context(profile, **launch_options())
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(url)
    grade_first_cards(page, ["3", "4", "1"])
    expect(page.locator("#stat-introduction")).to_contain_text("2 studied")
    context.close()

    context = playwright_instance.chromium.launch_persistent_context(profile, **launch_options())
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(url)
    introduction = sum(1 for c in CARDS if c["topic"] == "introduction")
    expect(page.locator("#stat-introduction")).to_contain_text(
        f"1 of {introduction} known · 2 studied")
    progress = stored(page)["cards"]
    assert len(progress) == 3
    # FSRS: Good on a new card is its second learning step, Easy graduates it, Again restarts
    assert sorted((e["state"], e["step"]) for e in progress.values()) == [(1, 0), (1, 1),
                                                                          (2, None)]
    expect(page.locator("#bd-list article.card").first.locator(".meta")).to_contain_text(
        "learning")
    context.close()


def test_export_then_import_into_a_fresh_profile(browser: Browser, pack: Path,
                                                 tmp_path: Path) -> None:
    url = pack.resolve().as_uri()
    first = browser.new_context(accept_downloads=True)
    page = first.new_page()
    page.goto(url)
    grade_first_cards(page, ["4", "3"])
    with page.expect_download() as download_info:
        page.locator("#bd-export").click()
    exported = tmp_path / "progress.json"
    download_info.value.save_as(exported)
    assert download_info.value.suggested_filename == "mlops-interview-prep-progress.json"
    data = json.loads(exported.read_text())
    assert data["version"] == 2 and len(data["cards"]) == 2
    first.close()

    fresh = browser.new_context()
    page = fresh.new_page()
    page.goto(url)
    assert stored(page) is None
    page.locator("#bd-import").set_input_files(exported)
    expect(page.locator("#bd-live")).to_have_text("Imported progress for 2 cards.")
    assert stored(page)["cards"] == data["cards"]
    expect(page.locator("#stat-introduction")).to_contain_text("2 studied")
    page.locator("#bd-reset").click()
    page.locator("#bd-reset").click()
    expect(page.locator("#stat-introduction")).to_contain_text("0 studied")
    fresh.close()


def serious(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility_of_list_study_and_answer(browser: Browser, pack: Path, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(pack.resolve().as_uri())
    assert serious(page) == []
    page.locator("#bd-list article.card .reveal").first.click()
    assert serious(page) == []
    page.keyboard.press("s")
    assert serious(page) == []
    page.keyboard.press("Space")
    assert serious(page) == []
    context.close()


def test_hostile_content_executes_nothing(browser: Browser, hostile_content: Path,
                                          tmp_path: Path) -> None:
    path = build_pack(hostile_content, tmp_path / "dist")
    context = browser.new_context()
    page = context.new_page()
    opened = Opened(page)
    page.goto(path.resolve().as_uri())
    for button in page.locator("#bd-list article.card .reveal").all():
        button.click()
    page.keyboard.press("s")
    page.keyboard.press("Space")
    page.wait_for_timeout(200)
    assert opened.dialogs == [] and opened.errors == []
    assert page.locator("script").count() == 2  # the pack's data and its own code
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(
        n => [...n.attributes].filter(a => a.name.startsWith('on') ||
        /javascript:/i.test(a.value)).map(a => n.tagName + ' ' + a.name))""")
    assert handlers == []
    assert page.locator("iframe, img, svg, style:not(head style)").count() == 0
    text = page.locator("#bd-list").inner_text()
    for literal in ("{{ 7*7 }}", "{% for x in y %}", "{{Question}}", "{{c1::cloze}}",
                    "{% raw %}", "{{ config }}"):
        assert literal in text, literal
    assert opened.external_requests(path) == []
    context.close()
