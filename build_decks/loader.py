"""content/ -> Content: load every deck YAML and validate it, reporting every error at once.

Checks: the file is YAML with the expected shape, required fields per kind, no unknown fields
(a typo like `anwser` is an error, not a silent loss), kinds, id syntax, ids unique across all
decks, known topics, tag syntax, Anki GUIDs (schema.guid_problem) unique across all decks.
Each error names file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_decks import cloze, media, reading, template_guard, urls
from build_decks.config import Config, load_config
from build_decks.errors import ContentError, ContentErrors
from build_decks.inventory import inventory
from build_decks.model import Card, Content, Deck, Reference
from build_decks.readers.parse import nesting
from build_decks.schema import KINDS, OPTIONAL, SCHEMAS, allowed_fields, guid_problem
from build_decks.taxonomy import load_taxonomy
from build_decks.yamlio import load_yaml_with_lines

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
MAX_TEXT = 100_000  # characters in one field (a 400-word answer is 3,000)
MAX_NESTING = 16  # lists and quotes inside each other
TAG = re.compile(r"^[a-z0-9][a-z0-9_-]*(::[a-z0-9][a-z0-9_-]*)*$")


def _text(card: dict, key: str) -> str:
    value = card.get(key)
    return "" if value is None else str(value).strip()


@dataclass
class _Deck:
    """What validating one deck file needs, and what it finds."""

    path: Path
    name: str
    topics: set[str]
    media: media.Folder
    errors: list[ContentError]
    warnings: list[ContentError]


def _card(raw: object, deck: _Deck, fallback_line: int = 0) -> Card | None:
    path, errors = deck.path, deck.errors
    line = getattr(raw, "line", 0) or fallback_line
    if not isinstance(raw, dict):
        errors.append(ContentError(path, line, "a card must be a mapping (`- id: ...`)"))
        return None
    lines = getattr(raw, "key_lines", {})
    before = len(errors)

    def error(key: str | None, message: str) -> None:
        errors.append(ContentError(path, lines.get(key, line) if key else line, message))

    for key in ("id", "kind", "topic"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            error(key, f"`{key}` must be text, not {type(raw[key]).__name__}")
            return None
    card_id = _text(raw, "id")
    label = f"card {card_id!r}" if card_id else "card"
    if not card_id:
        error(None, "card has no `id`")
    elif not ID.match(card_id):
        error("id", f"{label}: id must be lower-case letters, digits and '-'")
    kind = _text(raw, "kind")
    if kind not in SCHEMAS:
        error("kind" if "kind" in raw else None,
              f"{label}: `kind` must be one of {', '.join(KINDS)} (got {kind!r})")
        return None
    schema = SCHEMAS[kind]
    front_key, back_key = schema.front, schema.back
    for key in sorted(set(map(str, raw)) - allowed_fields(kind)):
        error(key, f"{label}: unknown field `{key}` for a {kind} card")
    if not _text(raw, front_key):
        error(front_key if front_key in raw else None, f"{label}: `{front_key}` is missing")
    if schema.back_required and not _text(raw, back_key):
        hint = " (use kind: prompt for a question without one)" if kind == "qa" else ""
        error(back_key if back_key in raw else None, f"{label}: `{back_key}` is missing{hint}")
    topic = _text(raw, "topic")
    if topic not in deck.topics:
        error("topic" if "topic" in raw else None,
              f"{label}: unknown topic {topic!r} (see content/topics.yaml)")
    tags = raw.get("tags") or []
    if not isinstance(tags, list):
        error("tags", f"{label}: `tags` must be a list")
        tags = []
    for tag in tags:
        if not isinstance(tag, str) or not TAG.match(tag):
            error("tags", f"{label}: bad tag {tag!r} (lower-case, no spaces, '::' for levels)")
    for key in (*(k for k in OPTIONAL if k != "tags"), front_key, back_key):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            error(key, f"{label}: `{key}` must be text")
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            error(key, f"{label}: `{key}` is {len(value):,} characters; the limit is "
                       f"{MAX_TEXT:,}")
        elif isinstance(value, str) and (depth := nesting(value)) > MAX_NESTING:
            error(key, f"{label}: `{key}` nests lists or quotes {depth} deep; the limit is "
                       f"{MAX_NESTING}")
    if raw.get("guid") is not None and (problem := guid_problem(raw["guid"])):
        error("guid", f"{label}: {problem}")
    if len(errors) > before:
        return None
    value_lines = getattr(raw, "value_lines", {})
    field_lines = {key: value_lines.get(key, line) for key in (front_key, back_key, "notes")}
    if kind == "cloze":
        _check_deletions(_text(raw, front_key), field_lines[front_key], label, deck)
    images = _check_rich_text(raw, field_lines, label, deck)
    if len(errors) > before:
        return None
    back = _text(raw, back_key)
    return Card(
        id=card_id, kind="qa" if kind == "prompt" and back else kind,  # an answered prompt
        front=_text(raw, front_key), back=back, topic=topic, deck=deck.name, tags=tuple(tags),
        attribution=_text(raw, "attribution"), origin=_text(raw, "origin"),
        section=_text(raw, "section"), summary=_text(raw, "summary"), notes=_text(raw, "notes"),
        path=path, line=line, images=images,
        field_lines=tuple(sorted(field_lines.items())), guid=_text(raw, "guid"),
    )


def _check_deletions(text: str, line: int, label: str, deck: _Deck) -> None:
    """A cloze card's text: deletions well formed, and at least one."""
    try:
        found = cloze.deletions(text)
    except cloze.ClozeError as problem:
        where = line + text.count("\n", 0, problem.offset)
        deck.errors.append(ContentError(deck.path, where, f"{label}: {problem.message}"))
        return
    if not found:
        deck.errors.append(ContentError(deck.path, line, f"{label}: a cloze card needs a "
                                        "deletion: {{c1::answer}}"))


def _check_rich_text(raw: dict, field_lines: dict[str, int], label: str,
                     deck: _Deck) -> tuple[str, ...]:
    """Warnings for what a card cannot show as written: an image that is not a good one in
    the media folder (its alt text is shown), a remote image (a link), a formula that cannot
    be rendered or is refused (code). Returns the images shown."""
    used: list[str] = []
    for key, first in field_lines.items():
        text = raw.get(key)
        if not isinstance(text, str):
            continue
        found = inventory(text)
        for image in found.images:
            where = first + image.line
            if media.is_remote(image.src) or media.is_embedded(image.src):
                deck.warnings.append(ContentError(deck.path, where, f"{label}: image "
                                                  f"{image.src[:80]!r} is not a file: never "
                                                  "fetched; shown as a link or its alt text"))
            elif problem := deck.media.problem(image.src):
                deck.warnings.append(ContentError(deck.path, where, f"{label}: {problem}; "
                                                  "shown as its alt text"))
            else:
                used.append(image.src)
        for formula in found.formulas:
            if formula.problem:
                deck.warnings.append(ContentError(
                    deck.path, first + formula.line, f"{label}: formula {formula.tex[:60]!r} "
                    f"is shown as code: {formula.problem}"))
    return tuple(dict.fromkeys(used))


def load_deck(path: Path, name: str, topics: set[str], folder: media.Folder,
              errors: list[ContentError], warnings: list[ContentError]) -> Deck | None:
    try:
        data = load_yaml_with_lines(path)
    except ContentError as exc:
        errors.append(exc)
        return None
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        errors.append(ContentError(path, getattr(data, "line", 1),
                                   "a deck file needs a `cards:` list"))
        return None
    cards_line = getattr(data, "key_lines", {}).get("cards", 1)
    deck = _Deck(path, name, topics, folder, errors, warnings)
    cards = [c for raw in data["cards"] if (c := _card(raw, deck, cards_line))]
    lines = getattr(data, "key_lines", {})
    for key in ("title", "source", "format"):
        if data.get(key) is not None and not isinstance(data[key], str):
            errors.append(ContentError(path, lines.get(key, 1), f"`{key}` must be text"))
    return Deck(name, _deck_title(data, name), str(data.get("source") or ""), tuple(cards),
                _references(data, path, errors), path)


def _deck_title(data: dict, name: str) -> str:
    title = data.get("title")
    return title.strip() if isinstance(title, str) and title.strip() else name


def _references(data: dict, path: Path, errors: list[ContentError]) -> tuple[Reference, ...]:
    """Links the deck cites: web or mail addresses only (they become live links in outputs)."""
    raw = data.get("references") or []
    line = getattr(data, "key_lines", {}).get("references", 1)
    if not isinstance(raw, list):
        errors.append(ContentError(path, line, "`references` must be a list of links"))
        return ()
    found = []
    for item in raw:
        url, label = (item.get("url"), item.get("label") or "") if isinstance(item, dict) else (
            item, "")
        if not isinstance(url, str) or not isinstance(label, str) or not urls.allowed(url):
            errors.append(ContentError(path, getattr(item, "line", line), f"reference "
                                       f"{str(url)[:80]!r}: only http, https and mailto links"))
            continue
        found.append(Reference(url.strip(), label.strip()))
    return tuple(found)


def load_content(root: Path) -> Content:
    """Load and validate everything under `root` (content/)."""
    config: Config = load_config(root)
    taxonomy = load_taxonomy(config.topics_path)
    topic_ids = {t.id for t in taxonomy.topics}
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    folder = media.Folder.of(root)
    decks = []
    names = [source.name for source in config.sources]
    unimported = tuple(s.file for s in config.sources if not config.deck_path(s.name).exists())
    others = sorted(p.stem for p in config.decks_dir.glob("*.yaml")) if (
        config.decks_dir.is_dir()) else []
    for name in names + [n for n in others if n not in names]:  # decks of no source too
        path = config.deck_path(name)
        if path.is_symlink() and not reading.inside(root, path):
            errors.append(ContentError(path, None, reading.OUTSIDE))
            continue
        deck = (load_deck(path, name, topic_ids, folder, errors, warnings) if path.exists()
                else None)
        if deck:
            decks.append(deck)
    seen: dict[str, Card] = {}
    for card in (c for d in decks for c in d.cards):
        if card.id in seen:
            first = seen[card.id]
            errors.append(ContentError(card.path, card.line, f"duplicate id {card.id!r} "
                                       f"(first used at {first.path}:{first.line})"))
        seen.setdefault(card.id, card)
    guids: dict[str, Card] = {}
    for card in (c for d in decks for c in d.cards if c.guid):
        if (first := guids.setdefault(card.guid, card)) is not card:
            errors.append(ContentError(card.path, card.line, f"duplicate guid {card.guid!r} "
                                       f"(first used at {first.path}:{first.line}): one Anki "
                                       "note per GUID"))
    if errors:
        raise ContentErrors(errors)
    warnings += template_guard.warnings(root)
    return Content(config.title, config.author, config.language, taxonomy.topics, tuple(decks),
                   unimported, tuple(warnings), root, config.markdown)
