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

from bs4 import BeautifulSoup, Comment, NavigableString
from markdownify import MarkdownConverter

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


def _address(value: str) -> str:
    """A link's address as a Markdown destination: spaces encoded, parentheses too unless
    they pair up (`Perceptrons_(book)` stays)."""
    value = value.replace(" ", "%20")
    if value.count("(") != value.count(")"):
        value = value.replace("(", "%28").replace(")", "%29")
    return value


class _Answer(MarkdownConverter):
    """Block Markdown: an answer or a note."""

    class Options:
        heading_style = "atx"
        bullets = "-"
        sub_symbol = "<sub>"
        sup_symbol = "<sup>"
        autolinks = False

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Text (never code): a line break in it is a space, as in HTML; what would start
        Markdown is escaped, `#`/`>` where the text may start a line."""
        return _LINE_START.sub(r"\1\\\2", _escaped(re.sub(r"[\t\n\r]+", " ", text)))

    def convert_br(self, el, text: str, parent_tags: set[str]) -> str:
        return " " if parent_tags & {"li", "_inline"} else "\n\n"

    def convert_a(self, el, text: str, parent_tags: set[str]) -> str:
        href = el.get("href") or ""
        if "_noformat" in parent_tags or not href or not text.strip():
            return text
        return f"[{text.strip()}]({_address(href)})"

    def convert_img(self, el, text: str, parent_tags: set[str]) -> str:
        src = el.get("src") or ""
        alt = (el.get("alt") or "").replace("[", "").replace("]", "")
        return f"![{alt}]({_address(src)})" if src else ""

    def convert_title(self, el, text: str, parent_tags: set[str]) -> str:
        return ""

    convert_head = convert_title
    convert_strike = MarkdownConverter.convert_del


class _Front(_Answer):
    """One line of question text: emphasis and link addresses dropped, blocks joined."""

    class Options(_Answer.Options):
        sub_symbol = ""
        sup_symbol = ""

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Inline text: no line of its own to start."""
        return _escaped(re.sub(r"[\t\n\r]+", " ", text))

    def _text(self, el, text: str, parent_tags: set[str]) -> str:
        return text

    def _spaced(self, el, text: str, parent_tags: set[str]) -> str:
        return f" {text} "

    convert_b = convert_strong = convert_i = convert_em = _text
    convert_s = convert_del = convert_strike = _text
    convert_a = _text
    convert_p = convert_div = convert_li = convert_ul = convert_ol = _spaced
    convert_blockquote = convert_dt = convert_dd = convert_dl = _spaced
    convert_table = convert_tr = convert_td = convert_th = _spaced

    def convert_br(self, el, text: str, parent_tags: set[str]) -> str:
        return " "

    def convert_hr(self, el, text: str, parent_tags: set[str]) -> str:
        return " "

    def convert_pre(self, el, text: str, parent_tags: set[str]) -> str:
        return f" {self.convert_code(el, ' '.join(text.split()), set())} "

    def convert_hN(self, n: int, el, text: str, parent_tags: set[str]) -> str:
        return f" {text} "


def _soup(fragment: str) -> BeautifulSoup:
    """The fragment parsed, only what follows Anki's last answer mark, numbers checked."""
    soup = BeautifulSoup(fragment, "html.parser")
    tags = soup.find_all(True)
    marks = [t for t in tags if t.name == "hr" and t.get("id") == "answer"]
    if marks:
        node = marks[-1]
        while node is not None and node is not soup:
            for before in list(node.previous_siblings):
                before.extract()
            node = node.parent
        marks[-1].extract()
    for tag in tags:
        if tag.name == "br":  # a line break starts a paragraph: no space around it
            for text, trim in ((tag.previous_sibling, str.rstrip), (tag.next_sibling, str.lstrip)):
                if isinstance(text, NavigableString) and not isinstance(text, Comment):
                    text.replace_with(trim(str(text)))
        for name in NUMBER_ATTRIBUTES:
            value = tag.get(name)
            if value is not None and not (value.isascii() and value.isdigit()):
                del tag[name]
    return soup


# One converter of each kind: markdownify reads its options once per instance.
_ANSWER, _FRONT = _Answer(), _Front()


def to_markdown(fragment: str) -> str:
    """A field's HTML as block Markdown (an answer, a note)."""
    if "<" not in fragment and "&" not in fragment:  # text alone: no markup to convert
        return _ANSWER.escape(fragment, set()).strip()
    text = _ANSWER.convert_soup(_soup(fragment))
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def to_front(fragment: str) -> str:
    """A field's HTML as one line of question text."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(_FRONT.escape(fragment, set()).split())
    return " ".join(_FRONT.convert_soup(_soup(fragment)).split())
