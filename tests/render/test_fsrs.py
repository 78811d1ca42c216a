"""The pack's FSRS scheduler (templates/html/fsrs.js), run in Chromium inside the built pack,
against the `fsrs` Python package (py-fsrs, test-only) on the same review sequences: after
every review the state, step, stability, difficulty and due time must agree."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import fsrs.scheduler
import pytest
from conftest import FIXTURES, make_content
from playwright.sync_api import Browser, Page, expect

from build_decks.config import load_config
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.render import html
from build_decks.render.options import BuildOptions

START = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
MS = 1000

Review = tuple[int, int, float]  # grade, time (ms since the epoch), the fuzz draw


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pack of one small Q&A source: the scheduler needs a page, not the seed's cards."""
    root = tmp_path_factory.mktemp("fsrs")
    content = make_content(root, {"qa": FIXTURES / "sources" / "qa_variants.txt"})
    import_sources(load_config(content))
    return html.build(load_content(content), BuildOptions(root / "dist", content, 0)).paths[0]


@pytest.fixture(scope="module")
def page(browser: Browser, pack: Path) -> Iterator[Page]:
    opened = browser.new_page()
    opened.goto(pack.resolve().as_uri())
    yield opened
    opened.close()


def ms(moment: datetime) -> int:
    return round(moment.timestamp() * MS)


def when(card: fsrs.Card, rng: random.Random) -> datetime:
    """The next review: on time, early, late, much later, or again the same day."""
    due, last = card.due, card.last_review
    choice = rng.random()
    if choice < 0.45:
        moment = due
    elif choice < 0.6:
        moment = last + (due - last) * rng.uniform(0.2, 0.9)  # early
    elif choice < 0.8:
        moment = due + (due - last) * rng.uniform(0.1, 2.5)  # late
    elif choice < 0.9:
        moment = due + timedelta(days=rng.randint(30, 400))  # months late
    else:
        moment = last + timedelta(minutes=rng.randint(1, 600))  # same day
    return moment.replace(microsecond=0)


def sequences() -> list[list[tuple[int, datetime]]]:
    """Four fixed shapes and twenty random ones (seeded): 24 sequences of 6 to 30 reviews."""
    fixed = [
        [(1, 0)] * 6 + [(3, 0)] * 6,  # failing a new card, then learning it
        [(4, 0)] * 12,  # easy every time: long intervals
        [(3, 0), (3, 0), (3, 0), (1, 0), (3, 0), (2, 0), (3, 0), (4, 0)],  # a lapse
        [(2, 0), (2, 0), (2, 0), (2, 0), (2, 0), (2, 0), (2, 0)],  # hard every time
    ]
    rng = random.Random(20)
    shapes = fixed + [[(rng.choices([1, 2, 3, 4], [2, 2, 5, 1])[0], 0)
                       for _ in range(rng.randint(6, 30))] for _ in range(20)]
    result = []
    for number, shape in enumerate(shapes):
        timing = random.Random(number)
        card = fsrs.Card(card_id=number + 1, due=START)
        scheduler = fsrs.Scheduler(enable_fuzzing=False)
        moment, reviews = START, []
        for grade, _ in shape:
            reviews.append((grade, moment))
            card, _ = scheduler.review_card(card, fsrs.Rating(grade), moment)
            moment = when(card, timing) if number >= len(fixed) else card.due
        result.append(reviews)
    return result


def reference(reviews: list[tuple[int, datetime]], draws: list[float],
              fuzz: bool, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """py-fsrs on the same reviews (with the same draws for its fuzz)."""
    scheduler = fsrs.Scheduler(enable_fuzzing=fuzz)
    card = fsrs.Card(card_id=1, due=START)
    steps = []
    for (grade, moment), draw in zip(reviews, draws, strict=True):
        monkeypatch.setattr(fsrs.scheduler, "random", lambda draw=draw: draw)
        card, _ = scheduler.review_card(card, fsrs.Rating(grade), moment)
        steps.append({"state": int(card.state), "step": card.step, "s": card.stability,
                      "d": card.difficulty, "due": ms(card.due), "last": ms(card.last_review)})
    return steps


def in_pack(page: Page, runs: list[list[Review]], fuzz: bool) -> list[list[dict]]:
    return page.evaluate("""([runs, fuzz]) => runs.map((reviews) => {
        let card;
        return reviews.map(([grade, time, draw]) => {
            card = BuildDecksFSRS.review(card, grade, time, {fuzz, random: () => draw});
            return card;
        });
    })""", [runs, fuzz])


def agree(ours: dict, theirs: dict) -> bool:
    return (ours["state"] == theirs["state"] and ours["step"] == theirs["step"]
            and ours["due"] == theirs["due"] and ours["last"] == theirs["last"]
            and ours["s"] == pytest.approx(theirs["s"], rel=1e-9)
            and ours["d"] == pytest.approx(theirs["d"], rel=1e-9))


@pytest.mark.parametrize("fuzz", [False, True], ids=["no fuzz", "fuzz, same draws"])
def test_scheduler_matches_py_fsrs(page: Page, fuzz: bool,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    all_reviews = sequences()
    assert len(all_reviews) >= 20
    draws = random.Random(7)
    runs, expected = [], []
    for reviews in all_reviews:
        run = [(grade, ms(moment), draws.random()) for grade, moment in reviews]
        runs.append(run)
        with monkeypatch.context() as patch:
            expected.append(reference(reviews, [draw for *_, draw in run], fuzz, patch))
    results = in_pack(page, runs, fuzz)
    for number, (ours, theirs) in enumerate(zip(results, expected, strict=True)):
        for index, (mine, reference_step) in enumerate(zip(ours, theirs, strict=True)):
            assert agree(mine, reference_step), (number, index, mine, reference_step)
    reviewed = sum(len(r) for r in runs)
    longest = max(step["due"] - step["last"] for steps in expected for step in steps)
    assert reviewed > 250 and longest > 365 * 86400 * MS  # the sequences reach long intervals
    states = {step["state"] for steps in expected for step in steps}
    assert states == {1, 2, 3}  # learning, review and relearning all exercised


def test_default_parameters_are_the_packages(page: Page) -> None:
    defaults = list(fsrs.scheduler.DEFAULT_PARAMETERS)
    assert page.evaluate("[...BuildDecksFSRS.PARAMETERS]") == defaults
    assert page.evaluate("BuildDecksFSRS.retrievability(undefined, 0)") == 0
    card = {"state": 2, "step": None, "s": 10.0, "d": 5.0, "due": 0, "last": 0}
    ours = page.evaluate("(card) => BuildDecksFSRS.retrievability(card, 10 * 86400000)", card)
    theirs = fsrs.Scheduler().get_card_retrievability(
        fsrs.Card(state=fsrs.State.Review, stability=10.0, difficulty=5.0, last_review=START),
        START + timedelta(days=10))
    assert ours == pytest.approx(theirs, rel=1e-12) and ours == pytest.approx(0.9, abs=1e-9)


STORE = "build_decks:test-prep"
DAY_MS = 86_400_000


def stored(page: Page) -> dict:
    return page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", STORE)


def import_file(page: Page, data: dict) -> str:
    """Import `data` as a progress file; the pack's announcement."""
    page.locator("#bd-live").evaluate("node => { node.textContent = ''; }")
    page.locator("#bd-import").set_input_files(
        {"name": "progress.json", "mimeType": "application/json",
         "buffer": json.dumps(data).encode()})
    live = page.locator("#bd-live")
    expect(live).to_contain_text("Imported progress")
    return live.inner_text()


def test_hostile_progress_files_are_refused_and_every_card_still_schedules(
        browser: Browser, pack: Path) -> None:
    """A4: an imported entry that FSRS cannot take up (a step beyond its steps, a difficulty
    off the scale, a review in the future, ...) is refused with a message, never stored; so
    is a day that is not a YYYY-MM-DD day of the kept window. Every card then schedules."""
    start = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    now = ms(start)
    context = browser.new_context(timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(start)
    page.goto(pack.resolve().as_uri())
    ids = page.evaluate("[...document.querySelectorAll('#bd-list article.card')].map(a => a.id)")
    first, second = ids[:2]
    good = {"state": 2, "step": None, "s": 12.5, "d": 5.2, "due": now + 3 * DAY_MS,
            "last": now - 9 * DAY_MS, "reps": 4, "lapses": 1}
    hostile = {
        "step beyond the learning steps": {**good, "state": 1, "step": 5},
        "step beyond the relearning steps": {**good, "state": 3, "step": 1},
        "a step as text": {**good, "state": 1, "step": "1"},
        "a review card with a step": {**good, "step": 0},
        "an unknown state": {**good, "state": 4},
        "difficulty above 10": {**good, "d": 11},
        "difficulty below 1": {**good, "d": 0.5},
        "no stability": {**good, "s": 0},
        "stability beyond 100 years": {**good, "s": 36501},
        "a last review in the future": {**good, "last": now + 365 * DAY_MS,
                                        "due": now + 400 * DAY_MS},
        "due before the last review": {**good, "due": now - 10 * DAY_MS},
        "due in a thousand years": {**good, "due": now + 365_000 * DAY_MS},
        "lapses as text": {**good, "lapses": "many"},
        "more lapses than reviews": {**good, "lapses": 9},
        "not an object": 7,
    }
    for why, entry in hostile.items():
        message = import_file(page, {"version": 2, "cards": {first: entry}})
        assert message.startswith(f"Imported progress for 0 cards; refused 1 entries "
                                  f"that are not progress this pack can use ({first}: "), (why,
                                                                                          message)
        assert (stored(page) or {"cards": {}})["cards"] == {}, why

    days = {"2026-03-01": {"new": 3, "reviews": 2, "recalled": 1},  # kept
            "2026-02-30": {"new": 1, "reviews": 0, "recalled": 0},  # no such day
            "../../x": {"new": 1, "reviews": 0, "recalled": 0},
            "2024-01-01": {"new": 1, "reviews": 0, "recalled": 0},  # older than the kept days
            "2027-01-01": {"new": 1, "reviews": 0, "recalled": 0},  # in the future
            "2026-02-28": {"new": -1, "reviews": 0, "recalled": 0},
            "2026-02-27": {"new": 1, "reviews": 1, "recalled": 2}}  # more recalled than reviewed
    message = import_file(page, {"version": 2, "cards": {first: hostile["difficulty above 10"],
                                                          second: good, "elsewhere": good},
                                 "days": days})
    assert message.startswith("Imported progress for 1 cards; refused 7 entries"), message
    assert message.endswith("; 1 entries are for cards not in this pack."), message
    progress = stored(page)
    assert progress["cards"] == {second: good}
    assert progress["days"] == {"2026-03-01": days["2026-03-01"]}

    # every card schedules: graded Hard, each gets a real due time
    page.reload()
    page.keyboard.press("s")
    for _ in ids:
        page.keyboard.press("Space")
        page.keyboard.press("2")
    cards = stored(page)["cards"]
    assert set(cards) == set(ids)
    problems = page.evaluate("""(cards) => Object.values(cards)
        .map((card) => BuildDecksFSRS.problem(card, Date.now()))""", cards)
    assert problems == [None] * len(ids)
    assert all(isinstance(card["due"], int) and card["due"] > now for card in cards.values())
    context.close()


def test_an_entry_stored_broken_starts_again_as_new(browser: Browser, pack: Path) -> None:
    """An entry an earlier pack let in (a step beyond the steps: its due time was NaN, saved
    as null) is dropped when the pack opens, kept aside, and the card studies as new."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(pack.resolve().as_uri())
    first = page.evaluate("document.querySelector('#bd-list article.card').id")
    broken = {"version": 2, "cards": {first: {"state": 1, "step": 5, "s": 1.0, "d": 5.0,
                                              "due": None, "last": 0, "reps": 1, "lapses": 0}},
              "days": {}, "settings": {"newPerDay": 20}}
    page.evaluate("([key, value]) => localStorage.setItem(key, JSON.stringify(value))",
                  [STORE, broken])
    page.reload()
    page.keyboard.press("s")
    page.keyboard.press("Space")
    page.keyboard.press("2")
    card = next(iter(stored(page)["cards"].values()))
    assert card["state"] == 1 and card["step"] == 0 and isinstance(card["due"], int)
    assert page.evaluate("(key) => JSON.parse(localStorage.getItem(key + ':refused'))",
                         STORE) == broken
    context.close()
