"""`make corpus`'s measures on a corpus of our own: a question swallowed into another one's
answer is counted as such, and words are accounted for only by a card or a named category,
never by their place in the document."""

from __future__ import annotations

import json
from pathlib import Path

from corpus import read_one  # bench/corpus.py

DOCUMENT = ("A few words of introduction here.\n\n## What is a cache?\n\nA fast store.\n\n"
            "What is a cache line? The unit a cache moves.\n\n## What is a TLB?\n\nA cache of "
            "page translations.\n\n## License\n\nMIT.\n")


def test_swallowed_questions_and_unaccounted_words(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(DOCUMENT, encoding="utf-8")
    key = {"qa": ["What is a cache?", "What is a cache line?", "What is a TLB?"]}
    (tmp_path / "expected.json").write_text(json.dumps({"notes.md": key}), encoding="utf-8")
    score = read_one(path, key)
    assert score.matched == 2
    assert score.swallowed == ["What is a cache line?"]  # inside the cache's answer
    # the introduction is unaccounted (named by its place only); the licence is a category
    assert [line for line, _ in score.unaccounted] == [1]
    assert 0 < score.unaccounted_share < 0.3
