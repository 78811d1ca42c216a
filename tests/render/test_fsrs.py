"""The pack's FSRS scheduler (templates/html/fsrs.js), run in Chromium inside the built pack,
against the `fsrs` Python package (py-fsrs, test-only) on the same review sequences: after
every review the state, step, stability, difficulty and due time must agree."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import fsrs
import fsrs.scheduler
import pytest
from browser import launch_options
from conftest import imported_seeds
from playwright.sync_api import Page, sync_playwright

from build_decks.loader import load_content
from build_decks.render import html
from build_decks.render.options import BuildOptions

START = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
MS = 1000

Review = tuple[int, int, float]  # grade, time (ms since the epoch), the fuzz draw


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    content = imported_seeds()
    options = BuildOptions(tmp_path_factory.mktemp("dist"), content, 0)
    pack = html.build(load_content(content), options).paths[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        opened = browser.new_page()
        opened.goto(pack.resolve().as_uri())
        yield opened
        browser.close()


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
