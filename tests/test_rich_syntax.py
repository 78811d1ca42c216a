"""What counts as a formula, a deletion or an image, and how each output is told to show it."""

from __future__ import annotations

import pytest

from build_decks import cloze, formulas
from build_decks.inventory import inventory
from build_decks.readers.finder import Finder
from build_decks.render.markup import Target, cloze_html, to_html


@pytest.mark.parametrize(("text", "found"), [
    ("It costs $5 and $10.", []),
    ("A price of $ 5 and $ x$.", []),
    ("The $F_1$ score", [("F_1", False)]),
    ("Show that $$x_i$$ is small.", [("x_i", False)]),  # $$ inside a sentence: inline
    ("$$\nF_1 = \\frac{2PR}{P+R}\n$$", [("\nF_1 = \\frac{2PR}{P+R}\n", True)]),
    ("Apply \\(\\sigma(z)\\) here.", [("\\sigma(z)", False)]),
    ("\\[\nL = -\\sum y\n\\]", [("\nL = -\\sum y\n", True)]),
    ("values in the closed interval \\[0, 1\\] only", []),  # escaped brackets in prose
    ("\\[1\\] Smith et al. 2020", []),  # a reference number, not a display formula
    ("`$x$` in code", []),
])
def test_formulas_are_found_only_where_people_mean_them(text: str, found: list) -> None:
    assert [(f.tex, f.display) for f in inventory(text).formulas] == found


def test_formula_output_is_sanitized_mathml_and_bad_tex_is_a_problem() -> None:
    for hostile in ("\\href{javascript:alert(1)}{x}", "\\text{<img src=x onerror=alert(1)>}",
                    "\\style{background:url(http://example.org)}{x}"):
        rendered = formulas.mathml(hostile, False)
        assert "href" not in rendered and "onerror" not in rendered and "<img" not in rendered
        assert "style" not in rendered and "http" not in rendered
    assert formulas.problem("\\frac{a") == ("a fraction is missing an argument (a `}` or `{…}` "
                                            "too few?)")
    assert formulas.problem("\\left( x \\right").startswith("TeX that does not parse")
    assert formulas.problem("\\nosuchcommand{x}") == "unknown command \\nosuchcommand"
    assert formulas.problem("\\mathbb{R}^n") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("The {{c1::F1 score}} is a {{c2::harmonic mean::mean}}.",
     [(1, "F1 score", ""), (2, "harmonic mean", "mean")]),
    ("{{c1::outer {{c2::inner::h}} rest::hint}}", [(2, "inner", "h"),
                                                   (1, "outer {{c2::inner::h}} rest", "hint")]),
    ("Jinja {{ config }} and $e^{x_{i}}$ are text.", []),
])
def test_deletions_read_as_anki_reads_them(text: str, expected: list) -> None:
    assert [(d.number, d.answer(text), d.hint) for d in cloze.deletions(text)] == expected


@pytest.mark.parametrize(("text", "offset", "message"), [
    ("a {{c1::x", 2, "deletion c1 is never closed with `}}`"),
    ("{{c1:: }}", 0, "deletion c1 has an empty answer"),
    ("x {{c::y}}", 2, "a deletion needs a c number"),
    ("{{1::y}}", 0, "a deletion needs a c number"),
    ("{{c1:y}}", 0, "a deletion needs a c number"),
    ("{{c0::y}}", 0, "deletion numbers start at 1"),
])
def test_broken_deletions_are_errors_at_their_offset(text: str, offset: int, message: str) -> None:
    with pytest.raises(cloze.ClozeError) as raised:
        cloze.deletions(text)
    assert raised.value.offset == offset and raised.value.message.startswith(message)


def test_each_output_shows_deletions_its_own_way() -> None:
    text = "The {{c1::F1 score}} is the {{c2::harmonic mean::kind of mean}} of $P$ and $R$."
    anki = str(cloze_html(text, Target(math="tex", cloze="anki")))
    assert anki == ("<p>The {{c1::F1 score}} is the {{c2::harmonic mean::kind of mean}} of "
                    "\\(P\\) and \\(R\\).</p>\n")
    blank = str(cloze_html(text, Target(cloze="blank")))
    assert "F1 score" not in blank and "harmonic mean" not in blank
    assert '<span class="blank w3" data-c="2">kind of mean</span>' in blank
    filled = str(cloze_html(text, Target(cloze="filled")))
    assert '<mark class="cloze">harmonic mean</mark>' in filled
    reveal = str(cloze_html(text, Target(cloze="reveal")))
    assert '<span class="cloze" data-c="2" data-hint="kind of mean">harmonic mean</span>' in reveal


def test_template_syntax_stays_inert_and_remote_images_become_links() -> None:
    rendered = str(to_html("{{ 7*7 }} ![chart](https://example.org/c.png) "
                           '<img src="https://example.org/d.png" alt="d" onerror="x()">'))
    assert "&#123;&#123; 7*7 &#125;&#125;" in rendered
    assert '<a class="remote-image" href="https://example.org/c.png"' in rendered
    assert '<a class="remote-image" href="https://example.org/d.png"' in rendered
    assert "<img" not in rendered and "onerror" not in rendered


def test_the_reader_finds_cloze_text_outside_and_inside_answers() -> None:
    document = ("# Notes\n\n## Metrics\n\n- The {{c1::F1 score}} combines P and R.\n"
                "- {{c1::Recall}} is TP over TP + FN.\n\n## What is AUC?\n\n"
                "The {{c1::area under the ROC curve}}.\n\n## What is drift?\n\nA change.\n")
    found = [(e.kind, e.front, e.section) for e in Finder(document).run()]
    assert found == [
        ("cloze", "The {{c1::F1 score}} combines P and R.", "Metrics"),
        ("cloze", "{{c1::Recall}} is TP over TP + FN.", "Metrics"),
        ("cloze", "**What is AUC?**\n\nThe {{c1::area under the ROC curve}}.", "Metrics"),
        ("qa", "What is drift?", "Metrics"),
    ]


def test_an_image_in_a_footnote_is_an_image_of_the_text() -> None:
    """So that `watch` keys the text's HTML by that image's bytes too (markup._rendered)."""
    from build_decks.inventory import inventory

    assert [i.src for i in inventory("See x.[^1]\n\n[^1]: ![plot](plot.png)\n").images] == [
        "plot.png"]
