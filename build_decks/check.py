"""`build-decks check`: what a person should know about the content before studying it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from build_decks import cloze
from build_decks.inventory import inventory
from build_decks.model import Card, Content
from build_decks.normalize import FIGURE_REFERENCE, HAS_IMAGE
from build_decks.subjects import Subjects

NEAR_DUPLICATE = 0.75  # cosine of the questions' weighted words (subjects.py): three quarters
# of what each asks in common. At 0.6 most pairs are two questions on one subject ("tools for
# monitoring and logging" / "how monitoring differs from logging"); see docs/outputs.md.
SHOWN = 20  # near-duplicate pairs printed; the rest are counted
LONG_ANSWER_WORDS = 250


@dataclass(frozen=True)
class Rich:
    """Formulas, images and cloze deletions: how many, and which cannot be shown."""

    formulas: int
    images: int
    image_files: int
    cloze_cards: int
    cloze_numbers: int  # Anki cards the cloze notes make
    broken: list[str]  # `file:line: problem` for formulas shown as code, images not shown


@dataclass(frozen=True)
class Report:
    counts: dict[str, Counter]
    prompts: list[Card]
    near_duplicates: list[tuple[Card, Card, float]]
    long_answers: list[tuple[Card, int]]
    missing_figures: list[Card]
    rich: Rich


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def near_duplicates(cards: list[Card], threshold: float = NEAR_DUPLICATE,
                    language: str = "en") -> list[tuple[Card, Card, float]]:
    """Pairs of questions from different decks that ask the same thing, scored 0-100.

    Each question is weighed against the whole collection (subjects.py): words most questions
    share (deployment, model, difference) count for little, so "What is canary deployment?"
    and "Canary vs blue-green deployment?" are one subject but not one question.
    """
    questions = [c for c in cards if c.kind in ("qa", "prompt")]
    subjects = Subjects.of((c.front for c in questions), language)
    pairs = []
    for i, card in enumerate(questions):
        def later_elsewhere(j: int, i: int = i, deck: str = card.deck) -> bool:
            return j > i and questions[j].deck != deck
        for j, score in subjects.nearest(i, threshold, later_elsewhere):
            pairs.append((card, questions[j], round(100 * score, 1)))
    return sorted(pairs, key=lambda p: (-p[2], p[0].id, p[1].id))


def rich_content(content: Content) -> Rich:
    texts = [t for c in content.cards for t in (c.front, c.back, c.notes) if t]
    found = [inventory(t) for t in texts]
    clozes = [c for c in content.cards if c.kind == "cloze"]
    return Rich(
        formulas=sum(len(f.formulas) for f in found),
        images=sum(len(f.images) for f in found),
        image_files=len({name for c in content.cards for name in c.images}),
        cloze_cards=len(clozes),
        cloze_numbers=sum(len(cloze.numbers(c.front)) for c in clozes),
        broken=[str(w) for w in content.warnings],
    )


def build_report(content: Content, long_words: int = LONG_ANSWER_WORDS) -> Report:
    cards = content.cards
    counts = {
        "deck": Counter(c.deck for c in cards),
        "kind": Counter(c.kind for c in cards),
        "topic": Counter(c.topic for c in cards),
    }
    return Report(
        counts=counts,
        prompts=[c for c in cards if c.kind == "prompt"],
        near_duplicates=near_duplicates(cards, language=content.language),
        long_answers=[(c, n) for c in cards if (n := words(c.back)) > long_words],
        missing_figures=[c for c in cards
                         if FIGURE_REFERENCE.search(c.back) and not HAS_IMAGE.search(c.back)],
        rich=rich_content(content),
    )


def format_report(report: Report, content: Content) -> str:
    out: list[str] = [f"{sum(report.counts['deck'].values())} cards"]
    if content.unimported:
        out.append(f"\nsources with no deck yet (run `build-decks import`): "
                   f"{', '.join(content.unimported)}")
    titles = {t.id: t.title for t in content.topics}
    for name, counter in report.counts.items():
        out.append(f"\nper {name}:")
        order = [t.id for t in content.topics] if name == "topic" else sorted(counter)
        out += [f"  {key:<32} {counter[key]:>4}" + (f"  {titles[key]}" if name == "topic" else "")
                for key in order if counter[key]]
    out.append(f"\nprompts (questions without a reference answer): {len(report.prompts)}")
    per_deck = Counter(c.deck for c in report.prompts)
    out += [f"  {deck:<32} {n:>4}" for deck, n in sorted(per_deck.items())]
    out.append(f"\nnear-duplicate questions across sources: {len(report.near_duplicates)}")
    for a, b, score in report.near_duplicates[:SHOWN]:
        out.append(f"  {score:5.1f}  {a.path}:{a.line} {a.front!r}\n"
                   f"         {b.path}:{b.line} {b.front!r}")
    if len(report.near_duplicates) > SHOWN:
        out.append(f"  ... and {len(report.near_duplicates) - SHOWN} more pairs, less alike")
    out.append(f"\nlong answers (over {LONG_ANSWER_WORDS} words): {len(report.long_answers)}")
    out += [f"  {c.path}:{c.line} {n} words: {c.front!r}" for c, n in report.long_answers]
    out.append(f"\nanswers that refer to a missing figure: {len(report.missing_figures)}")
    out += [f"  {c.path}:{c.line} {c.front!r}" for c in report.missing_figures]
    rich = report.rich
    files = f"{rich.image_files} file{'s' if rich.image_files != 1 else ''}"
    out.append(f"\nformulas: {rich.formulas}; images: {rich.images} ({files} in media/); "
               f"cloze cards: {rich.cloze_cards} (making {rich.cloze_numbers} Anki cards)")
    out.append(f"formulas shown as code and images shown as links: {len(rich.broken)}")
    out += [f"  {problem}" for problem in rich.broken]
    return "\n".join(out)
