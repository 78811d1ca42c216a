"""Deterministic synthetic content for the benchmark: N questions in one Markdown document."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

WORDS = ("model serving latency drift canary rollout registry pipeline feature store batch "
         "stream container cluster replica monitor alert metric version rollback shadow test "
         "gradient budget quota traffic schema contract lineage artifact").split()


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def document(cards: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = ["# Synthetic interview questions", ""]
    for i in range(1, cards + 1):
        parts += [f"{i}. **What is {rng.choice(WORDS)} {rng.choice(WORDS)} number {i}?**", "",
                  "<details>", "<summary>Answer</summary>", ""]
        parts += [" ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 5))),
                  ""]
        if i % 3 == 0:
            parts += [f"- **{rng.choice(WORDS).title()}:** {_sentence(rng, 10)}"
                      for _ in range(rng.randint(2, 5))] + [""]
        if i % 10 == 0:
            parts += ["```python", f"replicas = scale(load={i}, target=0.7)", "```", ""]
        parts += ["</details>", ""]
    return "\n".join(parts)


def make_content(folder: Path, cards: int, topics: Path, documents: int = 1) -> Path:
    """A content/ folder with synthetic sources of `cards` questions in all, not yet imported
    (several documents, for what compares across decks)."""
    content = folder / "content"
    (content / "sources").mkdir(parents=True, exist_ok=True)
    shutil.copy(topics, content / "topics.yaml")
    for number in range(documents):
        name = "synthetic.md" if number == 0 else f"synthetic-{number + 1}.md"
        (content / "sources" / name).write_text(document(cards // documents, seed=7 + number),
                                                encoding="utf-8")
    (content / "config.yaml").write_text(
        "title: Synthetic Prep\nauthor: bench\nlanguage: en\nsources:\n"
        "  - name: synthetic\n    file: sources/synthetic.md\n",
        encoding="utf-8")
    return content
