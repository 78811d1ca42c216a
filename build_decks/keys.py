"""What identifies a question across re-imports, so its card id (and Anki note) never moves.

A question's key is its text as a reader tells it apart: Unicode compatibility forms (NFKC),
case and runs of white space aside, every character counts. Symbols, digits and emoji stay, so
`What is C++?` / `What is C#?`, `a == b` / `a != b`, `A/B` / `A-B` and two emoji-only
questions have different keys, and neither order nor place enters a key. (Identical questions,
one key for several cards, are told apart by their answers: see matching.py.)

A reworded question is found again among the keys nothing matched exactly when it is clearly
the same question:
- its marks are the same: every number, and every symbol or emoji that is not sentence
  punctuation or a dash (`Python 2` never turns into `Python 3`, nor `C++` into `C#`);
- and its words are FUZZY_MATCH % alike (rapidfuzz's ratio: an added article, a fixed typo),
  or its content words (stop words aside) are those of exactly one spare question, in the same
  order (`What is model drift?` -> `Explain model drift.`).
Candidates are looked up through an index of marks and rare words, not every key against every
key: 10,000 reworded questions would be 100 million comparisons.

Locks written before these keys hold `key`: the question's words only, `#2`, `#3` for a
repeated one in document order (legacy_keys). They are still read, and rewritten as keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable

from rapidfuzz import fuzz, process

from build_decks.question_words import STOPWORDS

FUZZY_MATCH = 90  # fuzz.ratio of two questions' words: an article or a typo, not a new subject
RARE_WORDS = 3  # a question is compared with the spare ones sharing one of its rarest words
# Punctuation that ends or frames a sentence, and dashes: a reworded question may change them.
# Every other symbol (+ # = / < > * & % $ @ ...) and every emoji is a mark that must stay.
SENTENCE_PUNCTUATION = frozenset(".,;:!?¿¡…'\"‘’‚“”„«»‹›()[]-‐‑‒–—―。、，．！？：；「」『』（）")
WORDS = re.compile(r"[^\W_]+")  # letters and digits, in any script
NUMBER = re.compile(r"\d+")


def question_key(front: str) -> str:
    """The question as a reader tells it apart: NFKC, case-folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", front).casefold().split())


def words(key: str) -> str:
    """The words of a key (letters and digits), space-separated."""
    return " ".join(WORDS.findall(key))


def marks(key: str) -> tuple[str, ...]:
    """What a rewording may not change: numbers, symbols and emoji (sorted)."""
    symbols = [c for c in key if not c.isalnum() and not c.isspace()
               and c not in SENTENCE_PUNCTUATION]
    return tuple(sorted([*NUMBER.findall(key), *symbols]))


def content_words(key: str) -> tuple[str, ...]:
    """The words that carry the subject: stop words (what, is, explain, ...) and numbers aside."""
    return tuple(w for w in WORDS.findall(key) if w not in STOPWORDS and not w.isdigit())


def legacy_key(front: str) -> str:
    """The key older locks stored: the words only, lower case."""
    text = unicodedata.normalize("NFKC", front).casefold()
    return " ".join(WORDS.findall(text))


def legacy_keys(fronts: list[str]) -> list[str]:
    """Older locks' keys for a document's questions: a repeated one got `#2`, `#3` in order."""
    seen: Counter[str] = Counter()
    keys = []
    for front in fronts:
        key = legacy_key(front)
        seen[key] += 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


class FuzzyIndex:
    """Questions not matched exactly, each found again by the closest spare one (see above)."""

    def __init__(self, entries: Iterable[tuple[str, Hashable]]) -> None:  # (key, value)
        self.items: list[tuple[str, Hashable]] = []
        self.alive: set[int] = set()
        self.frequency: Counter[str] = Counter()
        self.by_word: defaultdict[tuple, set[int]] = defaultdict(set)  # (marks, word)
        self.by_content: defaultdict[tuple, set[int]] = defaultdict(set)  # (marks, content)
        for key, value in entries:
            text, signature = words(key), marks(key)
            if not text:
                continue  # nothing to compare: an emoji-only question is only matched exactly
            index = len(self.items)
            self.items.append((text, value))
            self.alive.add(index)
            for word in set(text.split()):
                self.frequency[word] += 1
                self.by_word[(signature, word)].add(index)
            if content := content_words(key):
                self.by_content[(signature, content)].add(index)

    def take(self, key: str) -> Hashable | None:
        """The value of the spare question `key` rewords (removed from the index), or None."""
        text, signature = words(key), marks(key)
        if not text or not self.alive:
            return None
        found = self._closest(text, signature)
        if found is None and (content := content_words(key)):
            same = self.by_content.get((signature, content), set()) & self.alive
            found = next(iter(same)) if len(same) == 1 else None
        if found is None:
            return None
        self.alive.discard(found)
        return self.items[found][1]

    def _closest(self, text: str, signature: tuple[str, ...]) -> int | None:
        """The spare question whose words are closest, at least FUZZY_MATCH alike. Those sharing
        the rarest word are tried first (a reworded question keeps its subject), the next rarest
        only when none of those is close enough."""
        rarest = sorted(set(text.split()), key=lambda w: (self.frequency.get(w, 0), w))
        tried: set[int] = set()
        for word in rarest[:RARE_WORDS]:
            candidates = (self.by_word.get((signature, word), set()) & self.alive) - tried
            tried |= candidates
            if not candidates:
                continue
            choices = {i: self.items[i][0] for i in sorted(candidates)}
            best = process.extractOne(text, choices, scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_MATCH)
            if best is not None:
                return best[2]
        return None
