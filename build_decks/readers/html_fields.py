"""HTML fields of flashcard exports (Anki, Quizlet) as the Markdown the pipeline holds.

Anki stores every field as HTML. A field is converted by markdownify (over BeautifulSoup and
the standard library's HTML parser): `<b>` becomes `**`, `<code>` backticks, `<a>` a link,
`<img>` an image, `<div>`/`<p>` paragraphs, `<ul>/<ol>` lists, `<pre>` a fence; entities are
decoded; `<script>`/`<style>` are dropped; tags with no Markdown form keep their text, and
`<sub>`/`<sup>` stay as the small HTML the renderers allow. The Markdown goes on to the
project's renderer and sanitizer like any other answer. Choices of our own on top:
- `<br>` is a paragraph break: Anki writes paragraphs as lines ended by `<br>`;
- text is escaped only where it would start Markdown (`*`, `` ` ``, `_` at a word's edge, `<`,
  `#`/`>` at a line's start), so `snake_case` stays readable in the YAML; a line break in the
  text is a space, as in HTML (never the start of a Markdown list);
- a link's and an image's address get their spaces (and parentheses that do not pair up)
  percent-encoded, and an image's alt text loses its brackets, so the Markdown stays a link;
- the spaces around a `<br>` go with it;
- a field holding Anki's answer mark (`<hr id=answer>`, in a "Cards in Plain Text" export) is
  only what follows the mark;
- an `<ol start>` or a `colspan` that is not an ASCII number is dropped (HTML's rule: the
  default), since markdownify turns `²` into a crash.

A front is one line of question text, written as the Markdown reader writes a question:
emphasis dropped, inline code and images kept, a link's text kept without its address, and
line and block breaks joined by a space.
"""

from __future__ import annotations

import html
import re

from build_decks import html_events

# Elements whose presence makes a field HTML (not `a<b`, `List<T>` or `<your name>`).
HTML_ELEMENTS = frozenset("""
    a abbr b big blockquote br center code dd del div dl dt em font h1 h2 h3 h4 h5 h6 hr i
    img ins kbd li mark ol p pre s small span strike strong sub sup table tbody td th thead
    tr tt u ul
""".split())
NUMBER_ATTRIBUTES = ("start", "colspan", "rowspan")
# Characters that would start Markdown syntax inside text taken from HTML.
_INLINE_SPECIAL = re.compile(r"(?<!\\)([*`])|(?<![\w\\])_|_(?!\w)|<")
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s)|>)")


def is_html(text: str) -> bool:
    """The field holds a tag of a known HTML element or a character reference, as the HTML
    parser reads it (html_events; references decoded as the parser decodes them): `a<b`,
    `List<String>` and `R&D;` are text."""
    if "<" not in text and "&" not in text:
        return False
    return html.unescape(text) != text or any(
        e.kind in ("start", "end") and e.value in HTML_ELEMENTS for e in html_events.events(text))


def _escaped(text: str) -> str:
    return _INLINE_SPECIAL.sub(lambda m: "&lt;" if m.group(0) == "<" else "\\" + m.group(0),
                               text)


def escaped_block(text: str) -> str:
    """Text (never code) in block Markdown: a line break in it is a space, as in HTML; what
    would start Markdown is escaped, `#`/`>` where the text may start a line."""
    return _LINE_START.sub(r"\1\\\2", _escaped(re.sub(r"[\t\n\r]+", " ", text)))


def escaped_inline(text: str) -> str:
    """Text in one line of Markdown: no line of its own to start."""
    return _escaped(re.sub(r"[\t\n\r]+", " ", text))


def address(value: str) -> str:
    """A link's address as a Markdown destination: spaces encoded, parentheses too unless
    they pair up (`Perceptrons_(book)` stays)."""
    value = value.replace(" ", "%20")
    if value.count("(") != value.count(")"):
        value = value.replace("(", "%28").replace(")", "%29")
    return value


def to_markdown(fragment: str) -> str:
    """A field's HTML as block Markdown (an answer, a note)."""
    if "<" not in fragment and "&" not in fragment:  # text alone: no markup to convert
        return escaped_block(fragment).strip()
    from build_decks.readers.html_markdown import answer  # BeautifulSoup: see its module

    text = answer(fragment)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def to_front(fragment: str) -> str:
    """A field's HTML as one line of question text."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(escaped_inline(fragment).split())
    from build_decks.readers.html_markdown import front

    return " ".join(front(fragment).split())
