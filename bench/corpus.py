"""`make corpus CORPUS=DIR`: how well the reader reads real documents.

DIR holds documents and an answer key, `expected.json`: {file: {"qa": [...], "prompt": [...],
"term": [...]}} (questions written as the key's SOURCES.md describes). Each document is
imported alone, as a new user would, into a temporary content folder (the documents are read
from DIR, never copied into the project); with `--together`, all of them into one content
folder, as one project. A found item counts when its kind and its question match an item of
the key exactly (a cloze card counts as `qa`, its text with the deletion markers and emphasis
taken out, as the key writes it); recall = matched / expected, precision = matched / found.

"Unaccounted" is the share of a document's words that are in no card (its question, its
answer's lines, the labels between the two) and in no passage the reader left out under a
named category: words read as "outside any question", and the introduction and closing text
(named so by their position alone, not by what they are), are unaccounted, and so are words
nothing reported, such as a line inside an answer's span that the answer does not hold.

"Swallowed" counts the key's questions that no card asks but some card's answer holds: a
question read as part of another one's answer.

It also compares every answer as the outputs show it (the project's Markdown function,
Python-Markdown) with the source passage it came from as GitHub shows it (markdown-it-py in
GFM mode: CommonMark, tables, strikethrough, bare URLs as links, footnotes; and mkdocs
admonitions, as the sites they are written for show them), and counts the
answers whose block structure (lists and their nesting, tables, code, quotes, headings)
differs. The passage is the answer's source lines as the reader sliced them (its own
indentation and an `A:` label removed), before any clean-up: a difference is a list, a table
or a code block that the reader, the clean-up or the renderer lost or made.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.footnote import footnote_plugin

from build_decks import cloze
from build_decks.config import load_config
from build_decks.errors import BuildDecksError, ContentError
from build_decks.importer import import_sources
from build_decks.model import Document
from build_decks.readers import inline, read_source
from build_decks.readers.parse import parser
from build_decks.render.markup import to_html
from build_decks.yamlio import load_yaml

KINDS = ("qa", "prompt", "term")
STRUCTURE = frozenset({"ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "pre",
                       "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd"})
TOPICS = "default: general\ntopics:\n  - id: general\n    title: General\n"
# GitHub: raw HTML, tables, ~~, URLs, [^1]; and mkdocs admonitions (`!!! tip "Title"`), shown
# as their author's site shows them (GitHub would show the title as text and the body as code)
GFM = MarkdownIt("gfm-like").use(footnote_plugin).use(admon_plugin)
# The reader's reasons that name no category: what no rule read, and the same renamed by its
# place in the document (before the first question, after the last).
UNNAMED = frozenset({"outside any question", "introduction (before the first question)",
                     "closing text (after the last question)"})
WORDS = re.compile(r"[^\W\d_]+|\d+")
IDEOGRAPHS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")


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
    words: int = 0
    unaccounted: list[tuple[int, str]] = field(default_factory=list)  # (line, text)
    backs: list[str] = field(default_factory=list)  # every card's answer, as the deck holds it

    @property
    def swallowed(self) -> list[str]:
        """The key's questions no card asks that some card's answer holds."""
        answers = [_plain(back) for back in self.backs]
        return [question for _, question in sorted((self.expected - self.found).elements())
                if _plain(question) and any(_plain(question) in back for back in answers)]

    @property
    def unaccounted_share(self) -> float:
        lost = sum(_count(text) for _, text in self.unaccounted)
        return lost / self.words if self.words else 0.0

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


def _count(line: str) -> int:
    """Words a reader sees on a source line (no markup, tags or link addresses); each CJK
    character counts as one (those scripts do not space words)."""
    text = inline.plain_of(parser().parseInline(line.strip())[0].children or [])
    return len(WORDS.findall(IDEOGRAPHS.sub(" ", text))) + len(IDEOGRAPHS.findall(text))


def _plain(text: str) -> str:
    """Words only, for finding a question inside an answer (markup and spacing differ)."""
    return " ".join(WORDS.findall(IDEOGRAPHS.sub(lambda m: f" {m[0]} ", text.lower())))


def key_front(card: dict) -> tuple[str, str]:
    """A card's (kind, question) as the key writes it."""
    if card["kind"] == "cloze":
        tokens = parser().parseInline(cloze.filled(card.get("text") or ""))[0].children
        return "qa", inline.question_markdown(tokens or [])
    return card["kind"], card.get("question") or card.get("term") or ""


def accounting(doc: Document) -> tuple[int, list[tuple[int, str]]]:
    """(words in the document, its lines with words no card holds and no named reason left
    out)."""
    lines = doc.text.split("\n")
    held: set[int] = set()
    for entry in doc.entries:  # its question, the labels up to its answer, the answer's lines
        answer = [n for n, _ in entry.back_lines]
        held.update(range(entry.line, min(answer, default=entry.line) + 1), answer)
    for passage in doc.dropped:
        if passage.reason not in UNNAMED:
            held.update(range(passage.line, max(passage.line, passage.end) + 1))
    total = sum(_count(line) for line in lines)
    return total, [(n, lines[n - 1]) for n in range(1, len(lines) + 1)
                   if n not in held and _count(lines[n - 1])]


def passages(path: Path, fmt: str | None) -> dict[int, list[str]]:
    """The source passage of each answer, by the line of its question: the answer's source
    lines as the reader found them, before normalize cleans them up."""
    found: dict[int, list[str]] = {}
    for entry in read_source(path, fmt)[1].entries:
        found.setdefault(entry.line, []).append("\n".join(text for _, text in entry.back_lines))
    return found


def _folder(root: Path, documents: list[Path]) -> Path:
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    for document in documents:
        (content / "sources" / document.name).write_bytes(document.read_bytes())
    (content / "config.yaml").write_text("title: Corpus\n", encoding="utf-8")
    (content / "topics.yaml").write_text(TOPICS, encoding="utf-8")
    return content


def _score(content: Path, documents: list[Path], keys: dict) -> list[Score]:
    """Import the content folder; a score per document, from the decks read from it."""
    scores = {d.name: Score(d.name, Counter((kind, q) for kind in KINDS
                                            for q in keys[d.name].get(kind, [])), Counter())
              for d in documents}
    try:
        result = import_sources(load_config(content))
    except BuildDecksError as error:
        for score in scores.values():
            score.error = str(error)
        return list(scores.values())
    for error in result.errors:
        name = Path(str(error.path)).name
        if name in scores:
            scores[name].error = str(error)
    unread = {Path(str(error.path)).name for error in result.errors}
    sources = {s.file: passages(content / s.file, s.format)
               for s in load_config(content).sources if Path(s.file).name not in unread}
    for deck in sorted((content / "decks").glob("*.yaml")):
        data = load_yaml(deck)
        score = scores.get(Path(str(data.get("source", ""))).name)
        if score is None:
            continue
        for card in data.get("cards") or []:
            score.found[key_front(card)] += 1
            back = card.get("answer") or card.get("definition")
            score.backs.append(str(back or card.get("text") or ""))
            file, _, line = str(card.get("origin", "")).rpartition(":")
            passage = sources.get(file, {}).get(int(line) if line.isdigit() else 0)
            if back and passage:  # the answer's structure against GitHub's of its passage
                score.answers += 1
                if structure(str(to_html(back))) != structure(GFM.render(passage.pop(0))):
                    score.differing.append(key_front(card)[1])
    for document in documents:
        try:
            doc = read_source(content / "sources" / document.name)[1]
        except ContentError:  # nothing read: every word unaccounted
            lines = document.read_text(encoding="utf-8", errors="replace").split("\n")
            scores[document.name].unaccounted = [(n, t) for n, t in enumerate(lines, 1)]
            scores[document.name].words = sum(_count(t) for t in lines)
            continue
        scores[document.name].words, scores[document.name].unaccounted = accounting(doc)
    return list(scores.values())


def read_one(document: Path, key: dict) -> Score:
    with tempfile.TemporaryDirectory() as folder:
        return _score(_folder(Path(folder), [document]), [document], {document.name: key})[0]


def read_together(documents: list[Path], keys: dict) -> list[Score]:
    with tempfile.TemporaryDirectory() as folder:
        return _score(_folder(Path(folder), documents), documents, keys)


def table(scores: list[Score]) -> str:
    rows = ["| document | expected qa/prompt/term | found | matched | recall | precision | "
            "swallowed | answers | structure differs | unaccounted |",
            "|---|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for s in scores:
        counts = "/".join(str(sum(n for (k, _), n in s.expected.items() if k == kind))
                          for kind in KINDS)
        rows.append(f"| {s.name} | {counts} | {sum(s.found.values())} | {s.matched} | "
                    f"{s.recall:.1%} | {s.precision:.1%} | {len(s.swallowed)} | {s.answers} | "
                    f"{len(s.differing)} | {s.unaccounted_share:.1%} |")
    expected = sum(sum(s.expected.values()) for s in scores)
    found = sum(sum(s.found.values()) for s in scores)
    matched = sum(s.matched for s in scores)
    answers = sum(s.answers for s in scores)
    swallowed = sum(len(s.swallowed) for s in scores)
    differing = sum(len(s.differing) for s in scores)
    words = sum(s.words for s in scores)
    lost = sum(s.unaccounted_share * s.words for s in scores)
    rows.append(f"| **all {len(scores)}** | {expected} | {found} | {matched} | "
                f"{matched / max(1, expected):.1%} | {matched / max(1, found):.1%} | "
                f"{swallowed} | {answers} | "
                f"{differing} ({differing / max(1, answers):.1%}) | {lost / max(1, words):.1%} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder with the documents and expected.json")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the missed and extra items of each document")
    parser.add_argument("--together", action="store_true",
                        help="import every document into one content folder, as one project")
    args = parser.parse_args(argv)
    key_path = args.corpus / "expected.json"
    if not key_path.is_file():
        print(f"error: {key_path}: no answer key", file=sys.stderr)
        return 2
    key = json.loads(key_path.read_text(encoding="utf-8"))
    documents = [args.corpus / name for name in key]
    scores = (read_together(documents, key) if args.together
              else [read_one(document, key[document.name]) for document in documents])
    print(table(scores))
    for s in scores:
        if s.error:
            print(f"\n{s.name}: error: {s.error}")
        if args.verbose:
            for kind, question in sorted((s.expected - s.found).elements()):
                print(f"  {s.name}: missed {kind}: {question}")
            for kind, question in sorted((s.found - s.expected).elements()):
                print(f"  {s.name}: extra {kind}: {question}")
            for question in s.swallowed:
                print(f"  {s.name}: swallowed into an answer: {question[:80]}")
            for question in s.differing:
                print(f"  {s.name}: structure differs: {question[:80]}")
            for line, text in s.unaccounted:
                print(f"  {s.name}:{line}: unaccounted: {text.strip()[:100]}")
    worst = min((s.recall for s in scores), default=1.0)
    worst_precision = min((s.precision for s in scores), default=1.0)
    print(f"\nlowest recall of one document: {worst:.1%}; lowest precision: "
          f"{worst_precision:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
