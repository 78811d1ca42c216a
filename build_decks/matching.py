"""Which card of the last import each newly read card is, over the whole project.

Every card the last import wrote is an `Old` (from import-lock.json, with its question's key);
so is a card in a deck's YAML that no import knows (written by hand, or a lost lock). A newly
read card takes the id of the first of these that matches, in this order:

1. the same question in its own deck (an older lock's key, in its own deck, for the cards of
   a lock written before question keys);
2. the same question in any other deck, if that card is still in its YAML: a card moved to
   another source keeps its id, and so its Anki note;
3. the same question among its own deck's cards the lock does not know;
4. the same question reworded (keys.FuzzyIndex), in its own deck.

Otherwise it is new. Identical questions (one key, several cards) are told apart by their
answers: a card takes the old card whose source answer was the same, and what is left pairs
up in document order. So twins keep their ids through any reordering while their answers
differ and stay as they were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from build_decks.keys import FuzzyIndex, legacy_keys, question_key
from build_decks.schema import SCHEMAS, front_of


@dataclass(frozen=True)
class Old:
    """A card of the last import (or of a YAML file no import knows)."""

    deck: str
    cid: str
    key: str | None  # the question's key (None: an older lock's entry, its YAML card gone)
    legacy: str | None = None  # an older lock's key (the words, `#2` for a repeated one)
    answers: frozenset[str] = frozenset()  # hashes of the answer the source had
    locked: bool = True  # in import-lock.json (else only in the YAML)
    present: bool = True  # still in its deck's YAML


@dataclass(frozen=True)
class New:
    """A newly read card: its deck, its key, the hash of its answer."""

    deck: str
    key: str
    answer: str


@dataclass
class Matches:
    """deck -> per new card (document order) the old card it is, or None (a new card)."""

    found: dict[str, list[Old | None]] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # card ids taken

    def take(self, deck: str, index: int, old: Old) -> None:
        self.found[deck][index] = old
        self.taken.add(old.cid)


def back_of(card: dict) -> object:
    """The answer side of a card, whatever its kind."""
    schema = SCHEMAS.get(str(card.get("kind")))
    return card.get(schema.back) if schema else None


def match(decks: dict[str, list[dict]], olds: list[Old], answer_hash) -> Matches:
    """`decks`: deck name -> its newly read cards in document order, decks in import order;
    `answer_hash(value)`: the hash the lock keeps of a field's value."""
    news = {deck: [New(deck, question_key(front_of(card)), answer_hash(back_of(card)))
                   for card in cards] for deck, cards in decks.items()}
    result = Matches({deck: [None] * len(cards) for deck, cards in decks.items()})
    by_deck: defaultdict[str, list[Old]] = defaultdict(list)
    for old in olds:
        by_deck[old.deck].append(old)
    for deck, cards in decks.items():  # 1. own deck, exactly
        own = [o for o in by_deck[deck] if o.locked]
        _pair_by_key(news[deck], _by_key(o for o in own if o.key is not None), deck, result)
        legacy = {o.legacy: o for o in own if o.legacy is not None}
        if legacy:
            for index, key in enumerate(legacy_keys([front_of(card) for card in cards])):
                old = legacy.get(key)
                if result.found[deck][index] is None and old and old.cid not in result.taken:
                    result.take(deck, index, old)
    pool = _by_key(o for o in olds if o.locked and o.present and o.key is not None)
    for deck in decks:  # 2. any deck, exactly: moved cards
        _pair_by_key(news[deck], pool, deck, result)
    for deck in decks:  # 3. cards only the YAML knows
        _pair_by_key(news[deck], _by_key(o for o in by_deck[deck] if not o.locked), deck, result)
    for deck in decks:  # 4. reworded, in its own deck
        spare = [o for o in by_deck[deck] if o.locked and o.cid not in result.taken]
        if not spare or None not in result.found[deck]:
            continue
        fuzzy = FuzzyIndex((o.key if o.key is not None else str(o.legacy), n)
                           for n, o in enumerate(spare))
        for index, new in enumerate(news[deck]):
            if result.found[deck][index] is None and (n := fuzzy.take(new.key)) is not None:
                result.take(deck, index, spare[n])
    return result


def _by_key(olds: Iterable[Old]) -> dict[str | None, list[Old]]:
    found: defaultdict[str | None, list[Old]] = defaultdict(list)
    for old in olds:
        found[old.key].append(old)
    return found


def _pair_by_key(news: list[New], by_key: dict[str | None, list[Old]], deck: str,
                 result: Matches) -> None:
    """Each unmatched new card takes an untaken old card with its key: among twins first the
    one whose answer was the same, then the others in order."""
    waiting: defaultdict[str, list[int]] = defaultdict(list)
    for index, new in enumerate(news):
        if result.found[deck][index] is None and new.key in by_key:
            waiting[new.key].append(index)
    for key, indexes in waiting.items():
        candidates = [o for o in by_key[key] if o.cid not in result.taken]
        by_answer: defaultdict[str, list[Old]] = defaultdict(list)
        for old in reversed(candidates):  # popped from the end: document order
            for answer in old.answers:
                by_answer[answer].append(old)
        rest = []
        for index in indexes:
            same = by_answer.get(news[index].answer, [])
            while same and same[-1].cid in result.taken:
                same.pop()
            if same:
                result.take(deck, index, same.pop())
            else:
                rest.append(index)
        spare = (o for o in candidates if o.cid not in result.taken)
        for index, old in zip(rest, spare, strict=False):
            result.take(deck, index, old)
