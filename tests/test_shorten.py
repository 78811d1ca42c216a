"""Short forms: the lead's whole sentences and the outline of the lists, never a cut sentence."""

from __future__ import annotations

import re

from conftest import imported_seeds

from build_decks.loader import load_content
from build_decks.model import Card
from build_decks.shorten import ITEM_WORDS, LEAD_WORDS, MORE, short_form, word_count


def card(answer: str, summary: str = "") -> Card:
    return Card(id="c", kind="qa", front="Why?", back=answer, topic="t", deck="d",
                summary=summary)


FILLER = " ".join(f"Sentence number {n} says a little more about the subject." for n in range(12))


def test_the_lead_is_whole_sentences() -> None:
    answer = ("Canary releases send a small share of traffic to the new model first. " + FILLER)
    short = short_form(card(answer))
    assert short.startswith("Canary releases send a small share of traffic to the new model first.")
    assert short.endswith(".") and word_count(short) <= LEAD_WORDS


def test_a_long_first_sentence_is_kept_whole_or_cut_at_a_clause() -> None:
    long_sentence = ("Serving gives finer control over traffic, shadow deployments that run the "
                     "model without answering, and consistent latency for every request that "
                     "reaches the service.")
    assert short_form(card(f"{long_sentence} {FILLER}")).startswith(long_sentence)
    run_on = ", ".join(f"clause {n} adds one more consideration to weigh" for n in range(14))
    short = short_form(card(f"Run-on {run_on}. {FILLER}"))
    assert short.endswith(MORE) and not short.endswith(f",{MORE}")
    assert re.search(r"weigh…$", short)  # ends where a clause ended, never inside one


def test_list_items_are_outlined_by_label_or_whole_short_sentence() -> None:
    answer = "\n".join([
        "There are several ways to deploy.",
        "",
        "- **Batch**: scores records on a schedule, cheaply and in bulk.",
        "- Online: answers each request as it arrives, within a latency budget.",
        "- Edge deployment runs on the device.",
        "- " + " ".join(["This item goes on for far too long to be outlined"] * 3) + ".",
        "",
        FILLER,
    ])
    short = short_form(card(answer))
    assert short == ("There are several ways to deploy.\n\n"
                     f"Batch · Online · Edge deployment runs on the device · {MORE}")


def test_short_answers_terms_and_summaries_are_printed_as_written() -> None:
    assert short_form(card("Short and sweet.")) == "Short and sweet."
    assert short_form(card(FILLER, summary="My own words.")) == "My own words."


BOUNDARY = re.compile(r" ?[.!?:;,)\]*]|\n|$")


def pieces(short: str) -> list[str]:
    found = []
    for block in short.split("\n\n"):
        found += [p.strip().removesuffix(MORE) for p in block.split(" · ") if p.strip() != MORE]
    return [p for p in found if p]


def test_no_seed_short_form_ends_mid_sentence() -> None:
    """Every piece of every shortened seed answer is found in the answer, followed there by
    the end of a sentence or clause, a label's colon or bold, or the end of its block."""
    cards = [c for c in load_content(imported_seeds()).cards if c.kind == "qa"]
    checked = 0
    for c in cards:
        short = short_form(c)
        if short == c.back:
            continue
        source = "\n".join(" ".join(line.split()) for line in c.back.splitlines())
        source = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", source, flags=re.MULTILINE)
        for piece in pieces(short):
            places = [m.end() for m in re.finditer(re.escape(piece), source)]
            assert places, (c.id, piece)
            ended = piece[-1] in ".!?" or any(BOUNDARY.match(source, at) for at in places)
            assert ended, (c.id, piece)
            assert word_count(piece) <= max(ITEM_WORDS, 70)
            checked += 1
    assert checked >= 20
