"""Near-duplicates and related cards: question words weighted by how rare they are."""

from __future__ import annotations

from pathlib import Path

from conftest import imported_seeds

from build_decks.check import NEAR_DUPLICATE, near_duplicates
from build_decks.loader import load_content
from build_decks.model import Card, Content, Deck, Topic
from build_decks.shorten import LEAD_WORDS, gist, word_count
from build_decks.subjects import Subjects, words

FILLER = [f"What is the deployment model of service number {n}?" for n in range(30)] + [
    f"How does deployment differ for cluster kind {n}?" for n in range(30)]


def card(card_id: str, front: str, deck: str, kind: str = "prompt", back: str = "",
         topic: str = "t") -> Card:
    return Card(id=card_id, kind=kind, front=front, back=back, topic=topic, deck=deck)


def test_words_are_stemmed_content_words() -> None:
    assert words("What are the benefits of model registries?") == ["benefit", "model", "registri"]
    assert words("Qu'est-ce que le déploiement canari ?", "fr")[-2:] == ["déploi", "canar"]


def test_words_every_question_has_weigh_nothing() -> None:
    subjects = Subjects.of(["What is canary deployment?",
                            "What is the difference between canary and blue-green deployment?",
                            *FILLER])
    assert subjects.vectors[0]["canari"] > 4 * subjects.vectors[0]["deploy"]
    assert subjects.score(0, 1) < NEAR_DUPLICATE  # one subject (canary), two questions


def test_near_duplicates_are_the_same_question_asked_twice() -> None:
    fronts = ["What is a model registry and what are its benefits?",
              "What is canary deployment and why is it useful?",
              "What are the benefits of a model registry?",
              "What is the difference between canary and blue-green deployment?"]
    cards = [card(f"c{i}", f, "a" if i < 2 else "b") for i, f in enumerate(fronts)]
    cards += [card(f"f{i}", f, "c") for i, f in enumerate(FILLER)]
    pairs = near_duplicates(cards)
    assert [(a.id, b.id) for a, b, _ in pairs] == [("c0", "c2")]
    assert 75 <= pairs[0][2] <= 100


def test_the_seeds_near_duplicates_are_real() -> None:
    """Listed with a judgement in docs/outputs.md: the one pair asks for a model registry's
    benefits twice."""
    content = load_content(imported_seeds())
    pairs = near_duplicates(content.cards, language=content.language)
    assert [(a.id, b.id) for a, b, _ in pairs] == [
        ("mlops-qa-model-registry-benefits",
         "mastering-deployment-benefits-using-model-registry-managing")]


def content_of(cards: list[Card]) -> Content:
    return Content("T", "A", "en", (Topic("t", "T"), Topic("u", "U")),
                   (Deck("d", "D", "d.md", tuple(cards), path=Path("d.yaml")),))


def test_related_cards_share_the_prompts_subject_and_prefer_its_topic() -> None:
    cards = [card("p", "How do you roll back a canary release?", "d"),
             card("a", "What is a canary release?", "d", "qa", "A canary release sends a "
                  "small share of traffic to the new version first. Then more.", topic="u"),
             card("b", "Canary release", "d", "term", "Trying a version on a few users."),
             card("c", "What is a feature store?", "d", "qa", "A store of features."),
             *[card(f"f{i}", f, "d") for i, f in enumerate(FILLER)]]
    content = content_of(cards)
    assert [c.id for c in content.related(cards[0])] == ["b", "a"]
    assert content.related(cards[3]) == []  # only prompts' neighbours are looked up by callers,
    # but any card may ask: a feature store shares no subject with the others


def test_a_related_card_shows_its_short_answer() -> None:
    long = "Canary releases route a small share of traffic first. " + " ".join(
        f"Detail {n} explains one more point at length." for n in range(20))
    short = gist(card("a", "Canary?", "d", "qa", long))
    assert short.startswith("Canary releases route a small share of traffic first. Detail 0")
    assert short.endswith("at length.") and word_count(short) <= LEAD_WORDS


def test_seed_prompts_related_cards_are_on_their_subject() -> None:
    content = load_content(imported_seeds())
    subjects, position = content._subjects
    prompts = [c for c in content.cards if c.kind == "prompt"]
    for prompt in prompts:
        for other in content.related(prompt):
            assert other.kind in ("qa", "term")
            assert subjects.score(position[prompt.id], position[other.id]) >= 0.2, (
                prompt.front, other.front)
    assert sum(1 for p in prompts if content.related(p)) >= len(prompts) // 2
