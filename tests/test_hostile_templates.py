"""Templates render data, nothing else: what an override in content/templates/ can reach, how
long and how much it may write, where its mistakes are reported, and what its outputs may
link to or load (the pack in Chromium, the PDFs read back with pypdf, the deck with `anki`)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from anki_import import fresh_collection, import_package
from listener import Listener
from markupsafe import Markup
from test_hostile import project, run

from build_decks import cli, media, template_guard
from build_decks.errors import ContentError
from build_decks.render import env, sandbox

DOCUMENT = ("Q: What is drift?\nA: Change in data. See ![plot](plot.png).\n\n"
            "Q: What is a canary?\nA: A partial rollout.\n\n## How would you monitor drift?\n")


def override(content: Path, name: str, text: str) -> Path:
    path = content / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def builtin(name: str) -> str:
    return (env.builtin_templates() / name).read_text(encoding="utf-8")


# Plain values only ----------------------------------------------------------------------------

def walk(value: object, where: str) -> Iterator[str]:
    """Where a value that is not plain data sits in a template's context."""
    if isinstance(value, (str, Markup, int, float, bool, type(None))):
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{where}[{index}]")
    elif isinstance(value, (dict, env.Record)):
        for key, item in value.items():
            yield from walk(item, f"{where}.{key}")
    else:
        yield f"{where}: {type(value).__name__}"


def test_every_template_gets_plain_values_only(tmp_path: Path, monkeypatch,
                                               capsys: pytest.CaptureFixture) -> None:
    content = project(tmp_path, **{"notes.md": DOCUMENT})
    override(content, "html/pack.css.j2", builtin("html/pack.css.j2"))  # overrides: sandbox
    seen: dict[str, list[str]] = {}
    convert = env.template_data

    def recorded(value: object, memo: dict | None = None) -> object:
        data = convert(value, memo)
        if memo is None:  # a whole context, converted by render(root, template, ...)
            template = sys._getframe(1).f_locals["template"]
            seen.setdefault(template, []).extend(walk(data, "context"))
        return data

    monkeypatch.setattr(env, "template_data", recorded)
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # the PDFs in this process, to see them
    assert cli.main(["--content", str(content), "--dist", str(tmp_path / "dist"), "build"]) == 0
    assert {"anki/card.css.j2", "anki/related.html", "html/pack.html",
            "pdf/worksheet-question.html", "pdf/flashcards-sheet.html", "pdf/cheatsheet-entry.html",
            "pdf/cheatsheet-frame.html"} <= set(seen)
    assert {name: bad for name, bad in seen.items() if bad} == {}


@dataclass(frozen=True)
class _Made:
    """Two properties that return a new list each time: freed once converted."""

    n: int

    @property
    def a(self) -> list:
        return [self.n, "a"]

    @property
    def b(self) -> list:
        return [self.n, "b"]


def test_values_made_on_the_fly_are_converted_each_as_itself() -> None:
    converted = env.template_data({"items": [_Made(n) for n in range(50)]})
    assert [(r.a, r.b) for r in converted["items"]] == [([n, "a"], [n, "b"]) for n in range(50)]


# Mistakes, limits ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "words"), [
    ("<p>\n{{ decks[0].path.joinpath('../../etc/hostname').read_text() }}\n", 2,
     "'str object' has no attribute 'joinpath'"),
    ("<p>\n\n{{ 1/0 }}\n", 3, "ZeroDivisionError"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}\n{{ f(1) }}\n", 1, "recursion too deep"),
    ("{{ cycler.__init__.__globals__ }}\n", 1, "template:"),
    ("x\n{{ 'x' * 1000000000 }}\n", 2, "`*` would make 1,000,000,000 characters or items"),
    ("{{ 'x'.center(10**9) }}\n", 1, "over 100,000"),
    ("{{ 'x' | indent(10**9) }}\n", 1, "over 100,000"),
    ("{{ 9 ** 99999999 }}\n", 1, "over 100,000"),
    ("{{ '%1000000000d' % 1 }}\n", 1, "over 100,000"),
    ("<p>\n{% for i in range(99999) %}{{ data_json }}{{ data_json }}{% endfor %}", 2,
     "writes more than 64,000,000 characters"),
    # 20 MB of links: refused where it writes them, before the output check parses them
    ('{% set s = "<a href=x>y</a>" * 100000 %}\n{% for i in range(13) %}{{ s|safe }}'
     "{% endfor %}", 2, "writes more than 500,000 tags"),
    # what one operation makes, known before it is made
    ('{% set ns = namespace(s="x") %}{% for i in range(40) %}\n{% set ns.s = ns.s + ns.s %}'
     "{% endfor %}", 2, "`+` would make 67,108,864 characters"),
    ('{% set ns = namespace(s="x") %}{% for i in range(40) %}\n{% set ns.s = ns.s ~ ns.s %}'
     "{% endfor %}", 2, "`~` would make 67,108,864 characters"),
    ('{% set ns = namespace(s="x") %}{% for i in range(40) %}{% set ns.s %}\n{{ ns.s }}'
     "{{ ns.s }}{% endset %}{% endfor %}", 2, "writing a value would make 67,108,864"),
    ('{% set s = "a" * 100000 %}\n{{ s.replace("a", s) }}', 2, "str.replace would make"),
    ('{% set s = "a" * 100000 %}\n{{ s|replace("a", s) }}', 2, "filter 'replace' would make"),
    ("{{ range(99999)|map('center', 99999)|join }}", 1, "makes more than 256,000,000"),
    ('{{ "{:>1000000000}".format(1) }}', 1, "a format: the number 1e+09 is over 100,000"),
    ('{{ "%1000000000s"|format(1) }}', 1, "`%`: the number 1e+09 is over 100,000"),
    ('{% set s = "a" * 99999 %}{% set a = [s, s] %}{% set b = [a, a] %}{% set c = [b, b] %}'
     '{% set d = [c, c] %}{% set e = [d, d] %}{% set f = [e, e] %}{% set g = [f, f] %}'
     '{% set h = [g, g] %}{% set i = [h, h] %}{% set j = [i, i] %}\n{{ j }}', 2,
     "writing a list would make"),
    ("{% set ns = namespace(l=[1]) %}{% for i in range(40) %}\n{% set _ = ns.l.extend(ns.l) %}"
     "{% endfor %}", 2, "unsafe"),
    ("{{ lipsum(99999) }}", 1, "'lipsum' is undefined"),
    ("{% include 'pdf/nope.html' %}", 1, "nope.html"),
])
def test_a_hostile_or_broken_override_is_one_error_at_its_place(
        tmp_path: Path, text: str, line: int | None, words: str) -> None:
    content = project(tmp_path, **{"notes.md": DOCUMENT})
    path = override(content, "html/pack.html", text)
    result = run("html", content=content)
    errors = [e for e in result.stderr.splitlines() if e.startswith("error:")]
    assert result.returncode == 1 and len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {path}:{line}: " if line else f"error: {path}: ")
    assert words in errors[0]
    assert not (content.parent / "dist" / "study-pack.html").exists()


def test_a_render_that_runs_too_long_is_stopped(tmp_path: Path, monkeypatch,
                                                capsys: pytest.CaptureFixture) -> None:
    content = project(tmp_path, **{"notes.md": DOCUMENT})
    path = override(content, "html/pack.html", "<p>\n{% for i in range(99999) %}"
                    "{% for j in range(99999) %}{% endfor %}{% endfor %}\n")
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 1)
    assert cli.main(["--content", str(content), "--dist", str(tmp_path / "dist"), "html"]) == 1
    assert (f"error: {path}:2: template: takes longer than 1 s to render (a loop?)\n"
            in capsys.readouterr().err)


def test_the_time_limit_holds_in_any_thread(tmp_path: Path, monkeypatch) -> None:
    """`serve` rebuilds in a thread and renders its pages in request threads: each render
    has its own limit there too, and one ending does not lift another's."""
    content = project(tmp_path, **{"notes.md": DOCUMENT})
    path = override(content, "html/pack.html", "<p>\n{% for i in range(99999) %}"
                    "{% for j in range(99999) %}{% endfor %}{% endfor %}\n")
    override(content, "html/quick.html", "<p>{{ title }}</p>")
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 1)
    stopped: list[str] = []

    def slow() -> None:
        try:
            env.render(content, "html/pack.html")
        except ContentError as error:
            stopped.append(str(error))

    threads = [threading.Thread(target=slow, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    assert env.render(content, "html/quick.html", title="quick") == "<p>quick</p>"
    for thread in threads:
        thread.join(timeout=300)  # unbounded, the loop would run for hours
    assert not any(thread.is_alive() for thread in threads)
    assert stopped == [f"{path}:2: template: takes longer than 1 s to render (a loop?)"] * 2


def test_the_output_check_runs_within_the_time_limit(tmp_path: Path, monkeypatch,
                                                     capsys: pytest.CaptureFixture) -> None:
    content = project(tmp_path, **{"notes.md": DOCUMENT})
    path = override(content, "html/pack.html", "{% for i in range(99999) %}"
                    '<a href="x">y</a><b>z</b>{% endfor %}')  # 400,000 tags, under MAX_TAGS
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 2)
    assert cli.main(["--content", str(content), "--dist", str(tmp_path / "dist"), "html"]) == 1
    assert (f"error: {path}: template: its output takes longer than 2 s to check (399,996 "
            "tags)\n" in capsys.readouterr().err)


# What outputs may link to and load -----------------------------------------------------------

def hostile_markup(base: str) -> str:
    return (f'<a href="javascript:alert(1)">a</a><a href="file:///etc/passwd">b</a>'
            f'<a href="../notes.md">c</a><a href="https://example.org/ok">ok</a>'
            f'<a href="#top">top</a><img src="{base}/img"><img srcset="{base}/set 2x">'
            f'<link rel="stylesheet" href="{base}/css"><!--x--!><a href="file:///etc/hostname">'
            f'd</a>--><video poster="{base}/poster"></video>'
            f'<p style="background:url({base}/style)">s</p>'
            f'<style>@import "{base}/import.css"; p {{ background: url({base}/sheet) }}</style>'
            f'<meta http-equiv="refresh" content="0;url={base}/refresh">')


def test_links_and_loads_written_by_templates_pass_the_allow_list(
        tmp_path: Path, listener: Listener, browser) -> None:
    content = project(tmp_path, **{"notes.md": DOCUMENT})
    pack = builtin("html/pack.html").replace("<body>", "<body>" + hostile_markup(listener.base), 1)
    pack = pack.replace("</head>", '<meta http-equiv="Content-Security-Policy" content='
                        '"default-src *; script-src * \'unsafe-inline\'">'
                        "<script>document.title = 'ran'</script></head>", 1)
    override(content, "html/pack.html", pack)
    sheet = builtin("pdf/cheatsheet-title.html").replace('<div class="title">',
                                                         '<div class="title">'
                                                         + hostile_markup(listener.base), 1)
    override(content, "pdf/cheatsheet-title.html", sheet)
    base = listener.base
    css = override(content, "anki/card.css.j2", builtin("anki/card.css.j2") + "\n@import url("
                   f"{base}/anki.css);\n.card {{ background: url({base}/anki.png) }}\n")
    result = run("build", content=content)
    assert result.returncode == 0, result.stderr
    assert f"warning: {css}:" in result.stderr and "@import is removed" in result.stderr
    assert f"warning: {content / 'templates' / 'html' / 'pack.html'}:" in result.stderr
    assert "<meta http-equiv='refresh'> is removed from the output" in result.stderr
    dist = content.parent / "dist"
    uris = [str(a.get_object()["/A"]["/URI"]) for page in pypdf.PdfReader(
        dist / "cheatsheet.pdf").pages for a in page.get("/Annots", [])
        if "/URI" in a.get_object().get("/A", {})]
    assert "https://example.org/ok" in uris and all(
        u.startswith(("https://", "http://", "mailto:")) for u in uris), uris
    page = browser.new_page()
    page.goto((dist / "study-pack.html").as_uri())
    page.wait_for_load_state("networkidle")
    hrefs = page.eval_on_selector_all("[href]", "els => els.map(e => e.getAttribute('href'))")
    title = page.title()
    page.close()
    assert [h for h in hrefs if not template_guard.link_allowed(h)] == []
    assert "ran" not in title  # the code's policy holds beside the template's own
    collection = fresh_collection(tmp_path / "anki")
    import_package(collection, next(dist.glob("*.apkg")))
    css_text = collection.models.by_name("build_decks Q&A")["css"]
    collection.close()
    assert "@import" not in css_text and listener.base not in css_text and ".card" in css_text
    assert listener.requests == []


@pytest.mark.parametrize("whole", [True, False])
def test_meta_http_equiv_other_than_a_policy_is_emptied(tmp_path: Path, whole: bool) -> None:
    written = ('<META HTTP-EQUIV="Refresh" content="0;url=https://tracker.example/?opened=1">'
               '<meta http-equiv="set-cookie" content="id=1"><meta http-equiv=" refresh "'
               ' content="1"><meta http-equiv="Content-Security-Policy" content="img-src '
               '\'none\'"><meta charset="utf-8"><p>kept</p>')
    text = f"<!DOCTYPE html><html><head>{written}</head></html>" if whole else written
    clean, removed = template_guard.clean_document(text, media.Folder(tmp_path))
    assert len(removed) == 3 and all("http-equiv" in r for r in removed), removed
    assert "tracker" not in clean and "cookie" not in clean.lower() and "refresh" not in (
        clean.lower())
    assert 'http-equiv="Content-Security-Policy"' in clean and "<p>kept</p>" in clean
    assert '<meta charset="utf-8">' in clean


def test_the_pack_policy_is_written_by_code(tmp_path: Path) -> None:
    content = project(tmp_path, **{"notes.md": DOCUMENT})
    override(content, "html/pack.html", "<!DOCTYPE html><html><head></head><body>{{ title }}"
                                        "</body></html>")
    assert run("html", content=content).returncode == 0
    page = (content.parent / "dist" / "study-pack.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content"
                           "=\"default-src &#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;; "
                           "script-src &#x27;sha256-")
