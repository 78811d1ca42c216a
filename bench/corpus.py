"""`make corpus CORPUS=DIR`: how well the reader reads real documents.

DIR holds documents and an answer key, `expected.json`: {file: {"qa": [...], "prompt": [...],
"term": [...]}} (questions written as the key's SOURCES.md describes). Each document is
imported alone, as a new user would, into a temporary content folder (the documents are read
from DIR, never copied into the project). A found item counts when its kind and its question
match an item of the key exactly; recall = matched / expected, precision = matched / found.

It also compares every answer as the outputs show it (the project's Markdown function,
Python-Markdown) with the source passage it came from as GitHub shows it (markdown-it-py in
GFM mode: CommonMark, tables, strikethrough, bare URLs as links, footnotes), and counts the
answers whose block structure (lists and their nesting, tables, code, quotes, headings)
differs. The passage is the answer's source lines as the reader sliced them (its own
indentation and an `A:` label removed), before any clean-up: a difference is a list, a table
or a code block that the reader, the clean-up or the renderer lost or made.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from build_decks.config import load_config
from build_decks.errors import BuildDecksError
from build_decks.importer import import_sources
from build_decks.readers import read_source
from build_decks.render.markup import to_html
from build_decks.yamlio import load_yaml

KINDS = ("qa", "prompt", "term")
STRUCTURE = frozenset({"ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "pre",
                       "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd"})
TOPICS = "default: general\ntopics:\n  - id: general\n    title: General\n"
GFM = MarkdownIt("gfm-like").use(footnote_plugin)  # GitHub: raw HTML, tables, ~~, URLs, [^1]


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in STRUCTURE:
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in STRUCTURE:
            self.tags.append(f"/{tag}")


def structure(html: str) -> list[str]:
    """The block tags in document order: lists, their nesting, tables, code, quotes."""
    parser = _Blocks()
    parser.feed(html)
    shifted = []  # answers render their headings one level down (h1 -> h4): compare as h
    for tag in parser.tags:
        shifted.append("/h" if tag[:2] == "/h" and tag[2:].isdigit() else
                       "h" if tag[:1] == "h" and tag[1:].isdigit() else tag)
    return shifted


@dataclass
class Score:
    name: str
    expected: Counter
    found: Counter
    answers: int = 0
    differing: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def matched(self) -> int:
        return sum((self.expected & self.found).values())

    @property
    def recall(self) -> float:
        total = sum(self.expected.values())
        return self.matched / total if total else 1.0

    @property
    def precision(self) -> float:
        total = sum(self.found.values())
        return self.matched / total if total else 1.0


def passages(path: Path, fmt: str | None) -> dict[int, list[str]]:
    """The source passage of each answer, by the line of its question: the answer's source
    lines as the reader found them, before normalize cleans them up."""
    found: dict[int, list[str]] = {}
    for entry in read_source(path, fmt)[1].entries:
        found.setdefault(entry.line, []).append("\n".join(text for _, text in entry.back_lines))
    return found


def read_one(document: Path, key: dict) -> Score:
    expected = Counter((kind, q) for kind in KINDS for q in key.get(kind, []))
    score = Score(document.name, expected, Counter())
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        (content / "sources").mkdir(parents=True)
        (content / "sources" / document.name).write_bytes(document.read_bytes())
        (content / "config.yaml").write_text("title: Corpus\n", encoding="utf-8")
        (content / "topics.yaml").write_text(TOPICS, encoding="utf-8")
        try:
            result = import_sources(load_config(content))
        except BuildDecksError as error:
            score.error = str(error)
            return score
        if result.errors:
            score.error = "; ".join(str(e) for e in result.errors)
        config = load_config(content)
        sources = {s.file: passages(content / s.file, s.format) for s in config.sources
                   if not score.error}
        for deck in sorted((content / "decks").glob("*.yaml")):
            for card in load_yaml(deck).get("cards") or []:
                front = card.get("question") or card.get("term") or ""
                score.found[(card["kind"], front)] += 1
                back = card.get("answer") or card.get("definition")
                file, _, line = str(card.get("origin", "")).rpartition(":")
                passage = sources.get(file, {}).get(int(line or 0))
                if back and passage:
                    score.answers += 1
                    if structure(str(to_html(back))) != structure(GFM.render(passage.pop(0))):
                        score.differing.append(front)
    return score


def table(scores: list[Score]) -> str:
    rows = ["| document | expected qa/prompt/term | found | matched | recall | precision | "
            "answers | structure differs |", "|---|---|---|---|---:|---:|---:|---:|"]
    for s in scores:
        counts = "/".join(str(sum(n for (k, _), n in s.expected.items() if k == kind))
                          for kind in KINDS)
        rows.append(f"| {s.name} | {counts} | {sum(s.found.values())} | {s.matched} | "
                    f"{s.recall:.1%} | {s.precision:.1%} | {s.answers} | {len(s.differing)} |")
    expected = sum(sum(s.expected.values()) for s in scores)
    found = sum(sum(s.found.values()) for s in scores)
    matched = sum(s.matched for s in scores)
    answers = sum(s.answers for s in scores)
    differing = sum(len(s.differing) for s in scores)
    rows.append(f"| **all {len(scores)}** | {expected} | {found} | {matched} | "
                f"{matched / max(1, expected):.1%} | {matched / max(1, found):.1%} | {answers} | "
                f"{differing} ({differing / max(1, answers):.1%}) |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder with the documents and expected.json")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the missed and extra items of each document")
    args = parser.parse_args(argv)
    key_path = args.corpus / "expected.json"
    if not key_path.is_file():
        print(f"error: {key_path}: no answer key", file=sys.stderr)
        return 2
    key = json.loads(key_path.read_text(encoding="utf-8"))
    scores = [read_one(args.corpus / name, items) for name, items in key.items()]
    print(table(scores))
    for s in scores:
        if s.error:
            print(f"\n{s.name}: error: {s.error}")
        if args.verbose:
            for kind, question in sorted((s.expected - s.found).elements()):
                print(f"  {s.name}: missed {kind}: {question}")
            for kind, question in sorted((s.found - s.expected).elements()):
                print(f"  {s.name}: extra {kind}: {question}")
            for question in s.differing:
                print(f"  {s.name}: structure differs: {question[:80]}")
    worst = min((s.recall for s in scores), default=1.0)
    print(f"\nlowest recall of one document: {worst:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
