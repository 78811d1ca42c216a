"""Raw HTML read with the standard library's parser: what a fragment shows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from build_decks.html_events import events, text_of


@given(st.text(alphabet=st.characters(blacklist_characters="<&"), max_size=60))
def test_text_without_tags_or_references_shows_as_the_parser_reads_it(text: str) -> None:
    assert text_of(text) == text_of(events(text))


def test_what_a_fragment_shows() -> None:
    assert text_of("<p>What is\n <b>model drift</b></p>") == "What is model drift"
    assert text_of("A &amp; B  &lt;C&gt;") == "A & B <C>"
    assert text_of("  plain\ttext ") == "plain text"
