"""`markdown_extensions:` in config.yaml adds Python-Markdown extensions, as MkDocs does; the
sanitizer still runs after them, and every mistake is an error at config.yaml's line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_decks import cli

SOURCE = """# Notes

## What does HTML stand for?

The ==HTML== spec, and a [styled link](https://example.org){onclick="alert(1)" style="color:red"}.

*[HTML]: Hyper Text Markup Language

## What is a heading anchor?

### Anchors

A permalink.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    (content / "sources" / "notes.md").write_text(SOURCE, encoding="utf-8")
    (content / "topics.yaml").write_text("default: g\ntopics:\n  - id: g\n    title: G\n",
                                         encoding="utf-8")
    return content


def configure(content: Path, extensions: str) -> None:
    (content / "config.yaml").write_text(f"title: Notes\n{extensions}", encoding="utf-8")


def build_errors(content: Path, capsys: pytest.CaptureFixture) -> str:
    """`build` fails on the config; its stderr."""
    assert cli.main(["--content", str(content), "build"]) == 1
    return capsys.readouterr().err


def assert_errors_at(content: Path, err: str, expected: tuple[tuple[int, str], ...]) -> None:
    config = content / "config.yaml"
    for line, message in expected:
        assert f"error: {config}:{line}: markdown_extensions: {message}" in err, err


def test_configured_extensions_render_and_are_sanitized_after(project: Path) -> None:
    configure(project, "markdown_extensions:\n  - abbr\n  - pymdownx.mark\n  - attr_list\n"
                       "  - toc:\n      permalink: true\n      toc_depth: 3\n")
    assert cli.main(["--content", str(project), "build"]) == 0
    pack = (project.parent / "dist" / "study-pack.html").read_text(encoding="utf-8")
    assert "\\u003cabbr title=\\\"Hyper Text Markup Language\\\"\\u003eHTML" in pack
    assert "\\u003cmark\\u003e\\u003cabbr" in pack  # ==HTML==, the abbreviation inside
    answers = " ".join(card["a"] for card in json.loads(
        pack.split('id="bd-data">', 1)[1].split("</script>", 1)[0])["cards"])
    assert "https://example.org" in answers
    assert "onclick" not in answers and "color:red" not in answers  # attr_list's: sanitized
    assert "headerlink" in answers and 'href="#' not in answers and "id=" not in answers


def test_each_wrong_entry_is_an_error_at_its_line(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture) -> None:
    (project / "mine.py").write_text("def makeExtension(**kwargs): ...\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(project))  # importable, as from `python -m` in content/
    configure(project, "markdown_extensions:\n"
                       "  - mine\n"                     # line 3
                       "  - pymdownx.snippets\n"        # line 4
                       "  - no.such.extension\n"        # line 5
                       "  - toc:\n"                     # line 6
                       "      permalinks: true\n"       # line 7
                       "  - pymdownx.magiclink:\n"      # line 8
                       "      hide_protocol: maybe\n")  # line 9
    err = build_errors(project, capsys)
    assert_errors_at(project, err, (
        (3, "'mine': no installed package has it"),
        (4, "'pymdownx.snippets': refused: it reads files"),
        (5, "'no.such.extension': no installed package has it"),
        (7, "'toc' has no option `permalinks`"),
        (9, "'pymdownx.magiclink': option `hide_protocol` is true or false, not 'maybe'")))
    assert "Traceback" not in err and not (project.parent / "dist").exists()


def test_the_entry_is_a_list(project: Path, capsys: pytest.CaptureFixture) -> None:
    configure(project, "markdown_extensions: abbr\n")
    assert cli.main(["--content", str(project), "check"]) == 1
    assert f"{project / 'config.yaml'}:2: `markdown_extensions` must be a list" in (
        capsys.readouterr().err)


def test_an_entry_runs_no_code_but_an_installed_extension(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    """The forms that got past the first checks (replay of the attack list): a refused module
    named as `module:Class`, a project file inside an installed namespace package (`python -m`
    puts the current folder first on the path), and an installed callable that is no
    Extension class; and an option of the wrong type."""
    ran = project / "ran"
    for folder in ("google", "anki"):
        (project / folder).mkdir()
        (project / folder / "localext.py").write_text(
            f"open({str(ran)!r}, 'w').write('ran')\ndef makeExtension(**kwargs): ...\n",
            encoding="utf-8")
    (project / "conftest.py").write_text(f"open({str(ran)!r}, 'w').write('ran')\n",
                                         encoding="utf-8")
    monkeypatch.syspath_prepend(str(project))
    monkeypatch.chdir(project)
    configure(project, "markdown_extensions:\n"
                       "  - pymdownx.snippets:SnippetExtension\n"  # line 3
                       "  - google.localext\n"                     # line 4
                       "  - anki.localext\n"                       # line 5
                       "  - pytest:main\n"                         # line 6
                       "  - toc:\n"                                # line 7
                       "      permalink: [1, 2]\n")                # line 8
    err = build_errors(project, capsys)
    assert_errors_at(project, err, (
        (3, "'pymdownx.snippets:SnippetExtension': refused: it reads files"),
        (4, "'google.localext': refused: its code is"),
        (5, "'anki.localext': refused: its code is"),
        (6, "'pytest:main' is not a Python-Markdown extension (TypeError: main is not a "
            "Python-Markdown Extension class)"),
        (8, "'toc': option `permalink` is a number (or true or false)")))
    assert not ran.exists() and "internal error" not in err
