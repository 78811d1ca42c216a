"""The five seed documents: pinned counts, nothing left out wrongly, nothing leaked in.

The sources are imported into a temporary folder (never the committed YAML, which is the
user's to edit): every question exactly once, 147 items.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

from build_decks.check import build_report
from build_decks.config import load_config
from build_decks.importer import import_sources
from build_decks.loader import load_content
from build_decks.model import Content
from build_decks.yamlio import load_yaml

EXPECTED = {  # deck -> (qa, term, prompt)
    "readiness": (4, 0, 0),
    "deployment-monitoring": (2, 0, 10),
    "mlops-qa": (6, 0, 0),
    "mlops-blog": (15, 0, 0),
    "mastering-deployment": (0, 20, 90),
}
LEAKS = ["Table of Contents", "Become a Full Stack", "Transform into an expert", "template",
         "Contributing", "licensed under", "your email address", "Conclusion",
         "If you have been able to answer", "Good luck with your interview", "MLOps vs DeVops",
         "CI/CD Pipeline in MLOps", "Welcome to the", "Why Should You Learn", "Source:"]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Content:
    """A fresh import of the seed sources with the project's config and topics."""
    content = tmp_path_factory.mktemp("seeds") / "content"
    content.mkdir()
    for name in ("config.yaml", "topics.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copytree(ROOT / "content" / "sources", content / "sources")
    result = import_sources(load_config(content))
    assert not result.errors
    return load_content(content)


def test_counts_per_document_and_kind(seeds: Content) -> None:
    found = {d.name: tuple(Counter(c.kind for c in d.cards)[k] for k in ("qa", "term", "prompt"))
             for d in seeds.decks}
    assert found == EXPECTED
    assert sum(len(d.cards) for d in seeds.decks) == 147


def test_every_source_question_is_captured_exactly_once(seeds: Content) -> None:
    sources = {d.name: (ROOT / "content" / d.source).read_text(encoding="utf-8")
               for d in seeds.decks}
    markers = {
        "readiness": r"^Q:",
        "deployment-monitoring": r"^\d+\. \*\*",
        "mlops-qa": r"^## Q\d+:",
        "mlops-blog": r"^### Q\d+\.",
        "mastering-deployment": r"^(#### \d|\d+\. (?!\[))",
    }
    for deck in seeds.decks:
        expected = len(re.findall(markers[deck.name], sources[deck.name], re.MULTILINE))
        fronts = [c.front for c in deck.cards]
        assert len(fronts) == expected == len(set(fronts)), deck.name


def test_nothing_from_boilerplate_leaks_in(seeds: Content) -> None:
    for card in seeds.cards:
        text = f"{card.front}\n{card.back}"
        for leak in LEAKS:
            assert leak not in text, (card.id, leak)


def test_no_mojibake_left(seeds: Content) -> None:
    for card in seeds.cards:
        assert not re.search("â€|Ã.|Â", card.front + card.back), card.id
    answer = next(c.back for c in seeds.cards if c.id == "mlops-qa-many-ways-know-implement-mlops")
    assert "don’t change frequently" in answer


def test_provenance_on_every_card(seeds: Content) -> None:
    for card in seeds.cards:
        path, line = card.origin.rsplit(":", 1)
        source_lines = (ROOT / "content" / path).read_text(encoding="utf-8").splitlines()
        words = re.findall(r"[A-Za-z]{4,}", card.front)[:1 if card.kind == "term" else 3]
        assert all(w in source_lines[int(line) - 1] for w in words), card.id


def test_attribution_and_references(seeds: Content) -> None:
    attributions = {c.attribution for c in seeds.cards if c.attribution}
    assert attributions == {"neptune.ai", "developers.google.com", "www.packtpub.com",
                            "madewithml.com", "cloud.google.com", "projectpro.io",
                            "dataaiku.com"}
    refs = {r.url for d in seeds.decks for r in d.references}
    assert len(refs) == 3 and all(r.startswith("https://") for r in refs)


def test_check_reports_recurring_subjects(seeds: Content) -> None:
    report = build_report(seeds)
    pairs = {(a.front, b.front) for a, b, _ in report.near_duplicates}
    assert ("What is a Model Registry and what are its benefits?",
            "What are the benefits of using a model registry for managing model versions?") in pairs
    joined = " | ".join(f"{a} / {b}" for a, b in pairs).lower()
    assert "canary" not in joined  # "what is canary" and "canary vs blue-green" differ
    assert [c.front for c in report.missing_figures] == [
        "What is a Model Registry and what are its benefits?"]
    assert len(report.prompts) == 100
    assert {c.id for c, _ in report.long_answers} == {
        "mlops-qa-many-ways-know-implement-mlops", "mlops-qa-production-testing-methods-know",
        "mlops-blog-create-ci-cd-pipelines-machine"}


def test_reimporting_the_committed_store_keeps_every_id_and_writes_nothing(
        tmp_path: Path) -> None:
    """True of any store import wrote, hand edits included: Anki reviews hang on these ids."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    ids = {p.name: [c["id"] for c in load_yaml(p)["cards"]]
           for p in sorted((copy / "decks").glob("*.yaml"))}
    result = import_sources(load_config(copy))
    # no deck file rewritten; the lock may learn of cards deleted by hand since the last import
    assert not result.errors and [p.name for p in result.written] in ([], ["import-lock.json"])
    assert {p.name: [c["id"] for c in load_yaml(p)["cards"]]
            for p in sorted((copy / "decks").glob("*.yaml"))} == ids
    assert import_sources(load_config(copy)).written == []  # and then nothing at all
