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


DIAGRAMS = 20  # distinct images a rich document cycles through


def _rich(i: int) -> list[str]:
    """A formula in a sentence, a displayed one and a diagram: what a rich answer adds."""
    return [f"The loss is $L_{{{i}}} = \\frac{{a_{{{i}}}}}{{b + {i}}}$ for this case.", "",
            f"$$\\sum_{{k=1}}^{{{i}}} x_k^2 = \\sigma^2_{{{i}}}$$", "",
            f"![diagram {i % DIAGRAMS}](img/diagram-{i % DIAGRAMS}.png)", ""]


def document(cards: int, seed: int = 7, rich: bool = False) -> str:
    rng = random.Random(seed)
    parts = ["# Synthetic interview questions", ""]
    for i in range(1, cards + 1):
        parts += [f"{i}. **What is {rng.choice(WORDS)} {rng.choice(WORDS)} number {i}?**", "",
                  "<details>", "<summary>Answer</summary>", ""]
        parts += [" ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 5))),
                  ""]
        if rich:
            parts += _rich(i)
        if i % 3 == 0:
            parts += [f"- **{rng.choice(WORDS).title()}:** {_sentence(rng, 10)}"
                      for _ in range(rng.randint(2, 5))] + [""]
        if i % 10 == 0:
            parts += ["```python", f"replicas = scale(load={i}, target=0.7)", "```", ""]
        parts += ["</details>", ""]
    return "\n".join(parts)


def diagrams(folder: Path) -> None:
    """DIAGRAMS small distinct PNG diagrams (Pillow, WeasyPrint's image library)."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    for number in range(DIAGRAMS):
        image = Image.new("RGB", (320, 160), "white")
        draw = ImageDraw.Draw(image)
        draw.rectangle((10, 10, 150, 150), outline=(20 * number % 255, 60, 120), width=4)
        draw.ellipse((170, 10, 310, 150), outline=(120, 20, 20 * number % 255), width=4)
        image.save(folder / f"diagram-{number}.png")


def make_content(folder: Path, cards: int, topics: Path, documents: int = 1,
                 rich: bool = False) -> Path:
    """A content/ folder with synthetic sources of `cards` questions in all, not yet imported
    (several documents, for what compares across decks); `rich` answers add formulas and
    diagrams."""
    content = folder / "content"
    (content / "sources").mkdir(parents=True, exist_ok=True)
    shutil.copy(topics, content / "topics.yaml")
    for number in range(documents):
        name = "synthetic.md" if number == 0 else f"synthetic-{number + 1}.md"
        (content / "sources" / name).write_text(
            document(cards // documents, seed=7 + number, rich=rich), encoding="utf-8")
    if rich:
        diagrams(content / "sources" / "img")
    (content / "config.yaml").write_text(
        "title: Synthetic Prep\nauthor: bench\nlanguage: en\nsources:\n"
        "  - name: synthetic\n    file: sources/synthetic.md\n",
        encoding="utf-8")
    return content
