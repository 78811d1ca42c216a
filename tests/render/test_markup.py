"""The one Markdown function renders answers the way GitHub's parser structures them."""

from __future__ import annotations

import pytest
from corpus import GFM, structure  # bench/corpus.py: what `make corpus` compares

from build_decks.render.markup import to_html, to_inline_html

CASES = {
    "a list right under a paragraph line": "Steps:\n- build\n- test\n",
    "lists nested by two spaces": "- serving\n  - REST\n  - gRPC\n- monitoring\n",
    "numbered list nested by three": "1. first\n   1. inner\n2. second\n",
    "a fence inside a list item": "- run:\n  ```bash\n  make all\n  ```\n- done\n",
    "a table with <br> in a cell": "| a | b |\n|---|---|\n| one<br>two | ~~old~~ |\n",
    "a quote holding a list": "> Note:\n> - one\n> - two\n",
    "a lazy continuation line": "- item that\ncontinues here\n- next\n",
}


@pytest.mark.parametrize("markdown", CASES.values(), ids=CASES.keys())
def test_block_structure_matches_a_gfm_parser(markdown: str) -> None:
    assert structure(str(to_html(markdown))) == structure(GFM.render(markdown))


def test_the_structures_themselves() -> None:
    assert "<p>Steps:</p>\n<ul>" in to_html(CASES["a list right under a paragraph line"])
    nested = str(to_html(CASES["lists nested by two spaces"]))
    assert nested.count("<ul>") == 2 and "<li>serving\n<ul>" in nested
    assert "<del>old</del>" in to_html(CASES["a table with <br> in a cell"])
    assert "one<br>two" in to_html(CASES["a table with <br> in a cell"])
    assert '<pre class="hl"><code>' in to_html(CASES["a fence inside a list item"])


def test_answer_headings_sit_below_the_question_and_links_are_safe() -> None:
    rendered = str(to_html("# Big\n\n### Small\n\nSee https://example.org and [x](javascript:1)."))
    assert "<h4>Big</h4>" in rendered and "<h4>Small</h4>" in rendered
    assert '<a href="https://example.org" rel="noopener noreferrer">' in rendered
    assert "javascript" not in rendered.split("[x]")[0] and 'href="javascript' not in rendered


def test_questions_render_inline() -> None:
    assert str(to_inline_html("What is **X** and `y` ?")) == (
        "What is <strong>X</strong> and <code>y</code> ?")
