"""The HTML study pack, opened from disk in real headless Chromium (Debian's, via Playwright)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import launch_options
from conftest import imported_seeds
from playwright.sync_api import Browser, Page, expect

from build_decks.loader import load_content
from build_decks.render import html
from build_decks.render.options import BuildOptions


def build_pack(content_root: Path, dist: Path) -> Path:
    return html.build(load_content(content_root), BuildOptions(dist, content_root, 0)).paths[0]


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


DAY_MS = 86_400_000
STORE = "build_decks:mlops-interview-prep"


def test_leitner_progress_migrates_to_fsrs(browser: Browser, pack: Path, tmp_path: Path) -> None:
    """Version 1 (a Leitner box per card), in the browser or in an exported file, becomes FSRS
    state: a box's interval is the card's stability, box 1 is still learning."""
    url = pack.resolve().as_uri()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    first, second, third = (c["id"] for c in CARDS[:3])
    now = page.evaluate("Date.now()")
    leitner = {"version": 1, "cards": {
        first: {"box": 1, "due": now + 60_000, "reps": 1, "last": now},
        second: {"box": 3, "due": now + 3 * DAY_MS, "reps": 2, "last": now},
        third: {"box": 6, "due": now - DAY_MS, "reps": 6, "last": now - 36 * DAY_MS}}}
    page.evaluate("([key, value]) => localStorage.setItem(key, JSON.stringify(value))",
                  [STORE, leitner])
    page.reload()
    progress = stored(page)
    assert progress["version"] == 2
    cards = progress["cards"]
    assert (cards[first]["state"], cards[first]["step"]) == (1, 0)
    assert (cards[second]["state"], cards[second]["s"], cards[second]["due"]) == (
        2, 3, now + 3 * DAY_MS)
    assert (cards[third]["state"], cards[third]["s"], cards[third]["reps"]) == (2, 35, 6)
    assert 1 <= cards[second]["d"] <= 10
    backup = page.evaluate("(key) => JSON.parse(localStorage.getItem(key + ':leitner'))", STORE)
    assert backup == leitner
    question = page.locator(f"#q-{third}").inner_text()
    page.keyboard.press("s")  # the overdue review comes first
    expect(page.locator("#bd-study-q")).to_have_text(question)
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    expect(page.locator("#bd-retention")).to_contain_text("Recall: 100 % of 1 reviews")
    context.close()

    exported = tmp_path / "leitner.json"
    exported.write_text(json.dumps({"pack": "mlops-interview-prep", **leitner}))
    fresh = browser.new_context()
    page = fresh.new_page()
    page.goto(url)
    page.locator("#bd-import").set_input_files(exported)
    expect(page.locator("#bd-live")).to_have_text("Imported progress for 3 cards.")
    assert {k: v["state"] for k, v in stored(page)["cards"].items()} == {
        first: 1, second: 2, third: 2}
    fresh.close()


def test_daily_new_card_limit_recall_and_forecast(browser: Browser, pack: Path) -> None:
    url = pack.resolve().as_uri()
    start = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    context = browser.new_context(timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(start)
    page.goto(url)
    page.locator("#bd-new-limit").fill("2")
    page.locator("#bd-new-limit").press("Enter")
    expect(page.locator("#bd-today")).to_contain_text("New: 2 of 2 left today")
    page.locator("#bd-mode-study").click()
    for _ in range(2):
        page.keyboard.press("Space")
        page.keyboard.press("4")  # Easy: out of learning, due in about a week
    expect(page.locator("#bd-study-status")).to_contain_text(
        f"Done for now · {TOTAL - 2} new cards wait for the next days (limit: 2 a day)")
    expect(page.locator("#bd-today")).to_contain_text("New: 0 of 2 left today")
    forecast = page.locator("#bd-forecast li").all_inner_texts()
    assert len(forecast) == 8 and forecast[0].split() == ["Today", "0"]
    assert sum(int(day.split()[-1]) for day in forecast) == 2
    dues = sorted(e["due"] for e in stored(page)["cards"].values())
    # Easy first: stability 8.3 days, an interval of 8 days fuzzed within 6 to 10
    assert all(6 <= (due - start.timestamp() * 1000) / DAY_MS <= 10 for due in dues)
    expect(page.locator("#bd-ahead")).to_be_visible()
    page.locator("#bd-ahead").click()  # study ahead
    expect(page.locator("#bd-study-status")).to_have_text("Studying ahead")

    page.clock.set_fixed_time(start + timedelta(days=10))
    page.reload()
    expect(page.locator("#bd-today")).to_contain_text("Due now: 2 reviews, 0 learning")
    page.keyboard.press("s")
    expect(page.locator("#bd-study-status")).to_have_text(
        "0 learning · 2 to review · 2 new in this selection")
    page.keyboard.press("Space")
    page.keyboard.press("3")
    page.keyboard.press("Space")
    page.keyboard.press("1")  # a lapse: relearning
    expect(page.locator("#bd-retention")).to_contain_text("Recall: 50 % of 2 reviews in 30 days")
    expect(page.locator("#bd-retention")).to_contain_text("expected now: ")
    states = sorted(e["state"] for e in stored(page)["cards"].values())
    assert states == [2, 3]
    context.close()


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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility_on_a_phone(browser: Browser, pack: Path, scheme: str) -> None:
    """Both disclosures open, search marks shown; then a revealed study card."""
    context = browser.new_context(color_scheme=scheme, **phone(390))
    page = context.new_page()
    page.goto(pack.resolve().as_uri())
    page.locator("#bd-side-toggle").tap()
    page.locator("#bd-filter-toggle").tap()
    page.locator("#bd-search").fill("canary")
    expect(page.locator("#bd-list mark").first).to_be_visible()
    assert serious(page) == []
    page.locator("#bd-mode-study").tap()
    page.locator("#bd-reveal").tap()
    assert serious(page) == []
    context.close()


def phone(width: int) -> dict:
    return {"viewport": {"width": width, "height": 844}, "has_touch": True, "is_mobile": True}


def box(page: Page, selector: str) -> dict:
    found = page.locator(selector).bounding_box()
    assert found is not None, selector
    return found


def no_sideways_scroll(page: Page) -> None:
    sizes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1], sizes


def grades_in_one_row(page: Page, width: int) -> None:
    boxes = [b.bounding_box() for b in page.locator("#bd-grades button").all()]
    assert len(boxes) == 4 and all(boxes)
    assert len({round(b["y"]) for b in boxes}) == 1, boxes  # one row
    assert len({round(b["height"]) for b in boxes}) == 1, boxes  # no label wraps
    assert boxes[0]["x"] >= 0 and boxes[-1]["x"] + boxes[-1]["width"] <= width


@pytest.mark.parametrize("width", [320, 390])
def test_phone_first_screen_filters_topics_and_study(browser: Browser, pack: Path,
                                                     width: int) -> None:
    context = browser.new_context(**phone(width))
    page = context.new_page()
    page.goto(pack.resolve().as_uri())
    no_sideways_scroll(page)
    search, toggle = box(page, "#bd-search"), box(page, "#bd-filter-toggle")
    assert abs((search["y"] + search["height"] / 2) - (toggle["y"] + toggle["height"] / 2)) < 2
    assert search["y"] < 200  # one search row under the header, filters folded away
    expect(page.locator("#bd-topic")).to_be_hidden()
    assert box(page, "#bd-list article.card >> nth=0")["y"] < 300  # cards on the first screen
    assert page.locator("kbd:visible").count() == 0  # no key hints on a touch screen
    assert "press /" not in page.locator("#bd-search").get_attribute("placeholder")

    page.locator("#bd-filter-toggle").tap()
    expect(page.locator("#bd-filter-toggle")).to_have_attribute("aria-expanded", "true")
    for select in ("#bd-topic", "#bd-kind", "#bd-source", "#bd-answered"):
        expect(page.locator(select)).to_be_visible()
    page.select_option("#bd-kind", "prompt")
    expect(page.locator("#bd-filter-toggle")).to_have_text("Filters (1)")
    no_sideways_scroll(page)
    page.select_option("#bd-kind", "")

    side = box(page, "#bd-side-toggle")
    assert side["y"] < 150  # topics and progress: reachable from the top
    expect(page.locator("#bd-topics")).to_be_hidden()
    page.locator("#bd-side-toggle").tap()
    expect(page.locator("#bd-topics")).to_be_visible()
    assert box(page, "#bd-topics")["y"] < 844
    no_sideways_scroll(page)
    page.locator("#bd-topics button[data-topic='cost']").tap()
    expect(page.locator("#bd-topics")).to_be_hidden()  # closed, to show the topic's cards
    expect(page.locator("#bd-count")).to_have_text(showing(lambda c: c["topic"] == "cost"))

    page.locator("#bd-mode-study").tap()
    page.locator("#bd-reveal").tap()
    expect(page.locator("#bd-grades")).to_be_visible()
    grades_in_one_row(page, width)
    assert page.locator("kbd:visible").count() == 0
    no_sideways_scroll(page)
    actions = box(page, ".study-actions")
    assert actions["y"] + actions["height"] <= 844  # the grades stay on screen
    context.close()


@pytest.mark.parametrize("width", [768, 1280])
def test_grades_in_one_row_with_key_hints_on_a_desktop(browser: Browser, pack: Path,
                                                       width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(pack.resolve().as_uri())
    expect(page.locator("#bd-topics")).to_be_visible()  # the sidebar, no button needed
    expect(page.locator("#bd-side-toggle")).to_be_hidden()
    expect(page.locator("#bd-topic")).to_be_visible()
    assert "press /" in page.locator("#bd-search").get_attribute("placeholder")
    page.keyboard.press("s")
    page.keyboard.press("Space")
    grades_in_one_row(page, width)
    expect(page.locator("#bd-grades kbd").first).to_be_visible()
    no_sideways_scroll(page)
    context.close()


def test_focus_order_in_study(opened: Opened) -> None:
    """After the reveal focus is on Good; Enter and Space grade Good; Tab walks the grades."""
    page = opened.page
    page.keyboard.press("s")
    expect(page.locator("#bd-reveal")).to_be_focused()
    page.keyboard.press("Space")
    grades = {n: page.locator(f"#bd-grades [data-grade='{n}']") for n in (1, 2, 3, 4)}
    expect(grades[3]).to_be_focused()
    assert stored(page) is None  # the Space that revealed graded nothing
    page.keyboard.press("Tab")
    expect(grades[4]).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(grades[2]).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(grades[1]).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Good
    expect(page.locator("#bd-reveal")).to_be_focused()
    page.keyboard.press("Enter")  # reveals
    expect(grades[3]).to_be_focused()
    page.keyboard.press("Space")  # Good
    expect(page.locator("#bd-reveal")).to_be_focused()
    page.locator("#bd-study-q").click()  # focus off the buttons: the keys still work
    page.keyboard.press("Enter")
    expect(page.locator("#bd-study-answer")).to_be_visible()
    page.keyboard.press("Enter")
    progress = stored(page)["cards"]
    assert len(progress) == 3
    assert [(e["state"], e["step"]) for e in progress.values()] == [(1, 1)] * 3  # all Good


def answers_open_where_the_words_are(page: Page, words: list[str]) -> list[bool]:
    """Per listed card: whether its answer is open, checked against whether the answer's own
    text (not its related cards) holds a searched word."""
    pairs = page.locator("#bd-list article.card").evaluate_all("""(cards, words) => cards.map(
        (card) => {
            const answer = card.querySelector('.answer');
            const own = answer.cloneNode(true);
            own.querySelectorAll('.related').forEach((r) => r.remove());
            const text = own.textContent.toLowerCase();
            return [!answer.hidden, words.some((w) => text.includes(w))];
        })""", words)
    assert all(is_open == has_word for is_open, has_word in pairs), pairs
    return [is_open for is_open, _ in pairs]


def test_search_marks_the_words_and_opens_matching_answers(opened: Opened) -> None:
    page = opened.page
    page.locator("#bd-search").fill("champion models")  # words of an answer
    expect(page.locator("#bd-count")).to_have_text(showing(matching("champion models")))
    marks = {m.lower() for m in page.locator("#bd-list mark").all_inner_texts()}
    assert marks == {"champion", "models"}
    assert all(answers_open_where_the_words_are(page, ["champion", "models"]))

    page.locator("#bd-search").fill("canary")
    expect(page.locator("#bd-count")).to_have_text(showing(matching("canary")))
    opened_answers = answers_open_where_the_words_are(page, ["canary"])
    assert any(opened_answers) and not all(opened_answers)  # a prompt matches by its question
    assert page.locator("#bd-list h2.q mark").count() >= 2
    page.locator("#bd-search").fill("e")  # one letter: found everywhere, marked nowhere
    expect(page.locator("#bd-count")).to_have_text(showing(matching("e")))
    assert page.locator("#bd-list mark").count() == 0
    page.locator("#bd-search").fill("")
    expect(page.locator("#bd-count")).to_have_text(showing())
    assert page.locator("#bd-list mark").count() == 0
    assert not any(page.locator("#bd-list .answer").evaluate_all(
        "nodes => nodes.map(n => !n.hidden)"))


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
