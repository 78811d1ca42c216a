"""Obsidian Spaced Repetition cards (the plugin's syntax, read as the plugin reads it).

- one line, `front::back`; `front:::back` is a card both ways (a term: two cards); vaults
  that set `;;` and `;;;` as separators are read the same. Any spacing around the separator
  (`Term::Definition`, `Term :: Definition`, `Question?:: Answer`). The separator counts only
  in text (not in code, a formula or a link), on a line with no tab (a table row), with text
  on both sides, and not where the line is something else written with `::`:
  - a property (Logseq's and Dataview's `key:: value`: one lower-case word, `::`, a space);
  - an Anki cloze deletion (`{{c1::answer}}`);
  - a name or a path: the separator glued inside a run that goes on like code (`Vec::new()`,
    `HashMap<K, V>`, `a::b::c`, `Main::Sub::Deck`), or after an Anki `deck:` label;
  - a glued run of lower-case words (`std::vector`, `crate::io`), unless the document visibly
    writes cards so and the front is a term's length (shapes.LABEL_WORDS) or asks.
  A document visibly uses the syntax when it is tagged `#flashcards` or holds SR schedules,
  or has MIN_CARD_LINES such lines whose separator is spaced, follows a question mark or
  opens a capitalised back; a lone line in another note is a card only if its front asks or
  has a few words (MIN_FRONT_WORDS);
- several lines: the front's lines, a line holding only `?` (`??`: both ways), the back's
  lines up to a blank line (or the card's schedule); a heading right above the `?` is the
  front;
- `<!--SR:...-->` after a card (the line right after its back) is its schedule, metadata;
- in a note tagged `#flashcards`, a paragraph with `==highlighted==` words is a cloze card
  (see cloze.py), and a tag `#flashcards/sub/deck` names the cards' subdeck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from build_decks import cloze
from build_decks.readers import inline, shapes
from build_decks.readers.answers import STRONG, Question, Reach, front_text
from build_decks.readers.elements import FrontMatter, Paragraph, walk

INLINE = ((":::", "term"), ("::", "qa"), (";;;", "term"), (";;", "qa"))  # longest first
MULTILINE = {"?": "qa", "??": "term"}
HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")  # Obsidian's `==mark==` (no parser plugin)
_TAG = r"#flashcards?(?:/[\w\-/]+)?"  # Obsidian's tag syntax
TAG = re.compile(rf"(?<![\w#]){_TAG}")
TRAILING_TAG = re.compile(rf"\s+{_TAG}\s*$")  # a card's own deck tag, at the end of its line
MIN_FRONT_WORDS = 3  # a lone inline front in a note not known to hold cards: a few words
MIN_CARD_LINES = 2  # clear `front::back` lines that show a note writes cards so
PROPERTY = re.compile(r"^[a-z][\w-]*$")  # a Logseq/Dataview key: one lower-case word
CODE_AFTER = "(<[:"  # what goes on after a name in code: a call, generics, an index, a path
DECK_LABEL = re.compile(r"(?:^|\s)#?deck\s*:", re.IGNORECASE)  # Anki's `#deck:` header
SCHEDULE = "<!--SR:"  # the comment the plugin writes a card's review schedule in
RULE = "obsidian-sr"


@dataclass
class Tags:
    """The document's `#flashcards` tags: the cards' tags, and the subdeck a path names."""

    tags: list[str] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # lines that hold only tags
    scheduled: bool = False  # it holds `<!--SR:...-->` comments: the plugin reviews it

    def __bool__(self) -> bool:
        return bool(self.tags)

    @property
    def deck(self) -> str:
        path = next((t for t in self.tags if "/" in t), "")
        return path.split("/", 1)[1] if path else ""


def tags(source, skip: set[int]) -> Tags:
    found = Tags()
    for number, line in enumerate(source.lines):
        if SCHEDULE in line:
            found.scheduled = True
        if number in skip or "#flashcard" not in line:
            continue
        names = TAG.findall(line)
        found.tags += [n.lstrip("#") for n in names]
        if names and not TAG.sub("", line).strip(" \t#,"):
            found.lines.add(number)
    found.tags += _front_matter_tags(source)
    found.tags = list(dict.fromkeys(found.tags))
    return found


def _front_matter_tags(source) -> list[str]:
    for element in source.elements[:1]:
        if isinstance(element, FrontMatter):
            try:
                data = yaml.safe_load(element.content)
            except yaml.YAMLError:
                return []
            found = data.get("tags") if isinstance(data, dict) else None
            names = [found] if isinstance(found, str) else found or []
            return [str(n).lstrip("#") for n in names if str(n).lstrip("#").startswith(
                "flashcards")]
    return []


def detect(source, skip: set[int], claims, found_tags: Tags | None) -> None:
    found_tags = found_tags if found_tags is not None else Tags()
    for number in sorted(found_tags.lines):
        claims.metadata(number, source.lines[number])
    _multiline(source, skip, claims, found_tags)
    _inline(source, skip, claims, found_tags)


def _card(front: str, kind: str, line: int, found_tags: Tags, rule: str) -> Question:
    return Question(front, line, STRONG, rule, found_tags.deck, kind, reach=Reach.COMPLETE,
                    tags=list(found_tags.tags))


# Several lines split by `?` ----------------------------------------------------------------------

def _multiline(source, skip: set[int], claims, found_tags: Tags) -> None:
    lines = source.lines
    for number, line in enumerate(lines):
        kind = MULTILINE.get(line.strip())
        if kind is None or number in skip or number in claims.owner:
            continue
        front = _front_lines(lines, number, claims, found_tags, skip)
        if not front:
            continue
        end = number + 1
        while end < len(lines) and lines[end].strip() and (
                end + 1 >= len(lines) or lines[end + 1].strip() not in MULTILINE) and not (
                end > number + 1 and lines[end].lstrip().startswith("#")) and not (
                lines[end].strip().startswith(SCHEDULE)):  # the plugin writes it after the back
            end += 1
        text = "\n".join(front_text(lines[n], heading_alone=len(front) == 1, source=source,
                                    number=n) for n in front)
        question = _card(text.strip("\n"), kind, front[0], found_tags, f"{RULE}.multiline")
        question.add([(n, lines[n]) for n in range(number + 1, end)])
        if end < len(lines) and lines[end].strip().startswith(SCHEDULE):
            end += 1
        claims.card(question, front[0], end)


def _front_lines(lines: list[str], separator: int, claims, found_tags: Tags,
                 skip: set[int]) -> list[int]:
    """The lines right above a `?`: up to a blank line, or a heading (which starts it)."""
    front: list[int] = []
    number = separator - 1
    while number >= 0 and lines[number].strip() and number not in claims.owner and (
            number not in skip):
        if number not in found_tags.lines:
            front.insert(0, number)
        if lines[number].lstrip().startswith("#") and number not in found_tags.lines:
            break
        number -= 1
    return front


# One line: front::back ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Split:
    """A line cut at its first separator."""

    front: str  # Markdown
    back: str  # Markdown, markup kept
    kind: str
    clear: bool  # spaced, after a `?`, or opening a capitalised back: plainly a card line
    glued: bool  # lower-case words glued to the separator (`std::vector`): a card only where
    # the document visibly writes cards so


def _inline(source, skip: set[int], claims, found_tags: Tags) -> None:
    trusted = bool(found_tags) or found_tags.scheduled
    found, properties = [], []
    for element in walk(source.elements):
        if not isinstance(element, Paragraph):
            continue
        for line in element.lines:
            if line.number in skip or line.number in claims.owner:
                continue
            if "\t" in source.lines[line.number]:
                continue  # a table row's field, not a card
            if is_property(line.tokens):
                properties.append(line.number)
                continue
            split = split_inline(line.tokens)
            if split is None:
                if trusted:
                    _highlight(source, element, line, claims, found_tags)
                continue
            found.append((line, split))
    visible = trusted or sum(1 for _, split in found if split.clear) >= MIN_CARD_LINES
    for number in properties if visible else ():
        claims.metadata(number, source.lines[number])  # a Dataview field of a card note
    for line, split in found:
        if split.glued and not (visible and _term_or_question(split.front, source.lang)):
            continue  # a name in prose
        if not (visible or _reads_as_front(split.front, source.lang)):
            continue
        question = _card(shapes.clean_question(split.front).text, split.kind, line.number,
                         found_tags, RULE)
        question.add([(line.number, TRAILING_TAG.sub("", split.back).strip())])
        end = line.number + 1
        if end < len(source.lines) and source.lines[end].strip().startswith(SCHEDULE):
            end += 1
        claims.card(question, line.number, end)


def split_inline(tokens: list) -> Split | None:
    """The line cut at the first separator in its text, or None: no separator, nothing on a
    side, or a property, a name or a path written with `::` (see the module's docstring)."""
    for index, token in enumerate(tokens):
        if token.type != "text":
            continue
        for separator, kind in INLINE:
            at = token.content.find(separator)
            if at < 0:
                continue
            before, after = token.content[:at], token.content[at + len(separator):]
            front = inline.question_markdown([*tokens[:index], _text(token, before)]).strip()
            back = inline.markdown_of([_text(token, after), *tokens[index + 1:]],
                                      keep_markup=True)
            if not front or not back.strip() or _in_cloze(before):
                return None
            spaced = before[-1:].isspace() or after[:1].isspace()
            if _property(front, before, after):
                return None  # `key:: value`
            if DECK_LABEL.search(front):
                return None  # `#deck: Main::Sub`
            if not spaced and _code_run(before, after):
                return None  # `Vec::new()`, `a::b::c`
            lower = not spaced and not front.endswith(("?", "？", "؟")) and (
                _starts_lower(after) and (before[-1:].isalnum() or before[-1:] == "_"))
            clear = spaced or front.endswith(("?", "？", "؟")) or after[:1].isupper()
            return Split(front, back, kind, clear and not lower, lower)
    return None


def _property(front: str, before: str, after: str) -> bool:
    return bool(PROPERTY.match(front)) and after[:1].isspace() and not before[-1:].isspace()


def is_property(tokens: list) -> bool:
    """A Logseq/Dataview property line: `key:: value`."""
    text = inline.plain_of(tokens)
    key, separator, value = text.partition("::")
    return bool(separator) and not value.startswith(":") and _property(key.strip(), key, value)


def _in_cloze(before: str) -> bool:
    """The separator of an Anki cloze deletion (`{{c1::answer}}`), not of a card."""
    opened = before.rfind("{{")
    return opened >= 0 and "}}" not in before[opened:]


def _starts_lower(text: str) -> bool:
    return bool(text) and (text[0].islower() or text[0].isdigit() or text[0] == "_")


def _code_run(before: str, after: str) -> bool:
    """The separator inside a run of code: the run after it goes on with `(`, `<`, `[` or
    another separator, or the run before it is itself a path."""
    run_after = after.split()[0] if after.split() else ""
    run_before = before.split()[-1] if before.split() else ""
    return any(c in run_after for c in CODE_AFTER) or ":" in run_before or ";" in run_before


def _text(token, content: str):
    copy = token.copy()
    copy.content = content
    return copy


def _term_or_question(front: str, lang) -> bool:
    return len(shapes.words(front)) <= shapes.LABEL_WORDS or shapes.is_question_like(
        front, lang=lang)


def _reads_as_front(front: str, lang) -> bool:
    return shapes.is_question_like(front, lang=lang) or len(shapes.words(front)) >= (
        MIN_FRONT_WORDS)


def _highlight(source, para: Paragraph, line, claims, found_tags: Tags) -> None:
    """A paragraph with `==highlighted==` words, in a note tagged `#flashcards`: a cloze
    card, each highlight a deletion (read once, at the paragraph's first line)."""
    if line is not para.lines[0] or any(n.number in claims.owner for n in para.lines):
        return
    text = "\n".join(inline.markdown_of(n.tokens, keep_markup=True).strip()
                     for n in para.lines)
    cloze_text = highlights_as_cloze(text)
    if cloze_text != text:
        question = _card(cloze_text, "cloze", para.start, found_tags, f"{RULE}.cloze")
        claims.card(question, para.start, para.end)


def highlights_as_cloze(text: str) -> str:
    """`==Paris==` -> `{{c1::Paris}}`, numbered in order, where no deletion is written yet."""
    if cloze.has_deletion(text):
        return text
    count = iter(range(1, len(text)))
    return HIGHLIGHT.sub(lambda m: f"{{{{c{next(count)}::{m[1]}}}}}", text)
