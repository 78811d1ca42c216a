"""Topics and content tags, assigned by the editable rules in content/topics.yaml.

A card's topic is the one whose patterns match best, weighing its section heading most, then
its question, then its answer; the YAML keeps the result, and a hand edit there wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_decks.errors import ContentError
from build_decks.model import Topic
from build_decks.yamlio import load_yaml

WEIGHTS = {"section": 5, "front": 3, "back": 1}


@dataclass(frozen=True)
class Rule:
    name: str
    patterns: tuple[re.Pattern[str], ...]

    def hits(self, text: str) -> int:
        return sum(1 for p in self.patterns if p.search(text))


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    default: str
    topic_rules: tuple[Rule, ...]
    tag_rules: tuple[Rule, ...]

    def topic_for(self, section: str, front: str, back: str) -> str:
        best, best_score = self.default, 0
        for rule in self.topic_rules:
            score = (WEIGHTS["section"] * rule.hits(section) + WEIGHTS["front"] * rule.hits(front)
                     + WEIGHTS["back"] * rule.hits(back))
            if score > best_score:
                best, best_score = rule.name, score
        return best

    def tags_for(self, section: str, front: str) -> list[str]:
        text = f"{section}\n{front}"
        return [rule.name for rule in self.tag_rules if rule.hits(text)]


def _rules(path: Path, items: dict, where: str) -> tuple[Rule, ...]:
    rules = []
    for name, patterns in items.items():
        try:
            compiled = tuple(re.compile(p, re.IGNORECASE) for p in patterns or ())
        except re.error as exc:
            raise ContentError(path, None, f"{where} {name!r}: bad pattern: {exc}") from exc
        rules.append(Rule(name, compiled))
    return tuple(rules)


def load_taxonomy(path: Path) -> Taxonomy:
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise ContentError(path, 1, "expected a mapping with a `topics:` list")
    topics, topic_patterns = [], {}
    for item in data["topics"]:
        if not isinstance(item, dict) or not {"id", "title"} <= item.keys():
            raise ContentError(path, None, f"topic needs `id` and `title`: {item!r}")
        topics.append(Topic(str(item["id"]), str(item["title"])))
        topic_patterns[str(item["id"])] = item.get("patterns") or []
    default = str(data.get("default", topics[0].id if topics else ""))
    if default not in topic_patterns:
        raise ContentError(path, None, f"default topic {default!r} is not in the topic list")
    return Taxonomy(tuple(topics), default, _rules(path, topic_patterns, "topic"),
                    _rules(path, data.get("tags") or {}, "tag"))
