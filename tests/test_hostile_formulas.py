"""Formulas that are safe in Anki: the cards of a built package, imported with the real `anki`
library, typeset by Anki's own MathJax configuration in Chromium (tests/anki_mathjax.py),
while a local listener waits for the request no card may make.

The control typesets the same TeX straight into a card page: it does make links and
requests, so the harness can see what the build must prevent."""

from __future__ import annotations

from pathlib import Path

from anki_import import fresh_collection, import_package
from anki_mathjax import typeset
from listener import Listener
from test_hostile import edit, project, run

from build_decks import formulas, urls


def attacks(base: str) -> list[str]:
    """TeX that links, styles, loads (each seen to work in Anki's MathJax by the control)."""
    return [r"\href{javascript:alert(1)}{x}", rf"\style{{background-image:url({base}/style)}}{{x}}",
            rf"\bbox[background:url({base}/bbox)]{{x}}", r"\mmlToken{mi}[href='javascript:1']{x}",
            r"\class{a}{x} + \cssId{b}{y}", r"\require{unicode}\unicode[Arial]{x41}",
            r"\url{http://example.org}", r"\includegraphics{x.png}", r"\htmlClass{a}{x}"]


def test_the_tex_lexical_rule() -> None:
    assert formulas.control_sequences(r"\\href \hrefx \a1 \% x\frac") == [
        "\\", "hrefx", "a", "%", "frac"]
    assert formulas.refused(r"a \\href b") is None  # a line break, then the word "href"
    assert formulas.refused(r"\htmlData{a=b}{x}").startswith("refused: \\htmlData")


def test_anki_mathjax_sees_no_link_style_or_request(tmp_path: Path, browser,
                                                    listener: Listener) -> None:
    tex = attacks(listener.base)
    document = "".join(f"## Attack {i}?\n\nIt is ${t}$ here.\n\n" for i, t in enumerate(tex))
    document += ("## Escaped delimiters?\n\nText \\\\(\\href{javascript:alert(2)}{y}\\\\) and "
                 "&#92;[\\style{background:url(" + listener.base + "/text)}{z}&#92;]\n\n"
                 "## Deletions?\n\n- The {{c1::answer::\\(\\href{javascript:3}{h}\\)}} hides.\n"
                 "\n## A good one?\n\nIt is $\\frac{a}{b}$.\n")
    content = project(tmp_path, **{"notes.md": document})
    found = run("import", content=content).stderr
    for index, _ in enumerate(tex):  # every attack refused at import, at its line
        assert f"notes.md:{3 + 4 * index}: formula:" in found and "refused: \\" in found
    edit(content / "topics.yaml", "title: Testing and experiments",
         "title: 'Tests \\(\\href{javascript:4}{t}\\)'")
    result = run("anki", content=content)
    assert result.returncode == 0 and result.stderr.count("refused: \\") > len(tex)  # and the hint
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, next((content.parent / "dist").glob("*.apkg")))
    cards = [c for n in collection.find_notes("") for c in collection.get_note(n).cards()]
    pages = [c.question() for c in cards] + [c.answer() for c in cards]
    collection.close()
    shown = typeset(browser, pages, tmp_path)
    bad = [s for s in shown.cards if s.styles or any(
        not urls.allowed(link) for link in s.links)]  # a bare web address is linked, as written
    assert bad == [] and shown.requests == []
    assert sum(s.formulas for s in shown.cards) == 1  # the good formula, on its back
    assert any("\\href{javascript:alert(2)}" in s.text for s in shown.cards)  # shown as text
    assert listener.requests == []
    control = typeset(browser, [f"\\({t}\\)" for t in tex[:3]], tmp_path)
    assert control.cards[0].links == ["javascript:alert(1)"] * 2 and len(control.requests) == 2
    assert sorted(listener.requests) == ["/bbox", "/style"]  # the harness sees a card's fetch


def test_formulas_edited_into_the_yaml_are_refused_too(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": "Q: What is it?\nA: Fine.\n"})
    edit(content / "decks" / "notes.yaml", "answer: Fine.",
         "answer: 'See $\\href{javascript:alert(1)}{here}$.'")
    result = run("build", content=content)
    assert result.returncode == 0
    [line] = [line for line in result.stderr.splitlines() if "refused" in line]
    assert line.startswith(f"warning: {content / 'decks' / 'notes.yaml'}:13: card ")
    assert line.endswith("formula '\\\\href{javascript:alert(1)}{here}' is shown as code: refused:"
                         " \\href makes a link, and Anki's MathJax would obey it (formulas may not"
                         " link, style or load anything)")
    pack = (content.parent / "dist" / "study-pack.html").read_text(encoding="utf-8")
    assert 'href=\\"javascript' not in pack and "code class=\\\"math-error\\\"" in pack
