"""What identifies a question across re-imports, so its card id (and Anki note) never moves.

A question's key is its words in any script (case, punctuation and spacing aside), plus its
position among equal questions in the same document: two identical `What is drift?` with
different answers are `what is drift` and `what is drift#2`, always in that order, so neither
takes the other's id. A reworded question is found again by fuzzy matching against the keys
no exact match took, through an index of rare words (not every key against every key: 10,000
reworded questions would be 100 million comparisons).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

from rapidfuzz import fuzz, process

FUZZY_MATCH = 90  # fuzz.ratio of two keys
RARE_WORDS = 3  # a key is compared with the keys sharing one of its three rarest words


def text_key(front: str) -> str:
    """The words of a question, lower case, in whatever script it is written."""
    text = unicodedata.normalize("NFKC", front).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def positional_keys(fronts: list[str]) -> list[str]:
    """One key per question, unique: a repeated question gets `#2`, `#3` in document order."""
    seen: Counter[str] = Counter()
    keys = []
    for front in fronts:
        key = text_key(front)
        seen[key] += 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


class FuzzyIndex:
    """Keys not matched exactly, found again by their closest spelling among the spare ones."""

    def __init__(self, keys: dict[str, str]) -> None:  # key -> card id
        self.keys = dict(keys)
        self.frequency: Counter[str] = Counter(w for key in keys for w in set(key.split()))
        self.by_word: defaultdict[str, set[str]] = defaultdict(set)
        for key in keys:
            for word in set(key.split()):
                self.by_word[word].add(key)

    def take(self, key: str) -> str | None:
        """The card id of the closest spare key (removed from the index), or None.

        The keys sharing the rarest word are tried first (a reworded question keeps its
        subject), the next rarest only when none of those is close enough."""
        words = sorted(set(key.split()), key=lambda w: (self.frequency.get(w, 0), w))
        tried: set[str] = set()
        for word in words[:RARE_WORDS]:
            candidates = sorted(self.by_word.get(word, set()) - tried)
            tried.update(candidates)
            best = process.extractOne(key, candidates, scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_MATCH) if candidates else None
            if best is not None:
                found = best[0]
                for other in set(found.split()):
                    self.by_word[other].discard(found)
                return self.keys.pop(found)
        return None
