"""What a question is about: its words, weighted by how rare they are in the collection.

Two questions ask the same thing when they share the words that are rare in the collection.
Words that nearly every question has (in an ML-deployment collection: deployment, model,
difference) say little about what one of them asks, in any subject and any language. So each
question becomes a vector of its stemmed words (Snowball, in the content's language), each
weighted by its inverse document frequency over all the questions of the collection,
idf = ln((N + 1) / df), and two questions are compared by the cosine of their vectors: 1 for
the same subject words, 0 for none in common. The weights come from the collection itself, not
from a list of words: a collection about cooking discounts "recipe" the same way.

`check` reports pairs above NEAR_DUPLICATE as near-duplicates; a prompt's related cards are the
answered cards closest to it (model.Content.related).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from build_decks.question_words import STOPWORDS

WORD = re.compile(r"\w+(?:[/'’+.-]\w+)*[+#]*")
POSSESSIVE = re.compile(r"['’]s$")
LANGUAGES = {"ar": "arabic", "da": "danish", "de": "german", "el": "greek", "en": "english",
             "es": "spanish", "fi": "finnish", "fr": "french", "hu": "hungarian", "id":
             "indonesian", "it": "italian", "nl": "dutch", "no": "norwegian", "pt": "portuguese",
             "ro": "romanian", "ru": "russian", "sv": "swedish", "tr": "turkish"}
SUBJECT_SHARE = 0.1  # a word in more than this share of the questions names no subject of its
# own: it still counts in the cosine, but is no reason on its own to compare two questions
MIN_SUBJECT_QUESTIONS = 100  # ...unless the collection is small: compare them all


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    name = LANGUAGES.get(language.split("-")[0].lower())
    return snowballstemmer.stemmer(name) if name else None


@cache
def _stem(word: str, language: str) -> str:
    """Snowball is pure Python (some 80 µs a word): each word is stemmed once."""
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def words(text: str, language: str = "en") -> list[str]:
    """The stemmed words of a question, without function words."""
    found = [POSSESSIVE.sub("", w) for w in WORD.findall(text.lower())]
    return [_stem(w, language) for w in found if w not in STOPWORDS]


@dataclass(frozen=True)
class Subjects:
    """The questions of a collection as weighted word vectors, with an index by word."""

    vectors: tuple[dict[str, float], ...]  # unit length (empty for a question of no words)
    postings: dict[str, tuple[int, ...]]  # word -> the questions that have it

    @classmethod
    def of(cls, texts: Iterable[str], language: str = "en") -> Subjects:
        bags = [words(text, language) for text in texts]
        found: defaultdict[str, list[int]] = defaultdict(list)
        for index, bag in enumerate(bags):
            for word in set(bag):
                found[word].append(index)
        total = len(bags)
        idf = {w: math.log((total + 1) / len(at)) for w, at in found.items()}
        vectors = []
        for bag in bags:
            vector = {w: idf[w] for w in set(bag)}  # presence: a word said twice is one subject
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            vectors.append({w: v / norm for w, v in vector.items()})
        return cls(tuple(vectors), {w: tuple(at) for w, at in found.items()})

    def score(self, a: int, b: int) -> float:
        """The cosine of two questions' vectors, 0 to 1."""
        small, large = sorted((self.vectors[a], self.vectors[b]), key=len)
        return sum(weight * large.get(word, 0.0) for word, weight in small.items())

    def candidates(self, index: int, threshold: float) -> set[int]:
        """Every question that can be at least `threshold` alike with this one, and few
        others: it must share one of this question's heaviest words, taken until the rest
        of its weight could no longer reach `threshold` on its own (prefix filtering: an
        index, not every pair, so 10,000 questions are not 50 million comparisons)."""
        common = max(MIN_SUBJECT_QUESTIONS, SUBJECT_SHARE * len(self.vectors))
        vector = self.vectors[index]
        rest = 1.0  # squared weight of the words not taken yet (the vector has unit length)
        found: set[int] = set()
        for word in sorted(vector, key=lambda w: (-vector[w], w)):
            if math.sqrt(max(rest, 0.0)) < threshold:
                break
            rest -= vector[word] ** 2
            if len(self.postings[word]) <= common:
                found.update(self.postings[word])
        found.discard(index)
        return found

    def nearest(self, index: int, threshold: float, keep: Callable[[int], bool],
                limit: int | None = None) -> list[tuple[int, float]]:
        """The questions closest to question `index` (those `keep` accepts), best first, each
        at least `threshold` alike."""
        scored = [(other, score) for other in self.candidates(index, threshold) if keep(other)
                  if (score := self.score(index, other)) >= threshold]
        return sorted(scored, key=lambda found: (-found[1], found[0]))[:limit]
