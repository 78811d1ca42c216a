"""Topics and content tags, assigned by the editable rules in content/topics.yaml.

A card's topic is the one whose patterns match best, weighing its section heading most, then
its question, then its answer; the YAML keeps the result, and a hand edit there wins.

The patterns are the user's regular expressions, so they run on RE2, which matches in linear
time: a rule like `^(\\w+\\s?)+$` cannot hang an import (Python's backtracking `re` takes
forever on it). RE2 has no backreferences or lookarounds; a rule that uses them is an error
naming its line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import re2

from build_decks.errors import ContentError, ContentErrors
from build_decks.model import Topic
from build_decks.yamlio import LineDict, load_yaml_with_lines

WEIGHTS = {"section": 5, "front": 3, "back": 1}
TOPIC_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
TAG = re.compile(r"^[a-z0-9][a-z0-9_-]*(::[a-z0-9][a-z0-9_-]*)*$")
MAX_PATTERN = 1000  # characters


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # errors are reported with file and line instead
    return options


@dataclass(frozen=True)
class Rule:
    name: str
    patterns: tuple[str, ...]


class Rules:
    """Named rules of patterns, matched in one pass: an RE2 set of every pattern at once
    (RE2's Python binding costs microseconds a call; a set is one call per text)."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.names = [rule.name for rule in rules]
        self.owner: list[int] = []  # pattern index -> rule index
        self.matcher = re2.Set.SearchSet(_options()) if any(r.patterns for r in rules) else None
        for number, rule in enumerate(rules):
            for pattern in rule.patterns:
                self.matcher.Add(pattern)
                self.owner.append(number)
        if self.matcher is not None:
            self.matcher.Compile()

    def hits(self, text: str) -> Counter[int]:
        """Rule index -> how many of its patterns match `text`."""
        if self.matcher is None or not text:
            return Counter()
        return Counter(self.owner[i] for i in self.matcher.Match(text) or ())  # None: none


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    default: str
    topic_rules: Rules
    tag_rules: Rules

    def topic_for(self, section: str, front: str, back: str) -> str:
        score: Counter[int] = Counter()
        for text, weight in ((section, WEIGHTS["section"]), (front, WEIGHTS["front"]),
                             (back, WEIGHTS["back"])):
            for rule, hits in self.topic_rules.hits(text).items():
                score[rule] += weight * hits
        best = max(score.items(), key=lambda item: (item[1], -item[0]), default=(None, 0))
        return self.topic_rules.names[best[0]] if best[1] > 0 else self.default

    def tags_for(self, section: str, front: str) -> list[str]:
        found = self.tag_rules.hits(f"{section}\n{front}")
        return [name for number, name in enumerate(self.tag_rules.names) if found[number]]


class _Reader:
    """Validates topics.yaml, collecting every error with its line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[ContentError] = []

    def error(self, line: int | None, message: str) -> None:
        self.errors.append(ContentError(self.path, line, message))

    def rule(self, name: str, patterns: object, line: int, where: str) -> Rule:
        if patterns is None:
            patterns = []
        if not isinstance(patterns, list):
            self.error(line, f"{where} {name!r}: `patterns` must be a list of patterns, one per "
                             "line (`- pattern`)")
            return Rule(name, ())
        valid = []
        for pattern in patterns:
            if not isinstance(pattern, str) or not pattern or len(pattern) > MAX_PATTERN:
                self.error(line, f"{where} {name!r}: a pattern must be text of 1 to "
                                 f"{MAX_PATTERN} characters, not {pattern!r:.40}")
                continue
            try:
                re2.compile(pattern, _options())
            except re2.error as exc:
                reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) \
                    else str(exc)
                self.error(line, f"{where} {name!r}: pattern {pattern!r:.60} is not supported: "
                                 f"{reason} (patterns are RE2: no backreferences or lookarounds)")
                continue
            valid.append(pattern)
        return Rule(name, tuple(valid))


def _line(data: object, key: str) -> int:
    if isinstance(data, LineDict):
        return data.key_lines.get(key, data.line)
    return 0


def load_taxonomy(path: Path) -> Taxonomy:
    data = load_yaml_with_lines(path)
    reader = _Reader(path)
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise ContentError(path, _line(data, "topics") or 1,
                           "expected a mapping with a `topics:` list")
    topics, topic_rules, seen = [], [], set()
    for item in data["topics"]:
        line = getattr(item, "line", 0) or _line(data, "topics")
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not isinstance(
                item.get("title"), str):
            reader.error(line, "a topic needs an `id` and a `title`, both text")
            continue
        topic_id, title = item["id"], item["title"]
        if not TOPIC_ID.match(topic_id):
            reader.error(line, f"topic id {topic_id!r}: use a-z, 0-9, '-' and '_'")
        if topic_id in seen:
            reader.error(line, f"topic id {topic_id!r} is used twice")
        if title != title.strip() or not title.strip() or len(title) > 100 or "::" in title:
            reader.error(line, f"topic {topic_id!r}: the title must be 1 to 100 characters, "
                               "without spaces around it or `::` (it names an Anki deck)")
        seen.add(topic_id)
        topics.append(Topic(topic_id, title))
        topic_rules.append(reader.rule(topic_id, item.get("patterns"), _line(item, "patterns"),
                                       "topic"))
    default = data.get("default", topics[0].id if topics else None)
    if not isinstance(default, str) or default not in seen:
        reader.error(_line(data, "default"), f"default topic {default!r} is not in the topics")
    tags = data.get("tags") or {}
    tag_rules = []
    if not isinstance(tags, dict):
        reader.error(_line(data, "tags"), "`tags` must be a mapping: `tag-name: [patterns]`")
        tags = {}
    for name, patterns in tags.items():
        if not TAG.match(name):
            reader.error(_line(tags, name), f"tag {name!r}: lower-case, no spaces, '::' for "
                                            "levels")
        tag_rules.append(reader.rule(name, patterns, _line(tags, name), "tag"))
    if reader.errors:
        raise ContentErrors(reader.errors)
    return Taxonomy(tuple(topics), str(default), Rules(tuple(topic_rules)),
                    Rules(tuple(tag_rules)))
