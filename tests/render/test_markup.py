"""The one Markdown function (Python-Markdown) renders answers with the block structure GitHub's
parser builds, for any Markdown: cases people write, and random ones (hypothesis)."""

from __future__ import annotations

import markdown
import pytest
from corpus import GFM, structure  # bench/corpus.py: what `make corpus` compares
from hypothesis import HealthCheck, given, settings
from markdown_blocks import markdown_text

from build_decks.render import markup
from build_decks.render.markup import to_html, to_inline_html

CASES = {
    "a list right under a paragraph line": "Steps:\n- build\n- test\n",
    "lists nested by two spaces": "- serving\n  - REST\n  - gRPC\n- monitoring\n",
    "numbered list nested by three": "1. first\n   1. inner\n2. second\n",
    "a fence inside a list item": "- run:\n  ```bash\n  make all\n  ```\n- done\n",
    "a table with <br> in a cell": "| a | b |\n|---|---|\n| one<br>two | ~~old~~ |\n",
    "a quote holding a list": "> Note:\n> - one\n> - two\n",
    "a lazy continuation line": "- item that\ncontinues here\n- next\n",
    "a list opening with a fence, a quote, a list": "- ```\n  x\n  ```\n- > q\n- - a\n",
    "empty items": "- a\n-\n- b\n",
    "two lists of other bullets": "- a\n- b\n\n* c\n",
    "two quotes": "> one\n\n> two\n",
    "a heading in an item": "1. alpha\n   - # title\n   - beta\n\n   gamma\n",
    "what Python-Markdown would take for blocks": (
        "#hashtag line\n\nThe year\n1986. was good\n\nC#\n==\n\n!!!x\n"),
    "a table with no rows": "| a | b |\n|---|---|\n",
    "a paragraph that is no table on GitHub": "| `a|b` |\n|---|\n",
    "an HTML block and Markdown around": "<div>\n\n- a\n\n</div>\n",
    "indented code in a list": "- a\n\n      code\n- b\n",
}


@pytest.mark.parametrize("markdown", CASES.values(), ids=CASES.keys())
def test_block_structure_matches_a_gfm_parser(markdown: str) -> None:
    assert structure(str(to_html(markdown))) == structure(GFM.render(markdown))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(markdown_text())
def test_any_markdown_gets_githubs_block_structure(text: str) -> None:
    assert structure(str(to_html(text))) == structure(GFM.render(text))


def test_python_markdown_renders() -> None:
    converter, _ = markup.converter(())
    assert isinstance(converter, markdown.Markdown)
    blocks = {item.name for item in converter.parser.blockprocessors._priority}
    assert {"table", "deflist", "admonition", "footnote", "olist", "ulist"} <= blocks
    assert {"magic-link", "footnote"} <= {p.name for p in converter.inlinePatterns._priority}
    assert "fenced_code_block" in converter.preprocessors  # superfences
    rendered = str(to_html("Term\n: its definition\n\n!!! note \"Title\"\n    body *x*\n\n"
                           "Text[^1] ~~gone~~.\n\n[^1]: The note.\n"))
    assert "<dl>\n<dt>Term</dt>\n<dd>its definition</dd>\n</dl>" in rendered
    assert '<p class="admonition-title">Title</p>' in rendered and "<em>x</em>" in rendered
    assert '<div class="footnote">' in rendered and "<del>gone</del>" in rendered


def test_tight_lists_stay_tight_and_loose_ones_loose() -> None:
    assert str(to_html("- a\n  > q\n- b\n")) == (
        "<ul>\n<li>a\n<blockquote>\n<p>q</p>\n</blockquote>\n</li>\n<li>b</li>\n</ul>\n")
    assert "<li>\n<p>a</p>" in str(to_html("- a\n\n- b\n"))


def test_escapes_read_as_commonmark_reads_them() -> None:
    assert str(to_html("costs \\$5, \\~x\\~ and a\\\nbreak")) == (
        "<p>costs $5, ~x~ and a<br>\nbreak</p>\n")


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
