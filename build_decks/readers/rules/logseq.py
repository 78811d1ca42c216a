"""Logseq pages: an outline of blocks (`- text`, children indented by a tab or two spaces),
read as Logseq reads it. A page is one when a block carries the `#card` tag.

- A block tagged `#card` (or `#[[card]]`, or linking the page `[[card]]`: Logseq reviews the
  blocks that reference its page "card", whatever the case or form) is a card: the block is
  the front, its child blocks the back; the other tags that end the block (`#ques1`,
  `#[[deep learning]]`) are the card's tags, not words of its front; a page reference
  `[[page]]` in the front shows as the page's name (Logseq shows it as a link; code keeps its
  brackets). `{{cloze text}}`, in the block or its children, is a cloze deletion: Logseq hides
  it when it shows the card, and again under "show answers" until "show clozes". A `#card`
  block under another card is a card of its own, and it and its children are not part of
  the outer card's back: Logseq reviews every `#card` block,
  and shows a card's whole subtree when it turns it, so the outer card would show the inner
  one's answer; here each fact is on one card (the outer back keeps its other children;
  with none, the outer card is a prompt).
- A block that asks in so many words (`What is a quantile?`) and has children is a question
  too, tag or not.
- `key:: value` lines are block properties (`card-last-interval:: 4`): metadata.
- `- # Heading` blocks name the section of the cards under them.
- Every other block is a note, left out as such.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from build_decks.readers import inline, shapes
from build_decks.readers.answers import STRONG, Question, Reach, front_text
from build_decks.readers.leftout import NOTES
from build_decks.readers.parse import parser

# A reference to the page "card", in any of Logseq's forms; page names ignore case.
CARD_TAG = re.compile(r"(?:^|\s)(?:#card|#?\[\[card\]\])(?=\s|$)", re.IGNORECASE)
TAG = r"#(?:\[\[[^\]\n]+\]\]|[^\s#\[\]]+)"  # Logseq's `#tag` and `#[[tag words]]`
TRAILING_TAGS = re.compile(rf"(?:\s+{TAG})+\s*$")
LOGSEQ_CLOZE = re.compile(r"\{\{cloze\s+(.+?)\}\}")
PAGE_REFERENCE = re.compile(r"(?<!#)\[\[([^\[\]\n]+)\]\]")  # `[[page]]`; `#[[tag]]` is a tag
PROPERTY = re.compile(r"^[\w-]+::(?:\s|$)")  # Logseq's block property syntax
BULLET = re.compile(r"^(?P<indent>\s*)[-*](?:\s+(?P<text>.*)|$)")
SPACES_PER_LEVEL = 2  # an outline indented with spaces (not tabs) steps two per level

RULE = "logseq"


@dataclass(eq=False)
class Block:
    line: int
    level: int
    text: list[tuple[int, str]] = field(default_factory=list)  # (line, text) without the marker
    properties: list[int] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    parent: Block | None = None

    @property
    def end(self) -> int:
        last = max([self.line, *self.properties, *(n for n, _ in self.text)])
        return max([last + 1, *(c.end for c in self.children)])

    @property
    def words(self) -> str:
        return " ".join(t for _, t in self.text).strip()


def is_page(lines: list[str]) -> bool:
    return any(BULLET.match(line) and CARD_TAG.search(line) for line in lines)


def _level(indent: str) -> int:
    return indent.count("\t") + (len(indent.replace("\t", "")) // SPACES_PER_LEVEL)


def outline(lines: list[str]) -> list[Block]:
    """The page's top-level blocks (a line that is not a bullet starts a block of its own)."""
    roots: list[Block] = []
    stack: list[Block] = []
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        bullet = BULLET.match(line)
        indent = len(line) - len(line.lstrip())
        if bullet is None and stack and indent > 0:
            current = stack[-1]
            text = line.strip()
            if PROPERTY.match(text):
                current.properties.append(number)
            else:
                current.text.append((number, text))
            continue
        level = _level(bullet["indent"]) if bullet else 0
        block = Block(number, level)
        text = (bullet["text"] or "") if bullet else line.strip()
        if PROPERTY.match(text):
            block.properties.append(number)
        else:
            block.text.append((number, text))
        while stack and stack[-1].level >= level:
            stack.pop()
        if stack:
            block.parent = stack[-1]
            stack[-1].children.append(block)
        else:
            roots.append(block)
        stack.append(block)
    return roots


def detect(source, claims) -> bool:
    lines = source.lines
    if not is_page(lines):
        return False
    for block in outline(lines):
        _read(block, lines, claims, "")
    return True


def _tagged(block: Block) -> bool:
    return bool(CARD_TAG.search(block.words))


def _read(block: Block, lines: list[str], claims, section: str) -> None:
    words = block.words
    tagged = _tagged(block)
    heading = words.startswith("#") and not tagged
    asks = shapes.asks_explicitly(shapes.clean_question(words).text) and bool(block.children)
    for number in block.properties:
        claims.metadata(number, lines[number])
    if tagged or asks:
        _nested_cards(block, lines, claims, section)  # first: they keep their own lines
        claims.card(_card(block, lines, section, tagged), block.line, block.end)
        return
    if words and not heading:
        end = max(n for n, _ in block.text) + 1
        claims.metadata(block.line, words, NOTES)
        for number in range(block.line + 1, end):
            claims.metadata(number, lines[number], NOTES)
    elif heading:
        claims.metadata(block.line, words, "section heading", heading=True)
        section = shapes.clean_question(words.lstrip("#").strip()).text
    for child in block.children:
        _read(child, lines, claims, section)


def _nested_cards(block: Block, lines: list[str], claims, section: str) -> None:
    """The `#card` blocks inside a card, each read as a card of its own."""
    for child in block.children:
        if _tagged(child):
            _read(child, lines, claims, section)
        else:
            _nested_cards(child, lines, claims, section)


def _card(block: Block, lines: list[str], section: str, tagged: bool) -> Question:
    text = "\n".join(CARD_TAG.sub("", t).strip() for _, t in block.text).strip()
    text, tags = _trailing_tags(text)
    numbers = itertools.count(1)  # every deletion its own, in order: front, then back
    deletion = lambda m: f"{{{{c{next(numbers)}::{m[1]}}}}}"  # noqa: E731
    text = LOGSEQ_CLOZE.sub(deletion, text)
    kind = "cloze" if "{{c" in text else "qa"
    front = "\n".join(_page_names(front_text(line)) for line in text.split("\n"))
    question = Question(shapes.clean_question(front).text if "\n" not in front else front,
                        block.line, STRONG, RULE if tagged else f"{RULE}.question", section,
                        kind, reach=Reach.COMPLETE, tags=tags)
    question.pieces = [(n, LOGSEQ_CLOZE.sub(deletion, t)) for n, t in _back(block)]
    return question


def _page_names(markdown: str) -> str:
    """A front's `[[page]]` references as the pages' names, outside code."""
    if "[[" not in markdown:
        return markdown
    tokens = parser().parseInline(markdown)[0].children or []
    for token in tokens:
        if token.type == "text":
            token.content = PAGE_REFERENCE.sub(r"\1", token.content)
    return inline.markdown_of(tokens, keep_markup=True)


def _trailing_tags(text: str) -> tuple[str, list[str]]:
    """The front without the tags that end it, and their names (`#[[deep learning]]`: the
    words inside). A front that is only tags keeps them: they are all it says."""
    found = TRAILING_TAGS.search(text)
    if found is None or not text[:found.start()].strip():
        return text, []
    names = [name.lstrip("#").removeprefix("[[").removesuffix("]]")
             for name in re.findall(TAG, found[0])]
    return text[:found.start()].rstrip(), names


def _back(block: Block) -> list[tuple[int, str]]:
    """The children as a Markdown list, indented from the card's own level, without the
    `#card` blocks among them (cards of their own)."""
    out: list[tuple[int, str]] = []

    def add(child: Block, depth: int) -> None:
        if _tagged(child):
            return  # a card of its own
        texts = [t for _, t in child.text]
        if any(t for t in texts):
            pad = "  " * depth
            out.append((child.line, f"{pad}- {texts[0]}" if texts[0] else f"{pad}-"))
            out.extend((n, f"{pad}  {t}") for n, t in child.text[1:])
        for grandchild in child.children:
            add(grandchild, depth + 1)

    for child in block.children:
        add(child, 0)
    return [(n, t) for n, t in out if t.strip() != "-"]
