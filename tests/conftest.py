"""Shared test helpers: small content folders built from fixtures in a temporary directory."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest

from build_decks.config import load_config
from build_decks.importer import import_sources

pytest_plugins = ["listener"]  # the `listener` fixture: a local web server that records requests
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT / "content"


def make_content(root: Path, sources: dict[str, Path], extra_config: str = "") -> Path:
    """A content/ folder with the project's taxonomy and the given sources (name -> file)."""
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    shutil.copy(SEEDS / "topics.yaml", content / "topics.yaml")
    lines = ["title: Test Prep", "author: Tester", "language: en", extra_config, "sources:"]
    for name, path in sources.items():
        shutil.copy(path, content / "sources" / path.name)
        lines += [f"  - name: {name}", f"    file: sources/{path.name}"]
    (content / "config.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return content


def small_project(root: Path, sources: dict[str, str], title: str = "Test Prep") -> Path:
    """A content/ folder with the project's taxonomy, a one-line config and these documents
    (file name -> text) under sources/, not yet imported."""
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    shutil.copy(SEEDS / "topics.yaml", content / "topics.yaml")
    (content / "config.yaml").write_text(f"title: {title}\n", encoding="utf-8")
    for name, text in sources.items():
        (content / "sources" / name).write_text(text, encoding="utf-8")
    return content


@pytest.fixture
def fixture_content(tmp_path: Path) -> Path:
    """Content from the five small variant fixtures, imported into YAML."""
    names = {"qa": "qa_variants.txt", "details": "details_variants.md",
             "headings": "heading_variants.txt", "blog": "blog_variants.txt",
             "outline": "outline_variants.md"}
    content = make_content(tmp_path, {k: FIXTURES / "sources" / v for k, v in names.items()})
    import_sources(load_config(content))
    return content


@pytest.fixture
def qa_content(tmp_path: Path) -> Path:
    """One small Q&A source imported into YAML: content for a whole build in seconds."""
    content = make_content(tmp_path, {"qa": FIXTURES / "sources" / "qa_variants.txt"})
    import_sources(load_config(content))
    return content


@pytest.fixture
def hostile_content(tmp_path: Path) -> Path:
    """A deck whose text tries scripts, handlers, javascript: links and template syntax."""
    content = make_content(tmp_path, {"hostile": FIXTURES / "sources" / "hostile.md"})
    import_sources(load_config(content))
    with (content / "decks" / "hostile.yaml").open("a", encoding="utf-8") as deck:
        deck.write((FIXTURES / "hostile_cards.yaml").read_text(encoding="utf-8"))
    return content


@cache
def imported_seeds() -> Path:
    """The project's sources (with its config and topics) imported afresh into a temporary
    content folder. Tests read this, never the committed decks/*.yaml, which are the user's to
    edit: a hand edit or a deleted card must not fail a test. Do not write into it."""
    folder = Path(tempfile.mkdtemp(prefix="build-decks-seeds-"))
    atexit.register(shutil.rmtree, folder, True)
    content = folder / "content"
    content.mkdir()
    for name in ("config.yaml", "topics.yaml"):
        shutil.copy(SEEDS / name, content / name)
    shutil.copytree(SEEDS / "sources", content / "sources")
    result = import_sources(load_config(content))
    assert not result.errors, result.errors
    return content


@pytest.fixture
def seed_content(tmp_path: Path) -> Path:
    """A private copy of the imported seeds (renderers write lock files into it)."""
    copy = tmp_path / "content"
    shutil.copytree(imported_seeds(), copy)
    return copy


@pytest.fixture(scope="session")
def playwright_instance():
    """Playwright, started once for the whole run (its sync API cannot be started twice at
    once in one thread, so every browser test takes this one, or `browser`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    """One headless Chromium (Debian's) shared by every test that opens a page: each test
    opens its own context or page, and closes it."""
    from browser import launch_options

    chromium = playwright_instance.chromium.launch(**launch_options())
    yield chromium
    chromium.close()
