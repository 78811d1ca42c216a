"""Normalize: text clean-up and what is left out, through the real import of fixtures."""

from __future__ import annotations

from pathlib import Path

from build_decks.normalize import FIGURE_REFERENCE, clean_front, fix_text, slug_of
from build_decks.yamlio import load_yaml


def cards(content: Path, deck: str) -> dict[str, dict]:
    return {c["id"]: c for c in load_yaml(content / "decks" / f"{deck}.yaml")["cards"]}


def test_mojibake_is_fixed_and_quotes_kept() -> None:
    assert fix_text("teams donâ€™t change") == "teams don’t change"
    assert fix_text("the “immutable” idea") == "the “immutable” idea"


def test_questions_keep_their_words_and_spacing() -> None:
    assert clean_front("  What is a K8s cluster ?  ") == "What is a K8s cluster ?"
    doubled = "Given kernel sizes  for each layer?"
    assert clean_front(f" {doubled}") == doubled
    slug = slug_of("What’s the difference between Canary and Blue-Green?")
    assert slug == "difference-canary-blue-green"


def test_wrapped_answers_are_joined_into_paragraphs(fixture_content: Path) -> None:
    card = cards(fixture_content, "qa")["qa-feature-store"]
    assert card["answer"] == "A central place that serves features.\n\nSecond paragraph here."


def test_source_lines_become_attribution(fixture_content: Path) -> None:
    headings = cards(fixture_content, "headings")
    assert headings["headings-data-versioning"]["attribution"] == "example.com"
    assert "Source" not in headings["headings-rollback"]["answer"]
    assert headings["headings-rollback"]["attribution"] == "example.org"


def test_scraped_lines_become_lists(fixture_content: Path) -> None:
    answer = cards(fixture_content, "headings")["headings-rollback"]["answer"]
    assert "Reasons to roll back:\n\n- Accuracy dropped after release\n- Latency doubled" in answer


def test_blog_noise_is_left_out(fixture_content: Path) -> None:
    blog = cards(fixture_content, "blog")
    assert blog["blog-mlops"]["answer"] == ("MLOps applies DevOps practice to machine learning "
                                            "systems.\n\nIt covers training, deployment and "
                                            "monitoring.")
    monitor = blog["blog-monitor-models"]["answer"]
    assert "Subscribe" not in monitor and "Summary" not in monitor and "thanks" not in monitor
    assert monitor.endswith("- Latency")


def test_code_blocks_survive(fixture_content: Path) -> None:
    answer = cards(fixture_content, "details")["details-batching-model-serving"]["answer"]
    assert "```python\nbatch = queue.get_many(32)\n```" in answer


def test_empty_or_missing_answer_blocks_are_prompts(fixture_content: Path) -> None:
    details = cards(fixture_content, "details")
    assert details["details-inference-server"]["kind"] == "prompt"
    assert "answer" not in details["details-model-warm-up"]
    assert details["details-pin-library-versions"]["question"] == "Why pin library versions?"


def test_outline_terms_keep_their_section(fixture_content: Path) -> None:
    outline = cards(fixture_content, "outline")
    batching = outline["outline-request-batching"]
    assert batching["kind"] == "term"
    assert batching["definition"] == "Combining requests into one model call."
    assert batching["section"] == "Serving" and batching["topic"] == "serving"
    assert "outline-tools-serving" not in outline  # "### 1.3 Tools" is a section, not a term


def test_a_figure_reference_is_a_phrase_from_a_word_start() -> None:
    """What makes an answer's missing figure reported (`missing-figure`)."""
    assert FIGURE_REFERENCE.search("As Shown Below, the queue grows.")
    assert FIGURE_REFERENCE.search("See Fig. 2 for the layers.")
    assert not FIGURE_REFERENCE.search("To bathe one below the other")  # inside a word
    assert not FIGURE_REFERENCE.search("The rows of the figure")
