"""Reader output -> deck data ready for the YAML store.

Fixes mojibake, removes in-answer boilerplate (captions, ads, a conclusion glued to the last
answer), turns `Source:` lines into attribution, restores Markdown structure, assigns a kind,
topic and tags, and proposes an id. Everything left out is recorded as a Finding, never dropped
silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
from anyascii import anyascii

from build_decks import blocks, boilerplate, cloze
from build_decks.collector import collector_paused
from build_decks.config import SourceConfig
from build_decks.errors import ContentError
from build_decks.model import Document, Dropped, RawEntry
from build_decks.question_words import STOPWORDS
from build_decks.schema import SCHEMAS
from build_decks.taxonomy import Taxonomy

SOURCE_LINE = re.compile(r"^\s*(?:\*\*|_)?(?:source|sources|credit|via)\s*:\s*(?:\*\*|_)?\s*(.+)$",
                         re.IGNORECASE)
FIGURE_REFERENCE = re.compile(  # from a word's start: searched three times faster so
    r"\b(the (one|figure|image|diagram|picture|chart) (below|above)|"
    r"(shown|illustrated|depicted|pictured) (below|above|in the (figure|image|diagram))|"
    r"(following|below) (figure|image|diagram|picture|chart|screenshot)|"
    r"see (fig\.|(figure|image|diagram)\b))",
    re.IGNORECASE,
)
HAS_IMAGE = re.compile(r"!\[|<img\b", re.IGNORECASE)
CAPTION_WORDS = 7  # a figure's caption is a short phrase


@dataclass
class Finding:
    """Something the report shows: a left-out line, a missing figure, a conflict, ..."""

    path: str
    line: int
    kind: str
    message: str
    quiet: bool = False  # listed only by `import -v`: recognised boilerplate, each card's rule


@dataclass
class NormalizedDeck:
    name: str
    title: str
    source: str
    format: str
    references: list[str]
    cards: list[dict]
    findings: list[Finding] = field(default_factory=list)


def fix_text(text: str) -> str:
    """Mojibake and odd characters fixed; quotes, dashes, full-width CJK punctuation (`？`)
    and HTML entities (`&lt;div&gt;` stays text) kept as the author typed them."""
    if text.isascii():  # nothing ftfy would change (and it is slow on long answers)
        return text
    return ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=True,
                         fix_character_width=False, unescape_html=False).replace("\u00a0", " ")


def clean_front(text: str) -> str:
    """A question as written, mojibake fixed (the reader already took numbering and labels)."""
    return fix_text(text).strip()


def slug_of(front: str, max_words: int = 5, max_length: int = 60) -> str:
    """A readable id part: the question's first content words, other scripts transliterated
    ("Что такое дрейф?" -> "chto-takoe-dreif")."""
    text = re.sub(r"['’]s\b", "", anyascii(front).lower())
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in STOPWORDS]
    return "-".join(words[:max_words])[:max_length].strip("-") or "card"


def _is_caption(lines: list[tuple[int, str]], index: int) -> bool:
    """A lone short line with no punctuation between prose lines: a figure's caption. The
    first line of an answer never is one (`A: 42`, `A: O(log n)`: the answer itself)."""
    text = lines[index][1].strip()
    if index == 0 or not text or text.startswith(("#", "-", "*", "|", ">")) or not (
            blocks.is_short(text)):
        return False
    if len(text.split()) > CAPTION_WORDS or blocks.label(text):
        return False
    before = next((lines[j][1] for j in range(index - 1, -1, -1) if lines[j][1].strip()), "")
    if not before or before.rstrip().endswith(":"):
        return False  # a caption follows the prose it illustrates
    neighbours = [lines[j][1] for j in (index - 1, index + 1) if 0 <= j < len(lines)]
    return not any(n.strip() and blocks.is_short(n) for n in neighbours)


def _clean_back(entry: RawEntry, source: str, findings: list[Finding]) -> tuple[str, str]:
    """(markdown answer, attribution) from an entry's raw lines."""
    lines = [(n, fix_text(t)) for n, t in entry.back_lines]
    attributions: list[str] = []
    kept: list[tuple[int, str]] = []
    for index, (number, text) in enumerate(lines):
        stripped = text.strip()
        credit = SOURCE_LINE.match(text)
        if credit:
            attributions.append(credit.group(1).strip())
        elif entry.layout != "markdown" and boilerplate.section_kind(stripped) in (
                boilerplate.CLOSING_KINDS):
            rest = [t for _, t in lines[index:] if t.strip()]
            findings.append(Finding(source, number, "dropped",
                                    f"{stripped!r} and the {len(rest) - 1} lines after it: the "
                                    "document's closing section, not the answer"))
            break
        elif boilerplate.is_ad_line(stripped):
            findings.append(Finding(source, number, "dropped", f"advert line: {stripped!r}",
                                    quiet=True))
        else:
            kept.append((number, text))
    if entry.layout == "lines":
        captions = [i for i in range(len(kept)) if _is_caption(kept, i)]
        findings += [Finding(source, kept[i][0], "dropped",
                             f"figure caption: {kept[i][1].strip()!r}") for i in captions]
        kept = [line for i, line in enumerate(kept) if i not in captions]
    markdown = blocks.to_markdown([t for _, t in kept], entry.layout)
    markdown = "\n".join(line.rstrip() for line in markdown.split("\n"))
    return markdown, "; ".join(dict.fromkeys(attributions))


def dropped_findings(dropped: list[Dropped], source: str) -> list[Finding]:
    """One finding per run of left-out lines with the same reason."""
    runs: list[list[Dropped]] = []
    for item in dropped:
        reason = item.reason.removesuffix(" section")
        if runs and runs[-1][-1].reason.removesuffix(" section") == reason:
            runs[-1].append(item)
        else:
            runs.append([item])
    findings = []
    for run in runs:
        first, last = run[0], run[-1]
        end = max(last.line, last.end)
        span = f"line {first.line}" if end == first.line else f"lines {first.line}-{end}"
        findings.append(Finding(source, first.line, "dropped",
                                f"{first.reason} ({span}): {first.text.strip()[:60]!r}",
                                quiet=first.boilerplate))
    return findings


def readable_title(file: str) -> str:
    """A title from a file name: `ml_notes-2024.md` -> `Ml notes 2024`."""
    words = re.sub(r"[_\W]+", " ", Path(file).stem).strip()
    return words[:1].upper() + words[1:] if words else Path(file).name


def normalize(doc: Document, config: SourceConfig, format_name: str,
              taxonomy: Taxonomy) -> NormalizedDeck:
    with collector_paused():  # a card per entry, all alive to the end
        return _normalize(doc, config, format_name, taxonomy)


def _normalize(doc: Document, config: SourceConfig, format_name: str,
               taxonomy: Taxonomy) -> NormalizedDeck:
    name, source = config.name, config.file
    findings = dropped_findings(doc.dropped, source)
    title = config.title or fix_text(doc.title).strip() or readable_title(source)
    deck = NormalizedDeck(name, title, source, format_name,
                          list(dict.fromkeys(doc.references)), [], findings)
    taken: set[str] = set()
    for entry in doc.entries:
        front = clean_front(entry.front)
        if not front:
            findings.append(Finding(source, entry.line, "dropped", "entry with an empty question"))
            continue
        back, attribution = _clean_back(entry, source, findings)
        kind = "prompt" if entry.kind == "qa" and not back else entry.kind
        if kind == "term" and not back:
            findings.append(Finding(source, entry.line, "dropped",
                                    f"term with no definition: {front!r}"))
            continue
        if kind == "cloze":
            _check_deletions(front, doc.path, entry.line)
        if back and FIGURE_REFERENCE.search(back) and not HAS_IMAGE.search(back):
            findings.append(Finding(source, entry.line, "missing-figure",
                                    f"answer refers to a figure that is not there: {front!r}"))
        card = _card(entry, name, kind, front, back, attribution, source, taxonomy, taken)
        if config.topic:
            card["topic"] = config.topic
        deck.cards.append(card)
        if entry.rule:
            findings.append(Finding(source, entry.line, "found", f"{kind} ({entry.rule}): "
                                    f"{front.splitlines()[0][:70]!r}", quiet=True))
    return deck


def _check_deletions(text: str, path: Path, line: int) -> None:
    """Cloze text from a source: broken deletions are an error at their line."""
    try:
        cloze.deletions(text)
    except cloze.ClozeError as problem:
        raise ContentError(path, line + text.count("\n", 0, problem.offset),
                           problem.message) from None


def _tag(text: str) -> str:
    """A source's own tag as an Anki tag: no spaces; a path (`flashcards/a/b`) as a
    hierarchy (`flashcards::a::b`)."""
    return "::".join(part for part in re.split(r"[/\s]+", text.strip("#")) if part)


def _card(entry: RawEntry, name: str, kind: str, front: str, back: str, attribution: str,
          source: str, taxonomy: Taxonomy, taken: set[str]) -> dict:
    base = f"{name}-{slug_of(cloze.filled(front) if kind == 'cloze' else front)}"
    card_id, n = base, 2
    while card_id in taken:
        card_id, n = f"{base}-{n}", n + 1
    taken.add(card_id)
    front_key, back_key = SCHEMAS[kind].front, SCHEMAS[kind].back
    card: dict = {
        "id": card_id,
        "kind": kind,
        "topic": taxonomy.topic_for(entry.section, front, back),
        "tags": list(dict.fromkeys([*taxonomy.tags_for(entry.section, front),
                                    *(_tag(t) for t in entry.tags)])),
        front_key: front,
    }
    if back:
        card[back_key] = back
    if attribution := "; ".join(a for a in (entry.attribution, attribution) if a):
        card["attribution"] = fix_text(attribution)
    if entry.section:
        card["section"] = fix_text(entry.section)
    if entry.notes:
        card["notes"] = fix_text(entry.notes)
    card["origin"] = f"{source}:{entry.line}"
    if entry.guid:
        card["guid"] = entry.guid
    return card

