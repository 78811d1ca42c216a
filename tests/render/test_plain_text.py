"""Plain prose skips Python-Markdown (markup.PLAIN_LINE): only where the conversion would give
the text back in a paragraph. Checked against Python-Markdown itself, on cases people write
and on random texts (hypothesis), inline (a question) and as a block (an answer)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_decks.render import markup

PLAIN = ["What is model drift?", "Explain the bias-variance trade-off.", "Qué es un modelo?",
         "Что такое дрейф?", "Note: a colon before a space", "It's 100% (mostly) \"fine\"",
         "First line\nsecond line", "模型漂移是什么"]
NOT_PLAIN = ["1. a list", "- a list", "# a heading", "See www.example.com now", "e.g. this",
             "http://example.com", "two  spaces", "snake_case", "a *b* c", "`code`",
             "Title\n=====", "term\n: definition", "trailing space ", " leading space",
             "x < y", "R&D", "a | b", "[link](x)", "$x$", "~~gone~~", "a\n\nb", "Q::A",
             "3.5 is a number"]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_prose_is_its_own_html(text: str) -> None:
    assert markup._is_plain(text, ())
    for inline in (True, False):
        assert markup._converted(text, (), inline, False) == (*markup.python_markdown(
            text, (), inline, False), True)


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_markdown_may_read_is_converted(text: str) -> None:
    assert not markup._is_plain(text, ())


def test_extensions_from_config_always_convert() -> None:
    assert not markup._is_plain("What is model drift?", ("pymdownx.smartsymbols",))


WORDS = st.text(st.sampled_from("abcXYZéßяж中7"), min_size=1, max_size=6)
SAFE = [" ", ", ", ". ", ": ", "? ", "! ", "\n", " - ", "-", " (", ") ", "'", '"', "% ", ";"]
RISKY = [".", ":", "  ", "_", "*", "[", "]", "<", "&", "#", "=", "`", "~", "|", "$", "\\", "/",
         "@", "{", "}", "+", "\n\n", "1. ", "\n- ", "\n: ", "\n===", "www."]
JOINS = st.sampled_from(SAFE * 8 + RISKY)  # mostly what plain prose holds, near misses too
TARGETS = [markup.Target(math=math, cloze=cloze) for math in ("tex", "mathml", "svg")
           for cloze in ("anki", "reveal", "filled", "blank")]


@st.composite
def prose(draw: st.DrawFn) -> str:
    """Words joined by punctuation, spacing and Markdown's own characters."""
    words = draw(st.lists(WORDS, min_size=1, max_size=8))
    joins = draw(st.lists(JOINS, min_size=len(words), max_size=len(words)))
    start = draw(st.sampled_from([""] * 8 + ["1. ", "- ", "# ", " ", ":", "> ", "7"]))
    return start + "".join(w + j for w, j in zip(words, joins, strict=True)).rstrip("\n")


@settings(max_examples=1500, deadline=None)
@given(prose())
def test_the_shortcut_gives_what_python_markdown_gives(text: str) -> None:
    if markup._is_plain(text, ()):
        for inline in (True, False):
            html, slots, plain = markup._converted(text, (), inline, False)
            assert (html, slots) == markup.python_markdown(text, (), inline, False) and plain
            for target in TARGETS:  # and it is what every output would make of that HTML
                assert markup._fill(markup.without_tex_delimiters(markup._sanitize(
                    markup._images_shown(html, target), target)), [], target) == html
